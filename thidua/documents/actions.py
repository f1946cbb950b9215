"""Writes of the documents app: starting a batch and running an unfinished one again."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit

from .batches import BatchKind
from .models import Batch, BatchItem, BatchStatus, ItemStatus

MAX_ITEMS = 5000


def _enqueue(batch: Batch) -> None:
    from .tasks import make_batch

    def send() -> None:
        result = make_batch.enqueue(batch.pk)
        Batch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


@transaction.atomic
def start_batch(*, kind: BatchKind, scope, fmt: str, title: str, by) -> Batch:
    """Create the batch with one item per document of the scope, and queue it."""
    if fmt not in kind.allowed_formats:
        raise ValidationError(_("This batch is not made in that format."))
    items = list(kind.items(scope))
    if not items:
        raise ValidationError(_("There is no document to make."))
    if len(items) > MAX_ITEMS:
        raise ValidationError(_("A batch holds at most %(max)s documents.") % {"max": MAX_ITEMS})
    batch = Batch.objects.create(
        kind=kind.code, scope_id=scope.pk, fmt=fmt, title=title[:255], created_by=by
    )
    BatchItem.objects.bulk_create(
        BatchItem(batch=batch, position=i, label=label[:255], params=params)
        for i, (label, params) in enumerate(items, start=1)
    )
    audit.record(
        actor=by,
        action="documents.batch.started",
        obj=batch,
        after={"kind": kind.code, "scope": scope.pk, "format": fmt, "items": len(items)},
    )
    _enqueue(batch)
    return batch


@transaction.atomic
def run_batch_again(*, batch: Batch, by) -> Batch:
    """Queue an unfinished batch again (its worker was stopped, or some items failed): the
    failed items are tried again, the finished ones are kept."""
    if (
        batch.status == BatchStatus.DONE
        and not batch.items.filter(status=ItemStatus.FAILED).exists()
    ):
        raise ValidationError(_("Every document of this batch is made."))
    retried = BatchItem.objects.filter(batch=batch, status=ItemStatus.FAILED).update(
        status=ItemStatus.PENDING, error=""
    )
    updated = Batch.objects.filter(pk=batch.pk, version=batch.version).update(
        status=BatchStatus.QUEUED, archive="", finished_at=None, version=batch.version + 1
    )
    if not updated:
        from thidua.core.errors import StaleEditError

        raise StaleEditError()
    batch.refresh_from_db()
    audit.record(actor=by, action="documents.batch.rerun", obj=batch, after={"retried": retried})
    _enqueue(batch)
    return batch
