"""The one table of role × action: every page and API endpoint, every role of the cast.

Each row names a URL, how to build its arguments from the fixtures, the method, and the answer each
role gets, in the order of ROLES:
  A  allowed (any answer but a refusal: 200, 201, 302 elsewhere than the login page, 400 …)
  L  sign in first (302 to the login page; 401 from the API)
  F  forbidden (403): the object is visible but the role does not allow the action
  N  not found (404): the object is outside the user's units, whether it exists or not
A test fails when a URL of the project has no row, so every new view joins the table. Apps keep
their own rows in `<app>/tests/permission_rows.py` (a list named ROWS), gathered here.
"""

import importlib
import importlib.util

import pytest
from django.apps import apps
from django.urls import get_resolver, reverse

from thidua.campaigns.tests import factories as cf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "board", "leader", "officer", "member", "council", "viewer", "outsider"]

PDF = b"%PDF-1.4\n%%EOF\n"


def _doc(f):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.clusters import actions

    return actions.add_cluster_document(
        cluster=f["cluster"],
        kind="plan",
        number="01/KH",
        issued_on="2020-02-20",
        title="Kế hoạch",
        upload=SimpleUploadedFile("kh.pdf", PDF),
        by=f["cast"]["leader"],
    ).pk


def _person(f):
    from thidua.organizations.tests.factories import PersonFactory

    return PersonFactory(unit=f["tree"]["d2"]).pk


def _token(f):
    from thidua.accounts.actions import create_api_token

    return create_api_token(user=f["cast"]["viewer"], name="x")[0].pk


