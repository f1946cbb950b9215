"""Load the Hà Nội demo built from shared/seeds. Idempotent; refuses to run with DEBUG off.

Each app contributes a `demo.seed(ctx)` module, run in DEMO_APPS order inside one transaction;
`ctx` carries what earlier apps made ("units", "clusters", "accounts" …) for later ones.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from thidua.accounts.demo import PASSWORD

DEMO_APPS = [
    "organizations",
    "clusters",
    "accounts",
    "campaigns",
    "pledges",
    "scoring",
    "voting",
    "awards",
]


def demo_modules():
    for label in DEMO_APPS:
        if not apps.is_installed(f"thidua.{label}"):
            continue
        package = import_module(f"thidua.{label}")
        if module_has_submodule(package, "demo"):
            yield import_module(f"thidua.{label}.demo")


class Command(BaseCommand):
    help = "Load the Hà Nội demo data (units, clusters, accounts …). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Roll back at the end.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo chỉ chạy khi DEBUG bật: dữ liệu mẫu không dành cho môi trường thật "
                "(demo data is for development only)."
            )
        ctx: dict = {}
        with transaction.atomic():
            for module in demo_modules():
                module.seed(ctx)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu Hà Nội đã sẵn sàng."))
            self.stdout.write(
                f"Mở http://127.0.0.1:{settings.DEMO_PORT}/ — mật khẩu chung của mọi tài khoản: "
                f"{PASSWORD}"
            )
            for login, name, what in ctx.get("accounts", []):
                self.stdout.write(f"  {login:<14} {name} — {what}")
