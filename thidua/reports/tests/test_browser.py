"""End to end in Chromium: the charts are drawn from their definitions, and a batch's progress
bar moves by itself (htmx polling) until its archive can be downloaded."""

from urllib.parse import urlparse

import pytest

from thidua.documents import actions as document_actions
from thidua.documents.batches import run_batch
from thidua.documents.papers.clusters import MEMBER_LISTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _sign_in(page, url, user):
    user.set_password("demo")
    user.save(update_fields=["password"])
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")


def test_the_report_page_draws_its_charts(live_server, page, tree, cast, awards):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    _sign_in(page, live_server.url, cast["board"])
    page.goto(f"{live_server.url}/reports/units/{tree['city'].pk}/2024/")
    page.wait_for_function(
        "document.querySelectorAll('canvas[data-chart]').length === 4 && "
        "[...document.querySelectorAll('canvas[data-chart]')].every(c => c.chart)"
    )
    labels = page.evaluate(
        "document.querySelector('canvas[data-chart=\"chart-awards-by-level\"]').chart.data.labels"
    )
    assert labels == ["Cấp Nhà nước", "Cấp bộ, ngành, tỉnh", "Cấp cơ sở"]
    assert hosts <= {"127.0.0.1", "localhost"}  # Chart.js is served by the app, not a CDN


def test_a_batch_progress_bar_moves_until_the_download(live_server, page, settings, cluster, cast):
    settings.TASKS = DUMMY  # queued only: the "worker" below runs it while the page watches
    batch = document_actions.start_batch(
        kind=MEMBER_LISTS,
        scope=cluster.emulation_year,
        fmt="xlsx",
        title="Danh sách",
        by=cast["board"],
    )
    _sign_in(page, live_server.url, cast["board"])
    page.goto(f"{live_server.url}/documents/batches/{batch.pk}/")
    assert "0/1 văn bản" in page.locator("#batch-progress").inner_text()
    assert page.locator("#batch-download").count() == 0
    run_batch(batch.pk)
    page.locator("#batch-download").wait_for(timeout=10_000)
    assert "1/1 văn bản" in page.locator("#batch-progress").inner_text()
    with page.expect_download() as download:
        page.locator("#batch-download").click()
    assert download.value.suggested_filename == f"tai-lieu-{batch.pk}-xlsx.zip"
