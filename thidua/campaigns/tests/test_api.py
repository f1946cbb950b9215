"""The campaigns endpoints, mounted on a test API with the project API's auth, parser and error
handlers (the project's /api/v1 is left as it is until the lead mounts the router there)."""

import datetime
import json

import pytest
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import django_auth

from thidua.api import api as project
from thidua.campaigns import actions
from thidua.campaigns.api import router
from thidua.campaigns.models import ProgressReport, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
D = datetime.date

api = NinjaAPI(urls_namespace="campaigns-test-api", parser=project.NFCParser(), auth=django_auth)
for exc_class, handler in project.api._exception_handlers.items():
    api.add_exception_handler(exc_class, handler)
api.add_router("/", router)

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_movements_can_be_filtered_for_the_award_rules(
    client_for, cast, movement, cluster_movement
):
    client = client_for(cast["viewer"])
    data = client.get("/api/v1/movements", {"level": "province", "min_years": 3}).json()
    assert [m["name"] for m in data["items"]] == [movement.name]
    assert data["items"][0]["end_year"] == 2022
    assert client.get("/api/v1/movements").json()["count"] == 2


def test_objects_of_other_provinces_answer_404(client_for, cast, movement, campaign, cluster):
    outsider = client_for(cast["outsider"])
    assert outsider.get(f"/api/v1/movements/{movement.pk}").status_code == 404
    assert outsider.get(f"/api/v1/peak-campaigns/{campaign.pk}").status_code == 404
    assert outsider.get(f"/api/v1/clusters/{cluster.pk}/registrations").status_code == 404
    assert outsider.get("/api/v1/movements").json()["count"] == 0


def test_a_campaign_comes_with_its_plan_and_latest_figures(
    client_for, cast, campaign, target, tree
):
    actions.report_progress(target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=72, by=None)
    data = client_for(cast["leader"]).get(f"/api/v1/peak-campaigns/{campaign.pk}").json()
    assert data["plan_reference"] == "172/KH-UBND ngày 07/9/2020"
    (t,) = data["targets"]
    assert t["goal_display"] == "80%" and t["latest"][0]["value_display"] == "72%"


def test_an_officer_reports_for_their_own_unit_only(client_for, cast, target, tree):
    url = f"/api/v1/targets/{target.pk}/reports"
    leader = client_for(cast["leader"])
    response = _post(
        leader, url, {"unit_id": tree["d1"].pk, "as_of": "2020-09-30", "value": "72.5"}
    )
    assert response.status_code == 201 and response.json()["value_display"] == "72,5%"
    assert (
        _post(
            leader, url, {"unit_id": tree["w1"].pk, "as_of": "2020-09-30", "value": 1}
        ).status_code
        == 403
    )
    assert (
        _post(
            client_for(cast["board"]),
            url,
            {"unit_id": tree["d1"].pk, "as_of": "2020-09-30", "value": 1},
        ).status_code
        == 403
    )
    outside = _post(leader, url, {"unit_id": tree["d1"].pk, "as_of": "2020-12-01", "value": 1})
    assert outside.status_code == 400
    assert "Ngày báo cáo phải nằm trong thời gian" in outside.json()["fields"]["as_of"][0]
    assert ProgressReport.objects.count() == 1


def test_registrations_through_the_api_are_flagged_and_guarded(client_for, cast, cluster, tree):
    url = f"/api/v1/clusters/{cluster.pk}/registrations"
    member = client_for(cast["member"])
    body = {"unit_id": tree["d3"].pk, "titles": ["tap_the_lao_dong_xuat_sac"], "models": []}
    response = _post(member, url, body)
    assert response.status_code == 201 and response.json()["below_minimum"] is True
    assert _post(member, url, {**body, "unit_id": tree["d2"].pk}).status_code == 403
    bad = _post(
        client_for(cast["officer"]),
        url,
        {"unit_id": tree["d2"].pk, "models": [{"kind": "mo_hinh_moi", "name": " "}]},
    )
    assert bad.status_code == 400 and "không được để trống" in bad.json()["detail"]
    assert Registration.objects.count() == 1
    listing = client_for(cast["leader"]).get(url).json()
    assert [(m["unit_name"], m["registered"]) for m in listing["members"]] == [
        ("Quận Cầu Giấy", False),
        ("Quận Hà Đông", True),
        ("Quận Thanh Xuân", False),
    ]


def test_the_leader_plans_inspections_never_of_itself(client_for, cast, cluster, tree):
    url = f"/api/v1/clusters/{cluster.pk}/inspections"
    leader = client_for(cast["leader"])
    body = {
        "inspecting_id": tree["d2"].pk,
        "inspected_id": tree["d2"].pk,
        "planned_on": "2020-11-20",
    }
    response = _post(leader, url, body)
    assert response.status_code == 400
    assert response.json()["fields"] == {"inspected": ["Đơn vị không được tự kiểm tra chính mình."]}
    assert _post(client_for(cast["member"]), url, body).status_code == 403
    ok = _post(leader, url, {**body, "inspected_id": tree["d3"].pk})
    assert ok.status_code == 201 and ok.json()["status"] == "planned"
    assert len(client_for(cast["viewer"]).get(url).json()) == 1


def test_exemplars_are_listed_within_scope(client_for, cast, tree):
    actions.recognise_exemplar(
        recognised_by=tree["d1"],
        unit=tree["w1"],
        recognised_on=D(2020, 10, 20),
        achievement="Hoàn thành vượt mức",
        by=None,
    )
    assert client_for(cast["viewer"]).get("/api/v1/exemplars").json()["count"] == 1
    assert client_for(cast["outsider"]).get("/api/v1/exemplars").json()["count"] == 0
