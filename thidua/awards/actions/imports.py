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


BATCH_SIZE = 1_000  # rows a statement when writing


def _ranges(ids) -> list[list[int]]:
    """Sorted ids as [first, last] runs of consecutive ids: the audit names ranges, not rows."""
    runs: list[list[int]] = []
    for pk in sorted(ids):
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


class _Writer:
    """Writes each validated chunk of an import; the caller's transaction makes it atomic."""

    def __init__(self, staged: ImportUpload):
        self.note = _("Imported from %(file)s.") % {"file": staged.original_name}
        self.ids: dict[str, list[list[int]]] = {"ratings": [], "decisions": [], "recipients": []}
        self.counts = dict.fromkeys(self.ids, 0)

    def _keep(self, kind: str, objects) -> None:
        self.counts[kind] += len(objects)
        runs = self.ids[kind]
        for first, last in _ranges(o.pk for o in objects):
            if runs and first == runs[-1][1] + 1:
                runs[-1][1] = last
            else:
                runs.append([first, last])

    def __call__(self, *, ratings, awards, plan) -> None:
        if ratings:
            created = YearlyRating.objects.bulk_create(
                [
                    YearlyRating(year=r.year, rating=r.rating, **s.fields_of(r.subject))
                    for r in ratings
                ],
                batch_size=BATCH_SIZE,
            )
            self._keep("ratings", created)
        if not awards:
            return
        new = [
            plan.decisions[key]
            for key in dict.fromkeys(a.decision for a in awards)
            if plan.decisions[key].existing is None and plan.decisions[key].created_id is None
        ]
        decisions = Decision.objects.bulk_create(
            [
                Decision(
                    recorded_in_id=d.key.recorded_in_id,
                    number=d.key.number,
                    signed_on=d.key.signed_on,
                    issuer_name=d.key.issuer_name,
                    signer_name=d.signer_name,
                    signer_position=d.signer_position,
                    regime=regime_on(d.key.signed_on),
                    note=self.note,
                )
                for d in new
            ],
            batch_size=BATCH_SIZE,
        )
        for planned, decision in zip(new, decisions, strict=True):
            planned.created_id = decision.pk
        self._keep("decisions", decisions)
        recipients = []
        for a in awards:
            planned = plan.decisions[a.decision]
            recipients.append(
                DecisionRecipient(
                    decision_id=planned.existing.pk if planned.existing else planned.created_id,
                    award_type=a.award_type,
                    year=a.year,
                    basis=a.basis,
                    **s.fields_of(a.subject),
                )
            )
        self._keep(
            "recipients", DecisionRecipient.objects.bulk_create(recipients, batch_size=BATCH_SIZE)
        )


@transaction.atomic
def commit_import(*, staged: ImportUpload, by) -> dict:
    """Validate the file again and write it chunk by chunk in this one transaction, or nothing.

    Any error in any row raises ValidationError listing the first ones (the transaction, and so
    every chunk already written, is rolled back).
    """
    locked = (
        ImportUpload.objects.select_for_update()
        .filter(pk=staged.pk, status=ImportStatus.STAGED, user=by)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This import was already confirmed or discarded."))
    writer = _Writer(locked)
    with locked.file.open("rb") as handle:
        plan = build_plan(handle, by, write=writer)
    if plan.errors:
        raise ValidationError(plan.errors)
    if not plan.has_new_rows:
        raise ValidationError(_("The file holds nothing new to import."))
    result = {
        "ratings": writer.counts["ratings"],
        "decisions": writer.counts["decisions"],
        "recipients": writer.counts["recipients"],
        "unchanged": plan.unchanged,
        "converted_cells": plan.conversion_count,
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
            # [first, last] runs of the ids written, not every id.
            "rating_ids": writer.ids["ratings"],
            "decision_ids": writer.ids["decisions"],
            "recipient_ids": writer.ids["recipients"],
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
