"""Close every open ballot whose closing time has passed, and count it (run it every few minutes
from cron or a systemd timer). Results stay sealed until each organiser releases them."""

from django.core.management.base import BaseCommand

from thidua.voting.actions import close_due_ballots


class Command(BaseCommand):
    help = "Đóng và kiểm phiếu các cuộc bỏ phiếu đã quá giờ kết thúc (kết quả vẫn niêm phong)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the ballots due; change nothing."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        ballots = close_due_ballots(dry_run=dry_run)
        if verbosity >= 1:
            verb = "Sẽ đóng" if dry_run else "Đã đóng"
            self.stdout.write(f"{verb} {len(ballots)} cuộc bỏ phiếu.")
        if verbosity >= 2:
            for ballot in ballots:
                self.stdout.write(f"  #{ballot.pk} {ballot}")
