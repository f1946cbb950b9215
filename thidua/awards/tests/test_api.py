"""POST /api/v1/eligibility/check answers exactly what check_eligibility prints."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CASES = {
    "cases": [
        {
            "id": "ldtt",
            "subject": {"kind": "individual", "pending": []},
            "history": [
                {"year": 2025, "rating": "httnv"},
                {"year": 2025, "fact": "active_in_movements"},
            ],
            "request": {"code": "lao_dong_tien_tien", "year": 2025},
        },
        {
            "id": "khieu-nai",
            "subject": {"kind": "individual", "pending": ["complaint"]},
            "history": [{"year": 2025, "rating": "htxsnv"}],
            "request": {"code": "lao_dong_tien_tien", "year": 2025},
        },
    ]
}


def _post(client, body, **extra):
    return client.post("/api/v1/eligibility/check", body, content_type="application/json", **extra)


def test_eligibility_api_answers_the_same_json_as_the_command(cast, client_for, tmp_path):
    response = _post(client_for(cast["viewer"]), json.dumps(CASES))
    assert response.status_code == 200
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    out = io.StringIO()
    call_command("check_eligibility", str(path), stdout=out)
    assert response.json() == json.loads(out.getvalue())
    verdicts = {r["id"]: r["verdict"] for r in response.json()["results"]}
    assert verdicts == {"ldtt": "eligible", "khieu-nai": "blocked"}


def test_invalid_input_is_a_400_naming_case_and_field(cast, client_for):
    bad = {"cases": [{**CASES["cases"][0], "history": [{"year": 2025, "rating": "gioi"}]}]}
    response = _post(client_for(cast["viewer"]), json.dumps(bad))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["case"] == "ldtt" and error["field"] == "cases[0].history[0].rating"
    assert error["message"]


def test_malformed_json_is_a_400_in_the_contract_shape(cast, client_for):
    response = _post(client_for(cast["viewer"]), "{not json")
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"case", "field", "message"}


def test_eligibility_api_needs_a_signed_in_user_or_token(client_for, cast):
    assert _post(client_for(None), json.dumps(CASES)).status_code == 401
    from thidua.accounts.actions import create_api_token

    _, raw = create_api_token(user=cast["viewer"], name="máy")
    ok = _post(client_for(None), json.dumps(CASES), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ok.status_code == 200


def test_decomposed_vietnamese_ids_come_back_in_nfc(cast, client_for):
    body = {"cases": [{**CASES["cases"][0], "id": "Nguye\u0302\u0303n"}]}
    response = _post(client_for(cast["viewer"]), json.dumps(body))
    assert response.json()["results"][0]["id"] == "Nguyễn"
