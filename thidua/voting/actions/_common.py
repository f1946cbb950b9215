"""Small checks shared by the voting actions, with Vietnamese messages."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import vn


def required_text(value: str | None, field: str, max_length: int = 255) -> str:
    text = vn.clean_text(value or "")
    if not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(text) > max_length:
        raise ValidationError({field: _("Enter at most %(n)s characters.") % {"n": max_length}})
    return text


def optional_text(value: str | None, field: str, max_length: int = 255) -> str:
    text = vn.clean_text(value or "")
    if len(text) > max_length:
        raise ValidationError({field: _("Enter at most %(n)s characters.") % {"n": max_length}})
    return text


def long_text(value: str | None, field: str, *, required: bool = False) -> str:
    """Multi-line text: NFC, trimmed, lines kept."""
    text = "\n".join(vn.clean_text(line) for line in (value or "").splitlines()).strip()
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    return text


def aware(value: datetime.datetime) -> datetime.datetime:
    """Naive times are read in the project's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def check_times(opens_at, closes_at) -> tuple[datetime.datetime, datetime.datetime]:
    if opens_at is None:
        raise ValidationError({"opens_at": _("This field cannot be empty.")})
    if closes_at is None:
        raise ValidationError({"closes_at": _("This field cannot be empty.")})
    opens_at, closes_at = aware(opens_at), aware(closes_at)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})
    return opens_at, closes_at


def whole_number(value, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError(
            {
                field: _("Enter a whole number from %(low)s to %(high)s.")
                % {"low": low, "high": high}
            }
        )
    return value


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    """The reference time of a rule: now, unless the demo replays history."""
    return now or timezone.now()


def when(value: datetime.datetime) -> str:
    """ "08:00 ngày 15 tháng 12 năm 2020", in Viet Nam's time."""
    local = timezone.localtime(value)
    return f"{local:%H:%M} {vn.format_date(local.date())}"
