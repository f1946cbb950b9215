"""`manage.py backup_data FILE`: the database and the uploaded files in one archive (see
thidua.core.backup). Safe while the application runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar archive."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write, e.g. thidua.tar.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, file: Path, database: str, verbosity=1, **options):
        try:
            manifest = make_backup(file, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity >= 1:
            rows = sum(manifest["counts"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Backed up %(engine)s: %(tables)s tables, %(rows)s rows, "
                        "%(files)s uploads → %(file)s"
                    )
                    % {
                        "engine": manifest["engine"],
                        "tables": len(manifest["counts"]),
                        "rows": rows,
                        "files": len(manifest["uploads"]),
                        "file": file,
                    }
                )
            )
