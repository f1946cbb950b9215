"""Reminders to the units that have not handed in their self-scoring: in-app and by e-mail."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.campaigns.models import Notification
from thidua.core import audit, vn

from .. import queries
from ..models import RoundStatus, ScoringRound
from ._common import deadline

logger = logging.getLogger(__name__)
NOTIFICATION_KIND = "scoring_reminder"


@dataclass
class ReminderOutcome:
    units: list = field(default_factory=list)
    notifications: int = 0
    emails: int = 0


def _deliver(messages: list[tuple[str, str, str, list[str]]]) -> None:
    """Runs after commit: a failing mail server must not undo the reminders already recorded."""
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # logged: the in-app notifications stand
        logger.exception("scoring: sending %s reminder e-mail(s) failed", len(messages))


@transaction.atomic
def send_scoring_reminders(*, scoring_round: ScoringRound, by, via: str = "web") -> ReminderOutcome:
    """Remind every officer of the units that have not handed in their self-scoring (an in-app
    notification, and an e-mail once the transaction has committed). One audit row per call."""
    if scoring_round.status != RoundStatus.OPEN:
        return ReminderOutcome()
    behind = queries.units_behind(scoring_round)
    outcome = ReminderOutcome(units=[row.unit for row in behind])
    if not behind:
        return outcome
    by_unit = {row.unit.pk: row for row in behind}
    cluster = scoring_round.cluster
    notifications, mails = [], []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: self-scoring %(year)s — %(cluster)s") % {
            "year": cluster.emulation_year.year,
            "cluster": cluster.name,
        }
        for role in queries.unit_officers(by_unit):
            row = by_unit[role.unit_id]
            text = _(
                "%(unit)s has scored %(done)s of %(total)s criteria of %(round)s and has not "
                "handed in its self-scoring. Deadline: %(date)s."
            ) % {
                "unit": row.unit.name,
                "done": row.scored,
                "total": row.criteria,
                "round": scoring_round.title,
                "date": vn.format_short_date(deadline(scoring_round)),
            }
            link = reverse("scoring:sheet", args=[scoring_round.pk, row.unit.pk])
            notifications.append(
                Notification(
                    recipient=role.user,
                    kind=NOTIFICATION_KIND,
                    unit=row.unit,
                    cluster=cluster,
                    message=text,
                    link=link,
                )
            )
            if role.user.email:
                body = text + "\n\n" + _("Sign in to the emulation system to self-score.")
                mails.append((subject, body, settings.DEFAULT_FROM_EMAIL, [role.user.email]))
    Notification.objects.bulk_create(notifications)
    outcome.notifications, outcome.emails = len(notifications), len(mails)
    audit.record(
        actor=by,
        action="scoring.round.reminded",
        obj=scoring_round,
        after={
            "units": [row.unit.pk for row in behind],
            "notifications": outcome.notifications,
            "emails": outcome.emails,
        },
        unit=cluster.leader,
        via=via,
    )
    if mails:
        transaction.on_commit(lambda: _deliver(mails))
    return outcome
