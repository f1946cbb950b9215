"""`manage.py restore_data FILE`: restore an archive of backup_data into an EMPTY database of the
same engine (create it, do not migrate it) and the upload folder; the row count of every table is
checked against the archive's manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup_data archive into an empty database and the upload folder."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive written by backup_data.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, file: Path, database: str, verbosity=1, **options):
        try:
            manifest = restore_backup(file, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity >= 1:
            rows = sum(manifest["counts"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Restored the backup of %(created)s: %(tables)s tables, %(rows)s rows "
                        "(every table matches), %(files)s uploads."
                    )
                    % {
                        "created": manifest["created_at"],
                        "tables": len(manifest["counts"]),
                        "rows": rows,
                        "files": len(manifest["uploads"]),
                    }
                )
            )
