"""The pledges API, on a local NinjaAPI built like the project's (tests/api_urls.py)."""

import datetime

import pytest

from thidua.pledges.models import Signature

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thidua.pledges.tests.api_urls")]


def test_the_api_needs_a_signed_in_user(client_for, draft):
    assert client_for(None).get("/api/v1/pledges").status_code == 401


def test_pledges_are_listed_within_scope(client_for, cast, draft):
    data = client_for(cast["viewer"]).get("/api/v1/pledges").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert (item["year"], item["latest_status"], item["latest_number"]) == (2020, "draft", 1)
    assert client_for(cast["outsider"]).get("/api/v1/pledges").json()["count"] == 0


def test_a_version_carries_its_criteria_grades_and_signatures(client_for, cast, locked):
    data = client_for(cast["member"]).get(f"/api/v1/pledge-versions/{locked.pk}").json()
    assert data["status"] == "locked" and data["scale"] == 10
    codes = [c["code"] for g in data["groups"] for c in g["criteria"]]
    assert codes == ["1.1", "1.2", "2.1"]
    assert data["groups"][0]["criteria"][1]["levels"][0] == {"label": "Tốt", "score": "3.00"}
    assert all(m["signature"] for m in data["members"])


def test_the_version_in_force_is_what_scoring_reads(client_for, cast, locked):
    c = client_for(cast["viewer"])
    data = c.get(f"/api/v1/pledges/{locked.pledge_id}/in-force", {"on": "2020-12-31"}).json()
    assert data["id"] == locked.pk
    early = c.get(f"/api/v1/pledges/{locked.pledge_id}/in-force", {"on": "2020-01-01"})
    assert early.status_code == 404 and "chưa có bản nào có hiệu lực" in early.json()["detail"]
    assert c.get(f"/api/v1/pledges/{locked.pledge_id}").json()["in_force_id"] == locked.pk


def test_members_sign_for_their_own_unit_only(client_for, cast, tree, opened):
    url = f"/api/v1/pledge-versions/{opened.pk}/signatures"
    ok = client_for(cast["member"]).post(
        url, {"unit_id": tree["d3"].pk, "signed_on": "2020-02-20"}, content_type="application/json"
    )
    assert ok.status_code == 201 and ok.json()["signed_by"] == "member"
    other = client_for(cast["member"]).post(
        url, {"unit_id": tree["d2"].pk}, content_type="application/json"
    )
    assert other.status_code == 403
    hidden = client_for(cast["outsider"]).post(
        url, {"unit_id": tree["o1"].pk}, content_type="application/json"
    )
    assert hidden.status_code == 404
    twice = client_for(cast["member"]).post(
        url, {"unit_id": tree["d3"].pk}, content_type="application/json"
    )
    assert twice.status_code == 400 and "đã ký bản này" in twice.json()["detail"]
    assert list(Signature.objects.values_list("unit_id", "signed_on")) == [
        (tree["d3"].pk, datetime.date(2020, 2, 20))
    ]


def test_the_diff_lists_changed_criteria(client_for, cast, locked):
    from thidua.pledges import actions

    amendment = actions.amend_pledge(pledge=locked.pledge, reason="Sửa", by=cast["leader"])
    actions.delete_criterion(criterion=amendment.criteria.get(code="1.2"), by=cast["leader"])
    data = (
        client_for(cast["viewer"])
        .get(f"/api/v1/pledge-versions/{locked.pk}/diff/{amendment.pk}")
        .json()
    )
    assert data["criteria_removed"] == ["1.2"] and not data["is_empty"]
