"""Small checks shared by the campaigns actions (text, numbers, dates), with Vietnamese messages."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import vn

MAX_VALUE = Decimal(10) ** 17  # what a DecimalField(max_digits=20, decimal_places=2) holds


def required_text(value: str | None, field: str, max_length: int = 255) -> str:
    """NFC, single-spaced text that must not be empty (or only invisible characters)."""
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


def long_text(value: str | None) -> str:
    """Multi-line text: NFC, trimmed, lines kept."""
    lines = [vn.clean_text(line) for line in (value or "").splitlines()]
    return "\n".join(lines).strip()


def amount(value, field: str, *, required: bool = True) -> Decimal | None:
    """A non-negative decimal that fits the database column."""
    if value is None or value == "":
        if required:
            raise ValidationError({field: _("This field cannot be empty.")})
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    if number < 0:
        raise ValidationError({field: _("The value cannot be negative.")})
    if number >= MAX_VALUE:
        raise ValidationError({field: _("The value is too large.")})
    return number.quantize(Decimal("0.01"))


def year_in_range(value: int, field: str) -> int:
    if not isinstance(value, int) or not 1945 <= value <= 2100:
        raise ValidationError({field: _("Enter a year between 1945 and 2100.")})
    return value


def today_or(today: datetime.date | None) -> datetime.date:
    """The reference day of a rule: today in Asia/Ho_Chi_Minh unless replaying history."""
    return today or timezone.localdate()


def not_in_future(day: datetime.date, field: str, today: datetime.date) -> None:
    if day > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
