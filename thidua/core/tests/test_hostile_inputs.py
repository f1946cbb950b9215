"""The hostile-input corpus (core/tests/hostile.py) on every form, upload, import and write endpoint
of the apps organizations, clusters, campaigns, pledges, documents and accounts.

Forms are found, not listed: for each page of the permission table a role that may use it opens
it, and every form posting back to the page is filled as a person would (hidden values kept,
selects on their selected or first option), then sent once per hostile value in all its text
fields. Each answer is either
  * a refusal (4xx) with a Vietnamese error on the page, and the database unchanged (row counts
    and a digest of every row of the watched apps, audit trail included), or
  * a success whose stored text is NFC, without invisible characters or NUL, and whose pages
    show the text escaped (never a live <script>).
Never a server error. Every app's pages are tried (MY_APPS).
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models as dj_models
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from thidua.core.tests import hostile
from thidua.core.tests.test_permission_table import ROLES, TABLE

pytestmark = pytest.mark.django_db

MY_APPS = (
    "organizations:",
    "clusters:",
    "campaigns:",
    "pledges:",
    "documents:",
    "scoring:",
    "voting:",
    "awards:",
    "reports:",
)
PAGES = [
    row
    for row in TABLE
    if row[2] == "get" and (row[0].startswith(MY_APPS) or row[0] == "api_tokens")
]
TEXT_INPUTS = {"text", "search", "email", "url", "tel", ""}
VIETNAMESE = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
FORM_VALUES = ("long", "script", "sql", "nfd", "zero_width", "null", "only_invisible", "formula")


def _fixtures(tree, cast, cluster):
    return {"tree": tree, "cast": cast, "cluster": cluster}


def _user_for(answers: str, cast):
    """The first role the table allows, board first."""
    expected = dict(zip(ROLES, answers.split(), strict=True))
    for role in ("board", "leader", "officer", "member", "council", "viewer", "outsider"):
        if expected[role] == "A":
            return cast[role]
    return None


def _forms(page: bytes, url: str):
    """The POST forms of a page that post back to it: (field values, text field names, files)."""
    doc = lxml_html.fromstring(page)
    for form in doc.xpath("//form"):
        if (form.get("method") or "").lower() != "post":
            continue
        action = form.get("action") or ""
        if action and action.split("?")[0].split("#")[0] != url:
            continue
        values, texts, files = [], [], []
        for field in form.xpath(".//input|.//textarea|.//select"):
            name = field.get("name")
            if not name or field.get("disabled") is not None:
                continue
            if field.tag == "textarea":
                values.append((name, field.text or ""))
                texts.append(name)
            elif field.tag == "select":
                options = field.xpath(".//option")
                chosen = [o for o in options if o.get("selected") is not None] or [
                    o for o in options if o.get("value")
                ][:1]
                values += [(name, o.get("value", o.text or "")) for o in chosen]
            else:
                kind = (field.get("type") or "").lower()
                if kind == "file":
                    files.append(name)
                elif kind in {"checkbox", "radio"}:
                    if field.get("checked") is not None:
                        values.append((name, field.get("value", "on")))
                elif kind in {"submit", "button", "reset", "image"}:
                    continue
                else:
                    values.append((name, field.get("value") or _default(kind)))
                    if kind in TEXT_INPUTS and name != "csrfmiddlewaretoken":
                        texts.append(name)
        if texts:
            yield values, texts, files


def _default(kind: str) -> str:
    return {"date": "2020-06-15", "number": "1", "month": "2020-06"}.get(kind, "")


def _post_data(values, texts, value) -> dict:
    data: dict[str, list[str]] = {}
    for name, current in values:
        data.setdefault(name, []).append(value if name in texts else current)
    return data


def _stored_texts():
    """Every text value of the watched apps' rows, by model (audit's own copies included)."""
    from django.apps import apps

    out = []
    for label in hostile.WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, dj_models.CharField | dj_models.TextField)
            ]
            if names:
                for row in model._default_manager.values_list(*names):
                    out += [(model._meta.label, v) for v in row if isinstance(v, str)]
    return out


def _assert_refused_in_vietnamese(response, before, context):
    assert hostile.db_state() == before, ("a refused request changed the database", context)
    page = lxml_html.fromstring(response.content)
    errors = " ".join(
        e.text_content()
        for e in page.xpath(
            "//*[contains(@class,'invalid-feedback') or contains(@class,'alert-danger')"
            " or contains(@class,'errorlist')]"
        )
    )
    assert errors.strip(), ("no error shown", context)
    assert VIETNAMESE.search(errors), ("the error is not in Vietnamese", errors, context)


def _assert_stored_safely(browser, response, context):
    for model, text in _stored_texts():
        assert hostile.is_clean(text), (model, text[:80], context)
    if response.status_code == 302:
        follow = browser.get(response["Location"])
        assert follow.status_code < 500, context
        assert hostile.SCRIPT.encode() not in follow.content, ("unescaped script", context)
    assert hostile.SCRIPT.encode() not in response.content, ("unescaped script", context)


@pytest.mark.parametrize("row", PAGES, ids=[row[0] for row in PAGES])
def test_every_form_refuses_or_cleans_hostile_text(row, tree, cast, cluster):
    name, args, _method, answers = row
    user = _user_for(answers, cast)
    if user is None:
        pytest.skip("no role of the cast opens this page")
    url = reverse(name, args=args(_fixtures(tree, cast, cluster)) if args else None)
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    page = browser.get(url)
    assert page.status_code == 200, (url, page.status_code)
    if not page["Content-Type"].startswith("text/html"):
        pytest.skip("a download, not a page")
    forms = list(_forms(page.content, url))
    if not forms:
        pytest.skip("no form with a text field on this page")
    for values, texts, _files in forms:
        for key in FORM_VALUES:
            before = hostile.db_state()
            response = browser.post(url, _post_data(values, texts, hostile.HOSTILE[key]))
            context = (url, key, response.status_code)
            assert response.status_code < 500, context
            if 400 <= response.status_code < 500:
                _assert_refused_in_vietnamese(response, before, context)
            else:
                _assert_stored_safely(browser, response, context)
            page = browser.get(url)  # a fresh form (version numbers move on after a save)
            if page.status_code != 200:
                break
            fresh = [f for f in _forms(page.content, url) if f[1] == texts]
            if not fresh:
                break
            values = fresh[0][0]


# --- uploads and imports -----------------------------------------------------------------------

BAD_DOCUMENTS = {
    "executable named .pdf": ("ke-hoach.pdf", hostile.EXE),
    "html named .pdf": ("ke-hoach.pdf", hostile.HTML),
    "svg with script": ("so-do.svg", hostile.SVG),
    "empty": ("rong.pdf", b""),
    "truncated zip": ("bao-cao.docx", b"PK\x03\x04" + b"\x00" * 40),
}


@pytest.fixture
def leader_browser(cast):
    browser = Client(raise_request_exception=False)
    browser.force_login(cast["leader"])
    return browser


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_a_cluster_document_of_the_wrong_type_is_refused(case, cluster, leader_browser):
    filename, content = BAD_DOCUMENTS[case]
    url = reverse("clusters:document_add", args=[cluster.pk])
    before = hostile.db_state()
    response = leader_browser.post(
        url,
        {
            "kind": "plan",
            "number": "01/KH",
            "issued_on": "2020-02-20",
            "title": "Kế hoạch",
            "file": SimpleUploadedFile(filename, content, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400, (case, response.status_code)
    _assert_refused_in_vietnamese(response, before, case)


def test_a_cluster_document_over_the_size_limit_is_refused(cluster, leader_browser, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    url = reverse("clusters:document_add", args=[cluster.pk])
    before = hostile.db_state()
    response = leader_browser.post(
        url,
        {
            "kind": "plan",
            "number": "01/KH",
            "issued_on": "2020-02-20",
            "title": "Kế hoạch",
            "file": SimpleUploadedFile("lon.pdf", hostile.PDF + b"0" * 4096),
        },
    )
    assert response.status_code == 400
    _assert_refused_in_vietnamese(response, before, "size")
    assert "quá lớn" in response.content.decode()


BAD_WORKBOOKS = {
    "truncated": lambda: hostile.truncated_xlsx(),
    "zip claiming to be a workbook": lambda: hostile.fake_xlsx_zip(),
    "word document": lambda: hostile.docx_bytes(),
    "pdf": lambda: hostile.PDF,
    "html": lambda: hostile.HTML,
    "no headers": lambda: hostile.criteria_xlsx(hostile.yes_no_rows(3), headers=["a", "b"]),
    "no rows": lambda: hostile.criteria_xlsx([]),
    "huge sheet": lambda: hostile.huge_sheet_xlsx(),
    "hostile cells": lambda: hostile.criteria_xlsx(
        [
            [hostile.SCRIPT, "1.1", hostile.HOSTILE["long"], 5, "Có/Không"],
            ["Nhóm", "1.2", hostile.HOSTILE["sql"], "năm", "Không rõ"],
        ]
    ),
    "formula cells": lambda: hostile.criteria_xlsx(
        [["Nhóm", "1.1", "=1+1", "=A1", "Có/Không"], ["Nhóm", "1.2", "x", 9, "Có/Không"]]
    ),
    "wrong total": lambda: hostile.criteria_xlsx(hostile.yes_no_rows(3, total=7)),
}


@pytest.fixture
def draft(cast, cluster):
    from thidua.pledges.tests.factories import build_draft

    return build_draft(cluster, cast["leader"])


@pytest.mark.parametrize("case", BAD_WORKBOOKS)
def test_a_bad_criteria_workbook_is_refused_and_changes_nothing(case, draft, leader_browser):
    url = reverse("pledges:criteria_import", args=[draft.pk])
    upload = SimpleUploadedFile("tieu-chi.xlsx", BAD_WORKBOOKS[case]())
    before = hostile.db_state()
    response = leader_browser.post(url, {"file": upload})
    assert response.status_code == 400, (case, response.status_code)
    _assert_refused_in_vietnamese(response, before, case)


def test_an_import_over_the_size_limit_is_refused(draft, leader_browser, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    url = reverse("pledges:criteria_import", args=[draft.pk])
    big = hostile.criteria_xlsx(hostile.yes_no_rows(200, total=10))
    assert len(big) > 2048
    before = hostile.db_state()
    response = leader_browser.post(url, {"file": SimpleUploadedFile("lon.xlsx", big)})
    assert response.status_code == 400
    _assert_refused_in_vietnamese(response, before, "size")


def test_imported_text_is_stored_clean_and_shown_escaped(draft, leader_browser):
    rows = hostile.yes_no_rows(4)
    rows[0][0] = hostile.HOSTILE["nfd"]
    rows[1][2] = hostile.SCRIPT
    rows[2][2] = hostile.ZERO_WIDTH + " tiêu chí"
    rows[3][2] = hostile.MIXED_LEGACY
    url = reverse("pledges:criteria_import", args=[draft.pk])
    response = leader_browser.post(
        url, {"file": SimpleUploadedFile("tieu-chi.xlsx", hostile.criteria_xlsx(rows))}
    )
    assert response.status_code == 302
    texts = dict(draft.criteria.values_list("code", "text"))
    assert texts["9.2"] == hostile.SCRIPT and texts["9.3"] == "Cầu Giấy tiêu chí"
    assert draft.groups.filter(title="Quận Hà Đông – Phường Yết Kiêu").exists()
    for _model, text in _stored_texts():
        assert hostile.is_clean(text), text[:80]
    page = leader_browser.get(response["Location"])
    assert hostile.SCRIPT.encode() not in page.content
    assert "&lt;script&gt;" in page.content.decode()


# --- the API ---------------------------------------------------------------------------------


@pytest.fixture
def api_world(tree, cast, cluster):
    from thidua.campaigns.tests import factories as cf

    f = _fixtures(tree, cast, cluster)
    return {"target": cf.target(f), "cluster": cluster.pk}


API_TEXTS = ("long", "script", "nfd", "zero_width", "null", "controls", "only_invisible")


@pytest.mark.parametrize("key", API_TEXTS)
def test_api_writes_refuse_or_clean_hostile_text(key, api_world, cast, tree):
    from thidua.accounts.actions import create_api_token

    _, token = create_api_token(user=cast["leader"], name="máy")
    machine = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    value = hostile.HOSTILE[key]
    calls = [
        (
            f"/api/v1/targets/{api_world['target']}/reports",
            {"unit_id": tree["d1"].pk, "as_of": "2020-10-01", "value": "75", "note": value},
        ),
        (
            f"/api/v1/clusters/{api_world['cluster']}/registrations",
            {
                "unit_id": tree["d1"].pk,
                "titles": [value],
                "models": [{"kind": "model", "name": value}],
                "note": value,
            },
        ),
    ]
    for url, body in calls:
        before = hostile.db_state()
        response = machine.post(url, body, content_type="application/json")
        context = (url, key, response.status_code, response.content[:300])
        assert response.status_code < 500, context
        if response.status_code >= 400:
            assert hostile.db_state() == before, context
            assert VIETNAMESE.search(response.json()["detail"]), context
        else:
            for model, text in _stored_texts():
                assert hostile.is_clean(text), (model, text[:80], context)


@pytest.mark.parametrize("body", [b"{", b"\xff\xfe\x00", b"[]", b'{"unit_id": "1; DROP"}', b"null"])
def test_api_refuses_malformed_json_in_vietnamese(body, api_world, cast, tree):
    from thidua.accounts.actions import create_api_token

    _, token = create_api_token(user=cast["leader"], name="máy")
    machine = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    before = hostile.db_state()
    response = machine.post(
        f"/api/v1/targets/{api_world['target']}/reports", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500, (body, response.status_code)
    assert VIETNAMESE.search(response.json()["detail"]), response.content
    assert hostile.db_state() == before


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_api_refuses_a_body_of_the_wrong_type(content_type, api_world, cast, tree):
    from thidua.accounts.actions import create_api_token

    _, token = create_api_token(user=cast["leader"], name="máy")
    machine = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    before = hostile.db_state()
    response = machine.post(
        f"/api/v1/targets/{api_world['target']}/reports",
        "<report><note>x</note></report>",
        content_type=content_type,
    )
    assert 400 <= response.status_code < 500, (content_type, response.status_code)
    assert hostile.db_state() == before


def test_a_workbook_that_unpacks_to_a_huge_sheet_stops_at_the_row_limit(draft, leader_browser):
    from thidua.pledges.excel import MAX_ROWS

    url = reverse("pledges:criteria_import", args=[draft.pk])
    upload = SimpleUploadedFile("tieu-chi.xlsx", hostile.huge_sheet_xlsx(MAX_ROWS + 5))
    before = hostile.db_state()
    response = leader_browser.post(url, {"file": upload})
    assert response.status_code == 400
    _assert_refused_in_vietnamese(response, before, "huge")
    assert f"hơn {MAX_ROWS} dòng" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/units?q=Ha%00Dong", "/search/?q=Ha%00Dong", "/api/v1/pledges?year=99999999"],
)
def test_search_and_filters_survive_nul_and_absurd_values(url, cast, client_for):
    """A NUL in a query string is dropped (PostgreSQL cannot compare text holding one); a year no
    date can have finds nothing."""
    response = client_for(cast["board"]).get(url)
    assert response.status_code == 200, (url, response.status_code)


def test_peak_campaigns_of_a_year_no_date_can_have_are_none(cast, client_for, tree, cluster):
    from thidua.campaigns.tests import factories as cf

    cf.campaign(_fixtures(tree, cast, cluster))
    board = client_for(cast["board"])
    for year in (-5, 10_000, 17_531_889):
        response = board.get("/api/v1/peak-campaigns", {"year": year})
        assert response.status_code == 200 and response.json()["count"] == 0, year
    assert board.get("/campaigns/", {"year": 10_000}).status_code == 200
    big = board.get("/api/v1/units", {"offset": 10**30, "limit": 10**30})
    assert big.status_code == 400 and "query.offset" in big.json()["fields"]
