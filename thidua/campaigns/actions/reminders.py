"""Registration reminders: in-app notifications and e-mail to the members that are behind."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster
from thidua.core import audit, vn

from .. import queries
from ..models import Notification, NotificationKind

logger = logging.getLogger(__name__)


@dataclass
class ReminderOutcome:
    units: list = field(default_factory=list)
    notifications: int = 0
    emails: int = 0


def _message(cluster: Cluster, row: queries.MemberStatus, deadline) -> str:
    values = {
        "unit": row.unit.name,
        "cluster": cluster.name,
        "year": cluster.emulation_year.year,
        "n": row.model_count,
        "min": row.min_models,
    }
    if row.missing:
        text = _("%(unit)s has not yet registered for %(cluster)s in %(year)s.") % values
    else:
        text = (
            _(
                "%(unit)s registered %(n)s thematic emulation(s) or new model(s) for "
                "%(cluster)s in %(year)s; the cluster asks for at least %(min)s."
            )
            % values
        )
    if deadline is not None:
        text += " " + _("Deadline: %(date)s.") % {"date": vn.format_short_date(deadline)}
    return text


def _deliver(messages: list[tuple[str, str, str, list[str]]]) -> None:
    """Runs after commit: a failing mail server must not undo the reminders already recorded."""
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # logged: the in-app notifications stand
        logger.exception("campaigns: sending %s reminder e-mail(s) failed", len(messages))


@transaction.atomic
def send_registration_reminders(*, cluster: Cluster, by, via: str = "web") -> ReminderOutcome:
    """Remind the members that have not registered or are below the cluster's minimum.

    Every officer of those units gets an in-app notification, and an e-mail when they have an
    address; the mails leave only once the transaction has committed. One audit row per call.
    """
    rule = queries.rule_for(cluster)
    rows = [r for r in queries.registration_status(cluster, rule) if r.needs_reminder]
    outcome = ReminderOutcome(units=[r.unit for r in rows])
    if not rows:
        return outcome
    by_unit = {r.unit.pk: r for r in rows}
    notifications, mails = [], []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: emulation registration %(year)s — %(cluster)s") % {
            "year": cluster.emulation_year.year,
            "cluster": cluster.name,
        }
        for role in queries.unit_officers(by_unit):
            row = by_unit[role.unit_id]
            text = _message(cluster, row, rule.deadline)
            link = reverse("campaigns:registration_edit", args=[cluster.pk, row.unit.pk])
            notifications.append(
                Notification(
                    recipient=role.user,
                    kind=NotificationKind.REGISTRATION_REMINDER,
                    unit=row.unit,
                    cluster=cluster,
                    message=text,
                    link=link,
                )
            )
            if role.user.email:
                body = text + "\n\n" + _("Sign in to the emulation system to register.")
                mails.append((subject, body, settings.DEFAULT_FROM_EMAIL, [role.user.email]))
    Notification.objects.bulk_create(notifications)
    outcome.notifications, outcome.emails = len(notifications), len(mails)
    audit.record(
        actor=by,
        action="campaigns.registration.reminded",
        obj=cluster,
        after={
            "units": [r.unit.pk for r in rows],
            "missing": [r.unit.pk for r in rows if r.missing],
            "below_minimum": [r.unit.pk for r in rows if r.below_minimum],
            "notifications": outcome.notifications,
            "emails": outcome.emails,
        },
        unit=cluster.leader,
        via=via,
    )
    if mails:
        transaction.on_commit(lambda: _deliver(mails))
    return outcome


@transaction.atomic
def mark_notification_read(*, notification: Notification, by) -> bool:
    """Mark one notification read (a conditional update: reading twice changes nothing)."""
    now = timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=now
    )
    if changed:
        notification.read_at = now
        audit.record(
            actor=by,
            action="campaigns.notification.read",
            obj=notification,
            after={"read_at": now},
            unit=notification.unit,
        )
    return bool(changed)
