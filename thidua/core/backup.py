"""Backups of the whole application: the database and the uploaded files, in one tar archive.

The archive holds
  manifest.json     format, database engine, time, applied migrations, the row count of each table
  database.dump     PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore`), or
  database.sqlite3  SQLite: a copy made with SQLite's online backup API
  uploads/…         the files of the default storage (cluster documents and other uploads)

On PostgreSQL the row counts and the dump read the same snapshot (`pg_export_snapshot` in a
repeatable-read transaction, passed to `pg_dump --snapshot`), so the manifest describes exactly
what was dumped while the application keeps running. A restore goes into an empty database of
the same engine (run `migrate` nowhere before it), then checks each table's row count against the
manifest; any difference fails the restore.

Connection settings reach pg_dump and pg_restore through the PG* environment variables, never on
the command line (where other users of the machine could read a password).
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(
            _("Backups of a %(vendor)s database are not supported.") % {"vendor": vendor}
        )
    return vendor


def _pg_env(alias: str) -> dict[str, str]:
    params = connections[alias].settings_dict
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            env[name] = str(params[key])
    return env


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables(alias):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(alias: str) -> list[list[str]]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def _uploads_dir() -> Path | None:
    location = settings.STORAGES.get("default", {}).get("OPTIONS", {}).get("location")
    return Path(location) if location else None


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _dump_postgresql(alias: str, target: Path) -> tuple[dict[str, int], list]:
    connection = connections[alias]
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts, migrations = _counts(alias), _migrations(alias)
        command = [
            shutil.which("pg_dump") or "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        ]
        result = subprocess.run(command, env=_pg_env(alias), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
    return counts, migrations


def _dump_sqlite(alias: str, target: Path) -> tuple[dict[str, int], list]:
    connection = connections[alias]
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    with sqlite3.connect(target) as copy:
        names = [
            r[0]
            for r in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {n: copy.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
        migrations = [
            list(r) for r in copy.execute("SELECT app, name FROM django_migrations ORDER BY 1, 2")
        ]
    copy.close()
    return dict(sorted(counts.items())), migrations


def make_backup(path: Path, *, alias: str = "default") -> dict:
    """Write the archive to `path`; return its manifest."""
    engine = _engine(alias)
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DUMP_NAMES[engine]
        dumper = _dump_postgresql if engine == "postgresql" else _dump_sqlite
        counts, migrations = dumper(alias, dump)
        uploads = _uploads_dir()
        files = (
            sorted(p for p in uploads.rglob("*") if p.is_file())
            if uploads and uploads.is_dir()
            else []
        )
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "migrations": migrations,
            "counts": counts,
            "uploads": [str(p.relative_to(uploads)) for p in files],
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            _add_bytes(
                archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            )
            archive.add(dump, arcname=dump.name)
            for file in files:
                archive.add(file, arcname=f"{UPLOADS}/{file.relative_to(uploads)}")
        partial.replace(path)  # a crash mid-way never leaves a truncated archive under the name
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read().decode()) if member else None
    except (KeyError, ValueError) as exc:
        raise BackupError(
            _("The file is not a backup of this application (no manifest.json).")
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("The backup's format is not supported."))
    return manifest


def _restore_postgresql(alias: str, dump: Path) -> None:
    command = [
        shutil.which("pg_restore") or "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={connections[alias].settings_dict['NAME']}",
        str(dump),
    ]
    connections[alias].close()
    result = subprocess.run(command, env=_pg_env(alias), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(_("pg_restore failed: %(error)s") % {"error": result.stderr.strip()})


def _restore_sqlite(alias: str, dump: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def restore_backup(path: Path, *, alias: str = "default") -> dict:
    """Restore the archive into the empty database `alias` and the upload folder; return the
    manifest. Refuses a database that already has tables and upload files that already exist."""
    engine = _engine(alias)
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Backup file %(path)s not found.") % {"path": path})
    if not tarfile.is_tarfile(path):
        raise BackupError(_("The file is not a backup of this application (it cannot be read)."))
    with tarfile.open(path, "r") as archive, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(archive)
        if manifest.get("engine") != engine:
            raise BackupError(
                _("A backup of %(source)s cannot be restored into %(target)s.")
                % {"source": manifest.get("engine"), "target": engine}
            )
        if _tables(alias):
            raise BackupError(
                _("The target database already has tables: restore only into an empty database.")
            )
        uploads = _uploads_dir()
        clashes = [
            name for name in manifest.get("uploads", []) if uploads and (uploads / name).exists()
        ]
        if clashes:
            raise BackupError(
                _("The upload folder already holds %(count)s files of the same names.")
                % {"count": len(clashes)}
            )
        archive.extractall(tmp, filter="data")  # the "data" filter refuses ../ and links out
        dump = Path(tmp) / DUMP_NAMES[engine]
        if not dump.is_file():
            raise BackupError(_("The backup has no database file."))
        (_restore_postgresql if engine == "postgresql" else _restore_sqlite)(alias, dump)
        got = _counts(alias)
        want = manifest["counts"]
        if got != want:
            differ = sorted(t for t in set(got) | set(want) if got.get(t) != want.get(t))
            raise BackupError(
                _("After the restore these tables have other row counts than the backup: %(t)s")
                % {"t": ", ".join(differ)}
            )
        if manifest.get("uploads"):
            if uploads is None:
                raise ImproperlyConfigured("STORAGES['default'] has no location for uploads.")
            source = Path(tmp) / UPLOADS
            for name in manifest["uploads"]:
                (uploads / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, uploads / name)
    return manifest
