"""Writes of the reports app: saving the officer's draft of the annual summary."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit, vn
from thidua.core.errors import StaleEditError

from .models import SummaryDraft

MAX_CHARS = 100_000


@transaction.atomic
def save_summary_draft(
    *, unit=None, cluster=None, year: int, text: str, version: int | None, by
) -> SummaryDraft:
    """Create the draft (``version`` None) or change it, only if nobody saved in between."""
    text = vn.nfc(text).strip()
    if not text:
        raise ValidationError(_("The report is empty."))
    if len(text) > MAX_CHARS:
        raise ValidationError(_("The report is too long."))
    owner = {"unit": unit} if unit is not None else {"cluster": cluster}
    current = SummaryDraft.objects.select_for_update().filter(**owner, year=year).first()
    if current is None:
        if version is not None:
            raise StaleEditError()
        try:
            with transaction.atomic():
                draft = SummaryDraft.objects.create(**owner, year=year, text=text, updated_by=by)
        except IntegrityError:
            raise StaleEditError() from None
        audit.record(
            actor=by,
            action="reports.summary.created",
            obj=draft,
            after={"year": year, "length": len(text)},
            unit=unit,
        )
        return draft
    if version != current.version:
        raise StaleEditError(current)
    before = {"version": current.version, "length": len(current.text)}
    updated = SummaryDraft.objects.filter(pk=current.pk, version=version).update(
        text=text, updated_by=by, updated_at=timezone.now(), version=version + 1
    )
    if not updated:
        raise StaleEditError(current)
    current.refresh_from_db()
    audit.record(
        actor=by,
        action="reports.summary.changed",
        obj=current,
        before=before,
        after={"version": current.version, "length": len(text)},
        unit=unit,
    )
    return current
