"""Checks shared by the award actions (every message in Vietnamese through gettext)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import vn
from thidua.core.errors import StaleEditError

from ..models.registry import MAX_YEAR, MIN_YEAR


def text(value, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    cleaned = vn.clean_text(value or "")
    if required and not cleaned:
        raise ValidationError({field: _("This field cannot be empty.")})
    if max_length is not None and len(cleaned) > max_length:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_length}})
    return cleaned


def long_text(value) -> str:
    """A multi-line note: NFC, lines trimmed, no invisible characters."""
    lines = [vn.clean_text(line) for line in (value or "").splitlines()]
    return "\n".join(lines).strip()


def choice(value, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("This value is not one of the allowed choices.")})
    return value


def past_year(value, field: str = "year") -> int:
    """An evaluation year between 1945 and this year (nothing is rated in advance)."""
    this_year = timezone.localdate().year
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError({field: _("Enter a year.")})
    if not MIN_YEAR <= value <= min(this_year, MAX_YEAR):
        raise ValidationError(
            {
                field: _("The year must be between %(low)s and %(high)s.")
                % {"low": MIN_YEAR, "high": this_year}
            }
        )
    return value


def past_date(value: datetime.date | None, field: str) -> datetime.date:
    if value is None:
        raise ValidationError({field: _("This field cannot be empty.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if value.year < MIN_YEAR:
        raise ValidationError({field: _("The date is too early.")})
    return value


def check_version(locked, version: int) -> None:
    if locked.version != version:
        raise StaleEditError(current=locked)
