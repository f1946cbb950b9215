"""Remind the member units that have not handed in their self-scoring before the deadline.

Meant for a daily periodic run (cron, a systemd timer): for every open round whose deadline (the
closing date plus the grace period) falls within the next --days days (today included), the
units that have not handed in are reminded in the application and by e-mail to their officers —
at most once a day per round. --dry-run lists what would be sent and writes nothing; --verbosity 0
is silent, 1 prints a summary, 2 every unit.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thidua.campaigns.models import Notification
from thidua.scoring import actions, queries
from thidua.scoring.actions._common import deadline
from thidua.scoring.actions.reminders import NOTIFICATION_KIND
from thidua.scoring.models import RoundStatus, ScoringRound


class Command(BaseCommand):
    help = (
        "Nhắc các đơn vị chưa nộp kết quả tự chấm điểm trước hạn của đợt chấm "
        "(remind members before the self-scoring deadline)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="Remind when the deadline is this close (3)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders without sending them."
        )

    def handle(self, *args, days=3, dry_run=False, verbosity=1, **options):
        if days < 0:
            raise CommandError("--days phải là số không âm (must not be negative).")
        today = timezone.localdate()
        rounds = (
            ScoringRound.objects.filter(status=RoundStatus.OPEN, opens_on__lte=today)
            .select_related("cluster__emulation_year", "cluster__leader")
            .order_by("closes_on", "pk")
        )
        count = units = notifications = emails = 0
        for scoring_round in rounds:
            last_day = deadline(scoring_round)
            if not today <= last_day <= today + datetime.timedelta(days=days):
                continue
            if self._reminded_today(scoring_round, today):
                if verbosity >= 2:
                    self.stdout.write(f"{scoring_round}: đã nhắc hôm nay, bỏ qua.")
                continue
            behind = queries.units_behind(scoring_round)
            if not behind:
                continue
            count += 1
            if verbosity >= 2:
                self.stdout.write(f"{scoring_round} (hạn {last_day:%d/%m/%Y}):")
                for row in behind:
                    self.stdout.write(f"  - {row.unit.name}: {row.scored}/{row.criteria} tiêu chí")
            if dry_run:
                units += len(behind)
                continue
            with transaction.atomic():
                outcome = actions.send_scoring_reminders(
                    scoring_round=scoring_round, by=None, via="command"
                )
            units += len(outcome.units)
            notifications += outcome.notifications
            emails += outcome.emails
        if verbosity >= 1:
            if dry_run:
                self.stdout.write(
                    f"Chạy thử: sẽ nhắc {units} đơn vị của {count} đợt chấm; không gửi gì."
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Đã nhắc {units} đơn vị của {count} đợt chấm: {notifications} thông báo, "
                        f"{emails} thư điện tử."
                    )
                )

    @staticmethod
    def _reminded_today(scoring_round: ScoringRound, today: datetime.date) -> bool:
        return Notification.objects.filter(
            cluster_id=scoring_round.cluster_id, kind=NOTIFICATION_KIND, created_at__date=today
        ).exists()
