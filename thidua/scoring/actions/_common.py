"""Helpers shared by the scoring actions: the round lock, its windows, texts and snapshots."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import vn

from ..models import RoundStatus, ScoreLine, ScoringRound

LINE_SELF_FIELDS = ("self_value", "self_choice", "self_points", "self_note")
LINE_VALIDATED_FIELDS = ("validated_points", "validated_reason")


def today_or(today: datetime.date | None) -> datetime.date:
    """The reference day of a rule: today in Asia/Ho_Chi_Minh unless replaying history."""
    return today or timezone.localdate()


def deadline(scoring_round: ScoringRound) -> datetime.date:
    """The last day a unit can self-score: the closing date plus the grace period."""
    return scoring_round.closes_on + datetime.timedelta(days=scoring_round.grace_days)


def lock_round(scoring_round: ScoringRound) -> ScoringRound:
    """The round's row, locked until the transaction ends: score writes and publishing are
    serialised per round, so a published ranking never misses a score saved at the same time."""
    locked = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    if "cluster" in scoring_round._state.fields_cache:
        locked.cluster = scoring_round.cluster
    if "pledge_version" in scoring_round._state.fields_cache:
        locked.pledge_version = scoring_round.pledge_version
    return locked


def require_self_scoring_open(scoring_round: ScoringRound, today: datetime.date | None) -> None:
    day = today_or(today)
    if scoring_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Self-scoring is closed for this round."))
    if day < scoring_round.opens_on:
        raise ValidationError(
            _("Self-scoring opens on %(date)s.")
            % {"date": vn.format_short_date(scoring_round.opens_on)}
        )
    if day > deadline(scoring_round):
        raise ValidationError(
            _("The self-scoring deadline (%(date)s) has passed.")
            % {"date": vn.format_short_date(deadline(scoring_round))}
        )


def require_not_published(scoring_round: ScoringRound) -> None:
    if scoring_round.status == RoundStatus.PUBLISHED:
        raise ValidationError(_("The round is published: its scores can no longer change."))


def required_text(value: str | None, field: str, max_length: int = 255) -> str:
    text = vn.clean_text(value or "")
    if not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(text) > max_length:
        raise ValidationError({field: _("Enter at most %(n)s characters.") % {"n": max_length}})
    return text


def long_text(value: str | None, field: str = "", *, required: bool = False) -> str:
    """Multi-line text: NFC, trimmed, lines kept; at most 5 000 characters."""
    lines = [vn.clean_text(line) for line in vn.nfc(value or "").splitlines()]
    text = "\n".join(lines).strip()
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(text) > 5000:
        raise ValidationError({field: _("Enter at most %(n)s characters.") % {"n": 5000}})
    return text


def user_or_none(by):
    return by if getattr(by, "is_authenticated", False) else None


def line_snapshot(line: ScoreLine, fields) -> dict:
    from thidua.core import audit

    return audit.snapshot(line, fields)


def stored(line: ScoreLine, fields) -> dict:
    """The line's fields as stored now (for the audit's "before"), in one small query."""
    from thidua.core import audit

    row = ScoreLine.objects.filter(pk=line.pk).values(*fields).get()
    return audit.snapshot(ScoreLine(**row), fields)
