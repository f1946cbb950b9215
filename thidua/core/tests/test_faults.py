"""Faults: an import that stops midway leaves no partial data, and running it again works.

Three ways to stop the criteria import of a pledge draft after some rows were written: an
exception inside the action, the same through the page (the server answers 500), and on
PostgreSQL the process itself killed with SIGKILL while its transaction is open.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.core.tests.hostile import criteria_xlsx, db_state, yes_no_rows
from thidua.pledges import actions
from thidua.pledges.models import Criterion
from thidua.pledges.tests.factories import build_draft

ROWS = 6  # the file's criteria, all new codes: six creations, the old three removed


class Crash(Exception):
    pass


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("tieu-chi.xlsx", criteria_xlsx(yes_no_rows(ROWS)))


def _crash_after(created: int):
    """Criterion.objects.create that fails once `created` rows were written."""
    real = Criterion.objects.create
    calls = {"n": 0}

    def create(**kwargs):
        if calls["n"] == created:
            raise Crash("the process dies here")
        calls["n"] += 1
        return real(**kwargs)

    return mock.patch.object(Criterion.objects, "create", side_effect=create)


def _codes(version) -> list[str]:
    return sorted(version.criteria.values_list("code", flat=True))


def _imported_again(version, user):
    result = actions.import_criteria(pledge_version=version, upload=_upload(), by=user)
    assert result == {"created": ROWS, "updated": 0, "removed": 3}
    assert _codes(version) == [f"9.{i}" for i in range(1, ROWS + 1)]
    assert AuditEntry.objects.filter(action="pledges.criteria.imported").count() == 1


@pytest.mark.django_db
def test_an_import_that_fails_midway_writes_nothing_and_runs_again(cast, cluster):
    version = build_draft(cluster, cast["leader"])
    before = db_state()
    with _crash_after(3), pytest.raises(Crash):
        actions.import_criteria(pledge_version=version, upload=_upload(), by=cast["leader"])
    assert db_state() == before
    assert _codes(version) == ["1.1", "1.2", "2.1"]
    _imported_again(version, cast["leader"])


@pytest.mark.django_db
def test_an_import_page_that_crashes_midway_answers_500_and_writes_nothing(cast, cluster):
    version = build_draft(cluster, cast["leader"])
    browser = Client(raise_request_exception=False)
    browser.force_login(cast["leader"])
    url = reverse("pledges:criteria_import", args=[version.pk])
    before = db_state()
    with _crash_after(2):
        response = browser.post(url, {"file": _upload()})
    assert response.status_code == 500
    assert db_state() == before
    again = browser.post(url, {"file": _upload()})
    assert again.status_code == 302
    assert _codes(version) == [f"9.{i}" for i in range(1, ROWS + 1)]


KILLED_IMPORT = """
import sys, time
from unittest import mock
from django.core.files.uploadedfile import SimpleUploadedFile
from thidua.accounts.models import User
from thidua.pledges import actions
from thidua.pledges.models import Criterion, PledgeVersion

real = Criterion.objects.create
calls = []

def create(**kwargs):
    calls.append(1)
    row = real(**kwargs)
    if len(calls) == 3:
        print("MIDWAY", flush=True)  # three rows written, the transaction still open
        time.sleep(600)
    return row

with open(sys.argv[-1], "rb") as f:
    upload = SimpleUploadedFile("tieu-chi.xlsx", f.read())
with mock.patch.object(Criterion.objects, "create", side_effect=create):
    actions.import_criteria(
        pledge_version=PledgeVersion.objects.get(pk={version}),
        upload=upload,
        by=User.objects.get(pk={user}),
    )
print("FINISHED", flush=True)
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_process_is_killed_leaves_no_partial_data(cast, cluster, tmp_path):
    version = build_draft(cluster, cast["leader"])
    workbook = tmp_path / "tieu-chi.xlsx"
    workbook.write_bytes(criteria_xlsx(yes_no_rows(ROWS)))
    params = connection.settings_dict
    user = params["USER"] or "postgres"
    auth = f"{user}:{params['PASSWORD']}@" if params["PASSWORD"] else f"{user}@"
    url = f"postgres://{auth}{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/"
    env = {**os.environ, "DATABASE_URL": url + params["NAME"], "PYTHONPATH": str(settings.BASE_DIR)}
    script = tmp_path / "import.py"
    script.write_text(
        "import django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'thidua.settings')\n"
        "django.setup()\n" + KILLED_IMPORT.format(version=version.pk, user=cast["leader"].pk)
    )
    before = db_state()
    process = subprocess.Popen(
        [sys.executable, str(script), str(workbook)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline and "MIDWAY" not in line:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                line = process.stdout.readline()
                if not line and process.poll() is not None:
                    break
        assert "MIDWAY" in line, process.stderr.read() if process.poll() is not None else ""
        # Another connection sees nothing of the open transaction's rows.
        assert db_state() == before
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert db_state() == before
    assert _codes(version) == ["1.1", "1.2", "2.1"]
    _imported_again(version, cast["leader"])
