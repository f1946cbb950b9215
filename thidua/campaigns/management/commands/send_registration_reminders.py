"""Remind cluster members whose emulation registration is missing or below the cluster's minimum.

Meant for a daily periodic run (cron, a systemd timer): for every cluster whose registration
deadline falls within the next --days days (today included), the units that have not registered
or registered fewer thematic emulations / new models than the rule asks are reminded in the
application and by e-mail to their officers — at most once a day per cluster. --dry-run lists what
would be sent and writes nothing; --verbosity 0 is silent, 1 prints a summary, 2 every unit.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thidua.campaigns import actions, queries
from thidua.campaigns.models import Notification, NotificationKind, RegistrationRule


class Command(BaseCommand):
    help = (
        "Nhắc các đơn vị chưa đăng ký thi đua hoặc đăng ký chưa đủ số chuyên đề / mô hình mới "
        "trước hạn đăng ký của cụm (remind members before the registration deadline)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="Remind when the deadline is this close (7)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders without sending them."
        )

    def handle(self, *args, days=7, dry_run=False, verbosity=1, **options):
        if days < 0:
            raise CommandError("--days phải là số không âm (must not be negative).")
        today = timezone.localdate()
        rules = (
            RegistrationRule.objects.filter(
                deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
            )
            .select_related("cluster__emulation_year", "cluster__leader")
            .order_by("deadline", "pk")
        )
        clusters = units = notifications = emails = 0
        for rule in rules:
            cluster = rule.cluster
            if self._reminded_today(cluster, today):
                if verbosity >= 2:
                    self.stdout.write(f"{cluster}: đã nhắc hôm nay, bỏ qua.")
                continue
            behind = [r for r in queries.registration_status(cluster, rule) if r.needs_reminder]
            if not behind:
                continue
            clusters += 1
            if verbosity >= 2:
                self.stdout.write(f"{cluster} (hạn {rule.deadline:%d/%m/%Y}):")
                for row in behind:
                    state = (
                        "chưa đăng ký"
                        if row.missing
                        else (f"{row.model_count}/{row.min_models} chuyên đề, mô hình mới")
                    )
                    self.stdout.write(f"  - {row.unit.name}: {state}")
            if dry_run:
                units += len(behind)
                continue
            with transaction.atomic():
                outcome = actions.send_registration_reminders(
                    cluster=cluster, by=None, via="command"
                )
            units += len(outcome.units)
            notifications += outcome.notifications
            emails += outcome.emails
        if verbosity >= 1:
            if dry_run:
                self.stdout.write(
                    f"Chạy thử: sẽ nhắc {units} đơn vị của {clusters} cụm; không gửi gì."
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Đã nhắc {units} đơn vị của {clusters} cụm: {notifications} thông báo, "
                        f"{emails} thư điện tử."
                    )
                )

    @staticmethod
    def _reminded_today(cluster, today: datetime.date) -> bool:
        return Notification.objects.filter(
            cluster=cluster,
            kind=NotificationKind.REGISTRATION_REMINDER,
            created_at__date=today,
        ).exists()
