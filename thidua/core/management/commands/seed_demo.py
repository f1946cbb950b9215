"""Load the Hà Nội demo built from shared/seeds. Idempotent; refuses to run with DEBUG off."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.accounts import demo as accounts_demo
from thidua.clusters import demo as clusters_demo
from thidua.organizations import demo as organizations_demo


class Command(BaseCommand):
    help = "Load the Hà Nội demo data (units, clusters, accounts). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo chỉ chạy khi DEBUG bật: dữ liệu mẫu không dành cho "
                "môi trường thật (demo data is for development only)."
            )
        with transaction.atomic():
            units = organizations_demo.seed()
            clusters_demo.seed(units)
            accounts = accounts_demo.seed(units)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu Hà Nội đã sẵn sàng."))
            self.stdout.write(
                f"Đăng nhập tại http://127.0.0.1:{settings.DEMO_PORT}/ — mật khẩu "
                f"chung: {accounts_demo.PASSWORD}"
            )
            for login, name, what in accounts:
                self.stdout.write(f"  {login:<14} {name} ({what})")
