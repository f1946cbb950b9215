"""Backup round trip: `backup_data` → `restore_data` into an empty database → the application runs
on it (no migration missing, pages and the API answer, every table has the same rows, uploaded
files come back byte for byte).

The PostgreSQL test is the one the issue asks for (pg_dump/pg_restore); the SQLite one checks the
same command on the development database. The restored application runs in a subprocess with its
own DATABASE_URL and upload folder, as an operator would run it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from thidua.core.backup import _counts

ROOT = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n% bien ban kiem tra cheo\n%%EOF\n"


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _world(tree, cast, cluster):
    """Rows in most apps and one uploaded file."""
    from thidua.campaigns.tests import factories as cf
    from thidua.clusters import actions
    from thidua.pledges.tests import factories as pf

    f = {"tree": tree, "cast": cast, "cluster": cluster}
    pf.locked_pledge(f)
    cf.report(f)
    cf.exemplar(f)
    document = actions.add_cluster_document(
        cluster=cluster,
        kind="plan",
        number="01/KH-CTĐ",
        issued_on="2020-02-20",
        title="Kế hoạch hoạt động của Cụm",
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
        by=cast["leader"],
    )
    return document


PAGE_CHECK = """
from django.test import Client
from thidua.accounts.models import User
c = Client(HTTP_HOST="localhost")
c.force_login(User.objects.get(username="board"))
page = c.get("/clusters/{cluster}/")
api = c.get("/api/v1/clusters/{cluster}")
doc = c.get("/clusters/documents/{document}/")
body = b"".join(doc.streaming_content) if doc.streaming else doc.content
print(page.status_code, api.status_code, doc.status_code, api.json()["name"], body == {pdf!r})
"""


def _round_trip(tmp_path, tree, cast, cluster, *, target_url: str, target_counts):
    document = _world(tree, cast, cluster)
    before = _counts("default")
    assert before["pledges_signature"] == 3 and before["clusters_clusterdocument"] == 1

    archive = tmp_path / "thidua.tar"
    call_command("backup_data", str(archive), verbosity=0)
    with tarfile.open(archive) as t:
        names = t.getnames()
    assert "manifest.json" in names and any(n.startswith("uploads/") for n in names)

    var = tmp_path / "restored-var"
    env = {
        **os.environ,
        "DATABASE_URL": target_url,
        "THIDUA_VAR_DIR": str(var),
        "DJANGO_DEBUG": "1",
    }
    restored = _manage("restore_data", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "khớp từng bảng" in restored.stdout

    assert target_counts() == before  # every table, every row count
    migrations = _manage("migrate", "--check", "--no-input", env=env)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    check = _manage(
        "shell",
        "-c",
        PAGE_CHECK.format(cluster=cluster.pk, document=document.pk, pdf=PDF),
        env=env,
    )
    assert check.returncode == 0, check.stderr
    last = check.stdout.strip().splitlines()[-1]  # after the shell's own notice
    assert last.split()[:3] == ["200", "200", "200"] and last.endswith("True"), check.stdout
    assert cluster.name in last

    settled = target_counts()  # the page check signed in: a session row and an access log row
    again = _manage("restore_data", str(archive), env=env)  # into a database no longer empty
    assert again.returncode != 0 and "trống" in again.stderr
    assert target_counts() == settled


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_postgresql_database(tmp_path, tree, cast, cluster):
    import psycopg

    params = connection.settings_dict
    name = f"thidua_restore_{uuid.uuid4().hex[:10]}"
    admin = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
    }
    user = params["USER"] or "postgres"
    auth = f"{user}:{params['PASSWORD']}@" if params["PASSWORD"] else f"{user}@"
    url = f"postgres://{auth}{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"

    def counts():
        with psycopg.connect(**{**admin, "dbname": name}) as c:
            tables = [
                r[0]
                for r in c.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return {t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}

    with psycopg.connect(**admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        _round_trip(tmp_path, tree, cast, cluster, target_url=url, target_counts=counts)
    finally:
        with psycopg.connect(**admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_sqlite_database(tmp_path, tree, cast, cluster):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant of the round trip")
    target = tmp_path / "restored.sqlite3"

    def counts():
        with sqlite3.connect(target) as c:
            tables = [
                r[0]
                for r in c.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
                )
            ]
            result = {t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        c.close()
        return result

    _round_trip(
        tmp_path, tree, cast, cluster, target_url=f"sqlite:///{target}", target_counts=counts
    )


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "not-a-backup.tar"
    bogus.write_bytes(b"<html>not an archive</html>")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore_data", str(bogus), verbosity=0)
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("restore_data", str(tmp_path / "missing.tar"), verbosity=0)