# fmt: off
TABLE = [
    # name, args, method, answers by role (anonymous board leader officer member council viewer
    # outsider)
    ("home", None, "get", "L A A A A A A A"),
    ("audit_log", None, "get", "L A F F F F F F"),
    ("api_tokens", None, "get", "L A A A A A A A"),
    ("revoke_token", lambda f: [_token(f)], "post", "L N N N N N A N"),
    ("organizations:unit_tree", None, "get", "L A A A A A A A"),
    ("organizations:search", None, "get", "L A A A A A A A"),
    ("organizations:unit_detail", lambda f: [f["tree"]["d2"].pk], "get", "L A A A A A A N"),
    ("organizations:unit_children", lambda f: [f["tree"]["city"].pk], "get", "L A A A A A A N"),
    ("organizations:unit_create", lambda f: [f["tree"]["d2"].pk], "get", "L A F F F F F N"),
    ("organizations:unit_edit", lambda f: [f["tree"]["d2"].pk], "get", "L A F F F F F N"),
    ("organizations:unit_end", lambda f: [f["tree"]["d2"].pk], "get", "L A F F F F F N"),
    ("organizations:person_create", lambda f: [f["tree"]["d2"].pk], "get", "L A F A F F F N"),
    ("organizations:person_edit", lambda f: [_person(f)], "get", "L A N A N F F N"),
    ("clusters:cluster_list", None, "get", "L A A A A A A A"),
    ("clusters:year_create", None, "get", "L A F F F F F F"),
    (
        "clusters:cluster_create",
        lambda f: [f["cluster"].emulation_year_id],
        "get",
        "L A F F F F F N",
    ),
    ("clusters:cluster_detail", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("clusters:cluster_edit", lambda f: [f["cluster"].pk], "get", "L A F F F F F N"),
    ("clusters:next_leader", lambda f: [f["cluster"].pk], "get", "L A A A F F F N"),
    ("clusters:document_add", lambda f: [f["cluster"].pk], "get", "L A A A F F F N"),
    ("clusters:document_download", lambda f: [_doc(f)], "get", "L A A A A A A N"),
    ("documents:year_clusters", lambda f: [f["cluster"].emulation_year_id, "docx"], "get", "L A A A A A A N"),
    ("documents:cluster_members", lambda f: [f["cluster"].pk, "pdf"], "get", "L A A A A A A N"),
    ("api:list_units", None, "get", "L A A A A A A A"),
    ("api:get_unit", lambda f: [f["tree"]["d2"].pk], "get", "L A A A A A A N"),
    ("api:list_people", lambda f: [f["tree"]["d2"].pk], "get", "L A A A A A A N"),
    ("api:get_person", lambda f: [_person(f)], "get", "L A N A N A A N"),
    ("api:list_clusters", None, "get", "L A A A A A A A"),
    ("api:get_cluster", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("api:check_eligibility", None, "post", "L A A A A A A A"),
    ("campaigns:index", None, "get", "L A A A A A A A"),
    ("campaigns:exemplar_list", None, "get", "L A A A A A A A"),
    ("campaigns:notification_list", None, "get", "L A A A A A A A"),
    ("campaigns:notification_read", lambda f: [cf.member_notification(f)], "post", "L N N N A N N N"),
    ("campaigns:movement_create", None, "get", "L A F F F F F F"),
    ("campaigns:campaign_create", None, "get", "L A F F F F F F"),
    ("campaigns:exemplar_create", None, "get", "L A A A A F F A"),
    ("campaigns:movement_detail", lambda f: [cf.movement(f)], "get", "L A A A A A A N"),
    ("campaigns:movement_edit", lambda f: [cf.movement(f)], "get", "L A F F F F F N"),
    ("campaigns:movement_leader_add", lambda f: [cf.movement(f)], "get", "L A F F F F F N"),
    ("campaigns:movement_target_add", lambda f: [cf.movement(f)], "get", "L A F F F F F N"),
    ("campaigns:campaign_detail", lambda f: [cf.campaign(f)], "get", "L A A N N A A N"),
    ("campaigns:campaign_edit", lambda f: [cf.campaign(f)], "get", "L A F N N F F N"),
    ("campaigns:campaign_target_add", lambda f: [cf.campaign(f)], "get", "L A F N N F F N"),
    ("campaigns:report_create", lambda f: [cf.target(f)], "get", "L F A N N F F N"),
    ("campaigns:report_edit", lambda f: [cf.report(f)], "get", "L F A N N F F N"),
    ("campaigns:cluster_registrations", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("campaigns:rule_edit", lambda f: [f["cluster"].pk], "get", "L F A A F F F N"),
    ("campaigns:remind", lambda f: [f["cluster"].pk], "get", "L F A A F F F N"),
    ("campaigns:inspection_plan", lambda f: [f["cluster"].pk], "get", "L F A A F F F N"),
    ("campaigns:registration_edit", lambda f: [f["cluster"].pk, f["tree"]["d3"].pk], "get", "L F F F A F F N"),
    ("campaigns:inspection_record", lambda f: [cf.inspection(f)], "get", "L F A A F F F N"),
    ("campaigns:exemplar_detail", lambda f: [cf.exemplar(f)], "get", "L A A A A A A N"),
    ("campaigns:exemplar_edit", lambda f: [cf.exemplar(f)], "get", "L A A F F F F N"),
    ("campaigns:replication_add", lambda f: [cf.exemplar(f)], "get", "L A A F F F F N"),
    ("api:list_movements", None, "get", "L A A A A A A A"),
    ("api:get_movement", lambda f: [cf.movement(f)], "get", "L A A A A A A N"),
    ("api:list_peak_campaigns", None, "get", "L A A A A A A A"),
    ("api:get_peak_campaign", lambda f: [cf.campaign(f)], "get", "L A A N N A A N"),
    ("api:report_target_progress", lambda f: [cf.target(f)], "post", "L A A A A A A A"),
    ("api:list_cluster_registrations", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("api:register_for_emulation", lambda f: [f["cluster"].pk], "post", "L A A A A A A A"),
    ("api:list_cluster_inspections", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("api:plan_cross_inspection", lambda f: [f["cluster"].pk], "post", "L A A A A A A A"),
    ("api:list_exemplars", None, "get", "L A A A A A A A"),
]
# fmt: on


def _app_rows():
    """Each app may keep its own rows in tests/permission_rows.py as ROWS, next to its factories."""
    rows = []
    for config in apps.get_app_configs():
        module = f"{config.name}.tests.permission_rows"
        if config.name.startswith("thidua.") and importlib.util.find_spec(module):
            rows += importlib.import_module(module).ROWS
    return rows


TABLE += _app_rows()

# Served to everyone by design: sign-in and out, the language switch, the health check, the
# API's own schema.
PUBLIC = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
}


def _url_names():
    names = set()

    def walk(patterns, ns=None):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, p.namespace or ns)
            elif p.name:
                names.add(f"{ns}:{p.name}" if ns else p.name)

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith("admin:")}


def test_every_url_of_the_project_is_in_the_permission_table():
    missing = _url_names() - PUBLIC - {row[0] for row in TABLE}
    assert not missing, f"add these URLs to the permission table: {sorted(missing)}"


def _verdict(response, is_api: bool) -> str:
    code = response.status_code
    if code == 401 or (code == 302 and "/accounts/login/" in response.get("Location", "")):
        return "L"
    if code == 403 and not (is_api and response.json().get("detail", "").startswith("Hãy")):
        return "F"
    if code == 404:
        return "N"
    return "A"


@pytest.mark.parametrize("row", TABLE, ids=[row[0] for row in TABLE])
def test_each_role_gets_what_the_table_says(row, tree, cast, cluster, client_for):
    name, args, method, answers = row
    fixtures = {"tree": tree, "cast": cast, "cluster": cluster}
    url = reverse(name, args=args(fixtures) if args else None)
    expected = dict(zip(ROLES, answers.split(), strict=True))
    got = {}
    for role in ROLES:
        client = client_for(None if role == "anonymous" else cast[role])
        if method == "post":
            response = client.post(url, "{}", content_type="application/json")
        else:
            response = client.get(url)
        got[role] = _verdict(response, is_api=name.startswith("api:"))
    assert got == expected
