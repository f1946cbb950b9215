"""Writes to progress reports: a unit's figure for a target, inside the owner's window."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.core import audit, vn
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Unit

from .. import queries
from ..models import PeakCampaign, ProgressReport, Target
from ._common import amount, long_text, not_in_future, today_or

REPORT_FIELDS = ("target", "unit", "as_of", "value", "note")


def _check_window(target: Target, as_of: datetime.date) -> None:
    owner = target.owner
    start, end = owner.window
    if start <= as_of <= end:
        return
    if isinstance(owner, PeakCampaign):
        message = _(
            "The report date must fall within the campaign window (from %(start)s to %(end)s)."
        )
    else:
        message = _("The report date must fall within the movement's years (%(start)s to %(end)s).")
    raise ValidationError(
        {
            "as_of": message
            % {"start": vn.format_short_date(start), "end": vn.format_short_date(end)}
        }
    )


def _duplicate() -> ValidationError:
    return ValidationError(
        {"as_of": _("This unit already reported on this target for that date; edit that report.")}
    )


@transaction.atomic
def report_progress(
    *,
    target: Target,
    unit: Unit,
    as_of: datetime.date,
    value: Decimal,
    note: str = "",
    is_sample: bool = False,
    today: datetime.date | None = None,
    by,
) -> ProgressReport:
    """A unit reports its figure for a target, dated inside the campaign's (movement's) window."""
    if not queries.in_scope(target.owner, unit):
        raise ValidationError({"unit": _("This unit is outside the scope of this target.")})
    value = amount(value, "value")
    if as_of is None:
        raise ValidationError({"as_of": _("This field cannot be empty.")})
    _check_window(target, as_of)
    not_in_future(as_of, "as_of", today_or(today))
    if ProgressReport.objects.filter(target=target, unit=unit, as_of=as_of).exists():
        raise _duplicate()
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                target=target,
                unit=unit,
                as_of=as_of,
                value=value,
                note=long_text(note),
                reported_by=by if getattr(by, "is_authenticated", False) else None,
                is_sample=is_sample,
            )
    except IntegrityError as exc:  # a concurrent report for the same day
        raise _duplicate() from exc
    audit.record(
        actor=by,
        action="campaigns.progress.reported",
        obj=report,
        after=audit.snapshot(report, REPORT_FIELDS),
        unit=unit,
    )
    return report


@transaction.atomic
def update_progress_report(
    *,
    report: ProgressReport,
    version: int,
    as_of: datetime.date,
    value: Decimal,
    note: str = "",
    today: datetime.date | None = None,
    by,
) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    target = Target.objects.select_related("campaign", "movement").get(pk=locked.target_id)
    value = amount(value, "value")
    _check_window(target, as_of)
    not_in_future(as_of, "as_of", today_or(today))
    clash = ProgressReport.objects.filter(target=target, unit_id=locked.unit_id, as_of=as_of)
    if clash.exclude(pk=locked.pk).exists():
        raise _duplicate()
    before = audit.snapshot(locked, REPORT_FIELDS)
    locked.as_of, locked.value, locked.note = as_of, value, long_text(note)
    locked.version += 1
    locked.save(update_fields=["as_of", "value", "note", "version"])
    audit.record(
        actor=by,
        action="campaigns.progress.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, REPORT_FIELDS),
        unit=locked.unit,
    )
    return locked
