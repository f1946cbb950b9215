"""The registry's API: the same visibility and actions as the pages."""

import json

import pytest
from django.urls import reverse

from thidua.awards import actions
from thidua.awards.models import YearlyRating
from thidua.awards.rules.parsing import parse_payload
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_award_types_list_the_catalogue(cast, client_for):
    body = client_for(cast["viewer"]).get(reverse("api:list_award_types")).json()
    assert len(body) == 14 and body[0]["code"] == "lao_dong_tien_tien"


def test_decisions_follow_visibility(cast, person, decide, client_for):
    recipient = decide(person, "lao_dong_tien_tien", 2024)
    url = reverse("api:get_decision", args=[recipient.decision_id])
    detail = client_for(cast["officer"]).get(url).json()
    assert detail["recipients"][0]["name"] == "Nguyễn Thị Hường"
    assert detail["regime"] == "luat_2022_nd_98_2023"
    assert client_for(cast["outsider"]).get(url).status_code == 404
    listed = client_for(cast["outsider"]).get(reverse("api:list_decisions")).json()
    assert listed["count"] == 0
    assert client_for(cast["viewer"]).get(reverse("api:list_decisions")).json()["count"] == 1


def test_person_eligibility_returns_the_history_and_verdicts(cast, person, client_for):
    actions.record_rating(subject=person, year=2025, rating="httnv", by=None)
    actions.record_fact(subject=person, year=2025, fact="active_in_movements", by=None)
    url = reverse("api:person_eligibility", args=[person.pk])
    body = client_for(cast["officer"]).get(url, {"year": 2025, "code": "lao_dong_tien_tien"}).json()
    assert body["results"][0]["verdict"] == "eligible"
    case = {**body["history"], "request": {"code": "lao_dong_tien_tien", "year": 2025}}
    parse_payload({"cases": [case]})
    everything = client_for(cast["board"]).get(url, {"year": 2025}).json()
    assert len(everything["results"]) == 10
    assert client_for(cast["member"]).get(url, {"year": 2025}).status_code == 404
    unknown = client_for(cast["board"]).get(url, {"year": 2025, "code": "co_thi_dua_cap_tinh"})
    assert unknown.status_code == 404  # a collective title for a person


def test_unit_eligibility(cast, tree, client_for):
    url = reverse("api:unit_eligibility", args=[tree["d2"].pk])
    body = client_for(cast["viewer"]).get(url, {"year": 2025}).json()
    assert body["subject"] == f"unit-{tree['d2'].pk}" and len(body["results"]) == 10


def _post(client, body):
    return client.post(
        reverse("api:record_rating"), json.dumps(body), content_type="application/json"
    )


def test_recording_a_rating_through_the_api_uses_the_same_rules(cast, person, tree, client_for):
    body = {"person_id": person.pk, "year": 2025, "rating": "htxsnv"}
    response = _post(client_for(cast["officer"]), body)
    assert response.status_code == 201 and response.json()["rating"] == "htxsnv"
    assert AuditEntry.objects.filter(action="awards.rating.recorded").count() == 1
    again = _post(client_for(cast["officer"]), body)
    assert again.status_code == 400 and "Đã có xếp loại năm 2025" in again.json()["detail"]
    unit = {"unit_id": tree["d2"].pk, "year": 2025, "rating": "htxsnv"}
    assert _post(client_for(cast["officer"]), unit).status_code == 403
    assert _post(client_for(cast["outsider"]), body).status_code == 404
    both = {**body, "unit_id": tree["d2"].pk}
    assert _post(client_for(cast["board"]), both).status_code == 400
    assert YearlyRating.objects.count() == 1
