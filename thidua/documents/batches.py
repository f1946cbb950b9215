"""Batches: many papers of one kind made in the background, then handed over as one zip archive.

A ``BatchKind`` says which paper is made for which items of a scope (a year, a cluster, a unit):
``items(scope)`` lists (label, params) with JSON-safe params, ``load(params)`` turns them back into
the paper's keyword arguments. Apps register kinds in their ``papers`` module next to their papers.

``run_batch`` (the worker's side) renders each pending item; a file is written under a temporary
name and moved into place whole before its item is marked done, and the archive likewise, so a
worker killed midway leaves nothing half-written: running the batch again finishes the pending
items and builds the archive. An item that fails is recorded with its error and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import pgettext

from .engine import PAPER_LANGUAGE, get_paper, render
from .models import Batch, BatchItem, BatchStatus, ItemStatus

logger = logging.getLogger(__name__)

SCOPES = ("year", "cluster", "unit")
ERRORS_FILE = "danh-sach-loi.txt"


@dataclass(frozen=True)
class BatchKind:
    code: str  # "clusters.member_lists"
    title: Any  # lazy translated: "Member lists of every cluster of the year"
    paper: str  # the paper's code
    scope: str  # "year", "cluster" or "unit": what the items are listed from
    items: Callable[[Any], Iterable[tuple[str, dict]]]
    load: Callable[[dict], dict]
    formats: tuple[str, ...] = ()  # default: the paper's formats

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"{self.code}: unknown scope {self.scope!r}")

    @property
    def allowed_formats(self) -> tuple[str, ...]:
        return self.formats or get_paper(self.paper).formats


_KINDS: dict[str, BatchKind] = {}


def register_batch(kind: BatchKind) -> BatchKind:
    existing = _KINDS.get(kind.code)
    if existing is not None and existing is not kind:
        raise ValueError(f"batch kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> BatchKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"no batch kind {code!r}") from None


def kinds_for(scope: str) -> list[BatchKind]:
    return sorted((k for k in _KINDS.values() if k.scope == scope), key=lambda k: k.code)


# --- files ------------------------------------------------------------------------------------


def batch_dir(batch: Batch) -> Path:
    return Path(storages["default"].path(f"batches/{batch.pk}"))


def archive_path(batch: Batch) -> Path:
    return Path(storages["default"].path(batch.archive))


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` so that ``path`` is either absent or complete, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _clear_leftovers(directory: Path) -> None:
    """Temporary files of an interrupted run."""
    if directory.is_dir():
        for leftover in directory.glob("*.part"):
            leftover.unlink(missing_ok=True)


# --- progress -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    failed: int

    @property
    def finished(self) -> int:
        return self.done + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.finished / self.total)


def progress_of(batch: Batch) -> Progress:
    """Counts of the batch's items by status, in one query."""
    counts = BatchItem.objects.filter(batch=batch).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ItemStatus.DONE)),
        failed=Count("pk", filter=Q(status=ItemStatus.FAILED)),
    )
    return Progress(**counts)


# --- the worker's side --------------------------------------------------------------------------


def run_batch(batch_id: int) -> dict:
    """Render every pending item of the batch, then build its archive. Safe to run again."""
    claimed = Batch.objects.filter(
        pk=batch_id, status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING]
    ).update(status=BatchStatus.RUNNING, started_at=timezone.now())
    if not claimed:
        return {"batch": batch_id, "skipped": True}
    batch = Batch.objects.get(pk=batch_id)
    kind = get_kind(batch.kind)
    directory = batch_dir(batch)
    _clear_leftovers(directory)
    pending = list(
        BatchItem.objects.filter(batch=batch, status=ItemStatus.PENDING).order_by("position")
    )
    for item in pending:
        _run_item(kind, batch, item, directory)
    try:
        archive = _build_archive(batch, directory)
    except Exception:
        logger.exception("batch %s: the archive could not be built", batch_id)
        Batch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, finished_at=timezone.now()
        )
        raise
    Batch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING).update(
        status=BatchStatus.DONE, archive=archive, finished_at=timezone.now()
    )
    progress = progress_of(batch)
    return {"batch": batch_id, "done": progress.done, "failed": progress.failed}


def _run_item(kind: BatchKind, batch: Batch, item: BatchItem, directory: Path) -> None:
    try:
        data, filename, _type = render(kind.paper, batch.fmt, **kind.load(item.params))
        name = f"{item.position:03d}-{filename}"
        _write_whole(directory / name, data)
    except Exception as exc:  # one bad item must not cost the others
        logger.warning("batch %s item %s failed: %s", batch.pk, item.position, exc)
        BatchItem.objects.filter(pk=item.pk, status=ItemStatus.PENDING).update(
            status=ItemStatus.FAILED, error=(str(exc) or type(exc).__name__)[:1000]
        )
        return
    BatchItem.objects.filter(pk=item.pk, status=ItemStatus.PENDING).update(
        status=ItemStatus.DONE, filename=name, error=""
    )


def _build_archive(batch: Batch, directory: Path) -> str:
    """The zip of every finished file, with the list of failed items; moved into place whole."""
    items = BatchItem.objects.filter(batch=batch).order_by("position")
    relative = f"batches/{batch.pk}.zip"
    target = Path(storages["default"].path(relative))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".part")
    failures = []
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items.only("position", "label", "status", "filename", "error"):
            if item.status == ItemStatus.DONE:
                archive.write(directory / item.filename, arcname=item.filename)
            elif item.status == ItemStatus.FAILED:
                failures.append(f"{item.position}. {item.label}: {item.error}")
        if failures:
            with translation.override(PAPER_LANGUAGE):
                heading = pgettext("batch", "Documents that could not be made:")
            archive.writestr(ERRORS_FILE, "\n".join([heading, *failures]) + "\n")
    os.replace(temporary, target)
    return relative
