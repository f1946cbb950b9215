"""The two steps of a history import: stage the upload (kept on the server under a random token
tied to the user), then commit it all or nothing, or discard it."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.core import audit, uploads, vn
from thidua.organizations.models import Unit

from .. import subjects as s
from ..importing import build_plan
from ..models import Decision, DecisionRecipient, ImportStatus, ImportUpload, YearlyRating
from ..queries.catalog import regime_on

XLSX = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
UPLOAD_FIELDS = ("original_name", "status")


def _home(user) -> Unit | None:
    """The unit the import is filed under in the audit log: the user's first officer role."""
    ids = scope_of(user).unit_ids(Role.BOARD_OFFICER, Role.UNIT_OFFICER)
    return Unit.objects.filter(pk__in=ids).order_by("depth", "pk").first()


@transaction.atomic
def stage_import(*, upload, by) -> ImportUpload:
    uploads.check_upload(upload, XLSX)
    name = vn.clean_text(PurePath(upload.name or "").name)[:255] or "lich-su.xlsx"
    staged = ImportUpload(token=secrets.token_urlsafe(24), user=by, original_name=name)
    staged.file.save(f"{staged.token}.xlsx", upload, save=False)
    staged.save()
    audit.record(
        actor=by,
        action="awards.import.staged",
        obj=staged,
        after=audit.snapshot(staged, UPLOAD_FIELDS),
        unit=_home(by),
    )
    return staged


def preview_import(*, staged: ImportUpload, user):
    """The plan of a staged import (reads only)."""
    with staged.file.open("rb") as handle:
        return build_plan(handle, user)


@transaction.atomic
def commit_import(*, staged: ImportUpload, by) -> dict:
    """Write every planned row, or nothing: any error raises ValidationError listing them all."""
    locked = (
        ImportUpload.objects.select_for_update()
        .filter(pk=staged.pk, status=ImportStatus.STAGED, user=by)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This import was already confirmed or discarded."))
    plan = preview_import(staged=locked, user=by)
    if plan.errors:
        raise ValidationError(plan.errors)
    if not plan.ratings and not plan.awards:
        raise ValidationError(_("The file holds nothing new to import."))
    ratings = YearlyRating.objects.bulk_create(
        YearlyRating(year=r.year, rating=r.rating, **s.fields_of(r.subject)) for r in plan.ratings
    )
    decisions = {}
    created = []
    for key, planned in plan.decisions.items():
        if planned.existing is not None:
            decisions[key] = planned.existing
            continue
        decision = Decision.objects.create(
            recorded_in_id=key.recorded_in_id,
            number=key.number,
            signed_on=key.signed_on,
            issuer_name=key.issuer_name,
            signer_name=planned.signer_name,
            signer_position=planned.signer_position,
            regime=regime_on(key.signed_on),
            note=_("Imported from %(file)s.") % {"file": locked.original_name},
        )
        decisions[key] = decision
        created.append(decision.pk)
    recipients = DecisionRecipient.objects.bulk_create(
        DecisionRecipient(
            decision=decisions[a.decision],
            award_type=a.award_type,
            year=a.year,
            basis=a.basis,
            **s.fields_of(a.subject),
        )
        for a in plan.awards
    )
    result = {
        "ratings": len(ratings),
        "decisions": len(created),
        "recipients": len(recipients),
        "unchanged": plan.unchanged,
        "converted_cells": len(plan.conversions),
    }
    before = audit.snapshot(locked, UPLOAD_FIELDS)
    locked.status = ImportStatus.COMMITTED
    locked.finished_at = timezone.now()
    locked.result = result
    locked.save(update_fields=["status", "finished_at", "result"])
    audit.record(
        actor=by,
        action="awards.import.committed",
        obj=locked,
        before=before,
        after={
            **audit.snapshot(locked, UPLOAD_FIELDS),
            **result,
            "rating_ids": [r.pk for r in ratings],
            "decision_ids": created,
            "recipient_ids": [r.pk for r in recipients],
        },
        unit=_home(by),
    )
    return result


@transaction.atomic
def discard_import(*, staged: ImportUpload, by) -> None:
    changed = ImportUpload.objects.filter(pk=staged.pk, status=ImportStatus.STAGED, user=by).update(
        status=ImportStatus.DISCARDED, finished_at=timezone.now()
    )
    if not changed:
        raise ValidationError(_("This import was already confirmed or discarded."))
    name = staged.file.name
    transaction.on_commit(lambda: staged.file.storage.delete(name))
    staged.status = ImportStatus.DISCARDED
    audit.record(
        actor=by,
        action="awards.import.discarded",
        obj=staged,
        after=audit.snapshot(staged, UPLOAD_FIELDS),
        unit=_home(by),
    )
