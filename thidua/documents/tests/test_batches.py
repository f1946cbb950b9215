"""Batches: many papers made in the background, with progress, a zip, failures reported, and a
run that can be repeated after an interruption without leaving partial data."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from thidua.core.models import AuditEntry
from thidua.documents import actions, batches
from thidua.documents.batches import BatchKind, archive_path, batch_dir, progress_of, run_batch
from thidua.documents.models import Batch, BatchStatus, ItemStatus
from thidua.documents.papers.clusters import MEMBER_LISTS

from .readers import pdf_text

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


class Killed(BaseException):
    """Stands for the worker being killed midway (not an error an item could catch)."""


def _kind(code, load):
    kind = BatchKind(
        code=code,
        title=pgettext_lazy("batch", "Member lists of every cluster and bloc of the year"),
        paper="clusters.member_list",
        scope="year",
        items=MEMBER_LISTS.items,
        load=load,
    )
    batches._KINDS[code] = kind
    return kind


def _names(batch):
    with zipfile.ZipFile(archive_path(batch)) as archive:
        return sorted(archive.namelist())


def test_a_batch_makes_every_document_and_hands_over_a_zip(
    busy_year, cast, django_capture_on_commit_callbacks
):
    year, _clusters = busy_year
    with django_capture_on_commit_callbacks(execute=True):
        batch = actions.start_batch(
            kind=MEMBER_LISTS, scope=year, fmt="pdf", title="Danh sách", by=cast["board"]
        )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.task_id
    assert progress_of(batch) == batches.Progress(total=6, done=6, failed=0)
    names = _names(batch)
    assert len(names) == 6 and all(n.endswith(".pdf") for n in names)
    assert names[0].startswith("001-danh-sach-don-vi-thanh-vien-cum-thi-dua-so-i-")
    with zipfile.ZipFile(archive_path(batch)) as archive:
        assert "Cụm thi đua số IX" in pdf_text(archive.read(names[2]))
    assert AuditEntry.objects.filter(
        action="documents.batch.started", object_id=str(batch.pk)
    ).exists()


def test_a_failed_item_is_reported_and_the_others_are_kept(
    busy_year, cast, django_capture_on_commit_callbacks
):
    year, clusters = busy_year
    broken = clusters["cumX"].pk

    def load(params):
        if params["cluster"] == broken:
            raise ValueError("thiếu dữ liệu")
        return MEMBER_LISTS.load(params)

    kind = _kind("test.some_fail", load)
    with django_capture_on_commit_callbacks(execute=True):
        batch = actions.start_batch(kind=kind, scope=year, fmt="xlsx", title="x", by=cast["board"])
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    assert progress_of(batch) == batches.Progress(total=6, done=5, failed=1)
    failed = batch.items.get(status=ItemStatus.FAILED)
    assert failed.label == "Cụm thi đua số X" and failed.error == "thiếu dữ liệu"
    names = _names(batch)
    assert len(names) == 6 and batches.ERRORS_FILE in names
    with zipfile.ZipFile(archive_path(batch)) as archive:
        errors = archive.read(batches.ERRORS_FILE).decode()
    assert "Các văn bản không tạo được:" in errors and "Cụm thi đua số X: thiếu dữ liệu" in errors


def test_an_interrupted_batch_runs_again_and_leaves_no_partial_data(
    busy_year, cast, django_capture_on_commit_callbacks
):
    year, _clusters = busy_year
    state = {"kill": True}
    third = MEMBER_LISTS.items(year)[2][1]["cluster"]

    def load(params):
        if params["cluster"] == third and state["kill"]:
            raise Killed
        return MEMBER_LISTS.load(params)

    kind = _kind("test.killed", load)
    batch = actions.start_batch(kind=kind, scope=year, fmt="pdf", title="x", by=cast["board"])
    with pytest.raises(Killed):
        run_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and batch.archive == ""
    assert progress_of(batch) == batches.Progress(total=6, done=2, failed=0)
    # what a killed process leaves behind: a file half written under its temporary name
    (batch_dir(batch) / "003-half.pdf.part").write_bytes(b"%PDF-1.7 half")
    state["kill"] = False
    with django_capture_on_commit_callbacks(execute=True):
        actions.run_batch_again(batch=batch, by=cast["board"])
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    assert progress_of(batch) == batches.Progress(total=6, done=6, failed=0)
    assert not list(batch_dir(batch).glob("*.part"))
    assert len(_names(batch)) == 6


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_queues_the_batch_for_the_worker(settings, busy_year, cast):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    year, _clusters = busy_year
    batch = actions.start_batch(
        kind=MEMBER_LISTS, scope=year, fmt="xlsx", title="x", by=cast["board"]
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.QUEUED and batch.task_id  # waits for the worker
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and len(_names(batch)) == 6


def test_the_page_shows_progress_polls_while_running_and_offers_the_zip(
    busy_year, cast, client_for, django_capture_on_commit_callbacks
):
    year, _clusters = busy_year
    client = client_for(cast["board"])
    start = reverse("documents:batch_start", args=["clusters.member_lists", year.pk])
    page = client.get(start)
    assert page.status_code == 200 and "Cụm thi đua số IX" in page.content.decode()
    batch = actions.start_batch(
        kind=MEMBER_LISTS, scope=year, fmt="xlsx", title="x", by=cast["board"]
    )
    running = client.get(reverse("documents:batch_detail", args=[batch.pk]), HTTP_HX_REQUEST="true")
    text = running.content.decode()
    assert 'hx-trigger="every 1s"' in text and "0/6 văn bản" in text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start, {"fmt": "xlsx"})
    done = Batch.objects.exclude(pk=batch.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/batches/{done.pk}/")
    text = client.get(response["Location"]).content.decode()
    assert "6/6 văn bản" in text and "every 1s" not in text and "batch-download" in text
    download = client.get(reverse("documents:batch_download", args=[done.pk]))
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 6


def test_a_batch_is_seen_only_by_whoever_started_it(busy_year, cast, client_for):
    year, _clusters = busy_year
    batch = actions.start_batch(
        kind=MEMBER_LISTS, scope=year, fmt="pdf", title="x", by=cast["board"]
    )
    for role in ("leader", "viewer", "outsider"):
        client = client_for(cast[role])
        assert client.get(reverse("documents:batch_detail", args=[batch.pk])).status_code == 404
    # not done yet: nothing to download
    owner = client_for(cast["board"])
    assert owner.get(reverse("documents:batch_download", args=[batch.pk])).status_code == 404


def test_readers_cannot_start_a_batch(busy_year, cast, client_for):
    year, _clusters = busy_year
    url = reverse("documents:batch_start", args=["clusters.member_lists", year.pk])
    assert client_for(cast["viewer"]).get(url).status_code == 403
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert (
        client_for(cast["board"])
        .get(reverse("documents:batch_start", args=["no.such_kind", year.pk]))
        .status_code
        == 404
    )


def test_a_format_the_paper_is_not_made_in_is_refused(busy_year, cast):
    year, _clusters = busy_year
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.start_batch(kind=MEMBER_LISTS, scope=year, fmt="docx", title="x", by=cast["board"])
    assert not Batch.objects.exists()
