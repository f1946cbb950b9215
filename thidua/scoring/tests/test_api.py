"""The scoring endpoints of /api/v1: who reads what, the writes with their refusals (400), stale
edits (409 with the current value) and the published ranking."""

from __future__ import annotations

import json

import pytest

from thidua.core.models import AuditEntry
from thidua.scoring import actions
from thidua.scoring.models import CrossAssignment, RoundStatus, ScoreLine, ScoringRound
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def during(on_day):
    on_day(sf.DURING)


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_round_of_a_cluster_is_read_by_those_who_see_the_cluster(
    scoring_round, cluster, cast, client_for
):
    url = f"/api/v1/clusters/{cluster.pk}/scoring-round"
    data = client_for(cast["member"]).get(url).json()
    assert data["id"] == scoring_round.pk and data["status"] == "open"
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 401


def test_a_unit_scores_its_own_line_and_a_stale_save_gets_the_current_value(
    scoring_round, tree, cast, client_for
):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    member = client_for(cast["member"])
    url = f"/api/v1/scoring-lines/{line.pk}/self"
    saved = _post(member, url, {"version": 1, "value": "92,5", "note": "Theo quyết toán"})
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["code"] == "1.1" and body["self_points"] == "3.70" and body["version"] == 2
    stale = _post(member, url, {"version": 1, "value": "85"})
    assert stale.status_code == 409
    assert stale.json()["current"]["self_value"] == "92.50"
    assert ScoreLine.objects.get(pk=line.pk).self_value == 92.5
    bad = _post(member, url, {"version": 2, "value": "chín mươi"})
    assert bad.status_code == 400 and "value" in bad.json()["fields"]
    other = _post(client_for(cast["officer"]), url, {"version": 2, "value": "100"})
    assert other.status_code == 403
    lines = member.get(f"/api/v1/scoring-rounds/{scoring_round.pk}/units/{tree['d3'].pk}/lines")
    assert [x["code"] for x in lines.json() if x["criterion_id"]] == ["1.1", "1.2", "2.1"]


def test_a_unit_never_reads_another_units_lines_before_publication(
    scoring_round, tree, cast, client_for
):
    # Hà Đông (a plain member) asks for Thanh Xuân's lines; the deputy Thanh Xuân oversees.
    url = f"/api/v1/scoring-rounds/{scoring_round.pk}/units/{tree['d2'].pk}/lines"
    assert client_for(cast["member"]).get(url).status_code in (403, 404)
    assert client_for(cast["officer"]).get(url).status_code == 200
    ranking = f"/api/v1/scoring-rounds/{scoring_round.pk}/ranking"
    assert client_for(cast["member"]).get(ranking).status_code in (403, 404)


def test_cross_score_discrepancy_validation_and_publication(scored, tree, cast, client_for):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=None)
    line = sf.line(scored, tree["d3"], "1.2")
    officer = client_for(cast["officer"])
    cross_url = f"/api/v1/scoring-lines/{line.pk}/cross"
    without = _post(officer, cross_url, {"scorer_id": tree["d2"].pk, "choice": "Trung bình"})
    assert without.status_code == 400 and "reason" in without.json()["fields"]
    cross = _post(
        officer,
        cross_url,
        {"scorer_id": tree["d2"].pk, "choice": "Trung bình", "reason": "Thiếu minh chứng"},
    )
    assert cross.status_code == 200 and cross.json()["points"] == "1.00"
    again = _post(officer, cross_url, {"scorer_id": tree["d2"].pk, "choice": "Khá"})
    assert again.status_code == 409 and again.json()["current"]["choice"] == "Trung bình"

    actions.close_round(scoring_round=scored, by=None)
    leader = client_for(cast["leader"])
    listed = leader.get(f"/api/v1/scoring-rounds/{scored.pk}/discrepancies").json()
    assert [(d["line_id"], d["cross_points"]) for d in listed] == [(line.pk, ["1.00"])]
    assert officer.get(f"/api/v1/scoring-rounds/{scored.pk}/discrepancies").status_code == 200
    member = client_for(cast["member"])
    assert member.get(f"/api/v1/scoring-rounds/{scored.pk}/discrepancies").status_code == 403

    version = ScoreLine.objects.get(pk=line.pk).version
    validate_url = f"/api/v1/scoring-lines/{line.pk}/validate"
    no_reason = _post(leader, validate_url, {"version": version, "points": "1", "reason": ""})
    assert no_reason.status_code == 400
    valid = _post(leader, validate_url, {"version": version, "points": "1", "reason": "Họp cụm"})
    assert valid.status_code == 200 and valid.json()["validated_points"] == "1.00"

    publish_url = f"/api/v1/scoring-rounds/{scored.pk}/publish"
    assert _post(leader, publish_url, {"confirm": False}).status_code == 400
    assert _post(member, publish_url, {"confirm": True}).status_code == 403
    published = _post(leader, publish_url, {"confirm": True})
    assert published.status_code == 200 and published.json()["status"] == RoundStatus.PUBLISHED

    ranking = client_for(cast["viewer"]).get(f"/api/v1/scoring-rounds/{scored.pk}/ranking")
    rows = ranking.json()
    assert [(r["rank"], r["unit_id"]) for r in rows] == [
        (1, tree["d1"].pk),
        (2, tree["d2"].pk),
        (3, tree["d3"].pk),
    ]
    assert [r["total"] for r in rows] == ["10.00", "9.00", "5.00"]
    assert rows[2]["self_total"] == "6.00"


def test_the_leader_assigns_cross_scorers_through_the_api(scoring_round, tree, cast, client_for):
    url = f"/api/v1/scoring-rounds/{scoring_round.pk}/assignments"
    leader = client_for(cast["leader"])
    bad_mode = _post(leader, url, {"mode": "ngẫu nhiên"})
    assert bad_mode.status_code == 400
    assert bad_mode.json()["fields"] == {"mode": ["Hãy chọn cách các đơn vị chấm chéo nhau."]}
    bad_seed = _post(leader, url, {"mode": "derangement", "seed": -1})
    assert bad_seed.status_code == 400 and list(bad_seed.json()["fields"]) == ["seed"]
    huge = _post(leader, url, {"mode": "derangement", "seed": 2**70})
    assert huge.status_code == 400 and list(huge.json()["fields"]) == ["seed"]
    assert _post(client_for(cast["member"]), url, {"mode": "all"}).status_code == 403
    assert _post(client_for(cast["outsider"]), url, {"mode": "all"}).status_code == 404
    assert not CrossAssignment.objects.filter(round=scoring_round).exists()

    done = _post(leader, url, {"mode": "derangement", "seed": 7})
    assert done.status_code == 200, done.content
    assert done.json()["cross_mode"] == "derangement"
    pairs = CrossAssignment.objects.filter(round=scoring_round).values_list(
        "scorer_id", "scored_id"
    )
    assert len(pairs) == 3 and len({a for a, _b in pairs}) == 3
    assert all(a != b for a, b in pairs)
    assert ScoringRound.objects.get(pk=scoring_round.pk).cross_seed == 7
    every = _post(client_for(cast["officer"]), url, {"mode": "all"})
    assert every.status_code == 200 and every.json()["cross_mode"] == "all"
    assert CrossAssignment.objects.filter(round=scoring_round).count() == 6
    assert AuditEntry.objects.filter(action="scoring.cross.assigned").count() == 2


def test_the_leader_closes_self_scoring_through_the_api(scoring_round, cast, client_for):
    url = f"/api/v1/scoring-rounds/{scoring_round.pk}/close"
    assert _post(client_for(cast["member"]), url, {}).status_code == 403
    assert _post(client_for(cast["board"]), url, {}).status_code == 403
    assert _post(client_for(cast["outsider"]), url, {}).status_code == 404
    assert ScoringRound.objects.get(pk=scoring_round.pk).status == RoundStatus.OPEN
    closed = _post(client_for(cast["leader"]), url, {})
    assert closed.status_code == 200
    body = closed.json()
    assert body["status"] == RoundStatus.CLOSED and body["version"] == scoring_round.version + 1
    assert AuditEntry.objects.filter(action="scoring.round.closed").count() == 1
    again = _post(client_for(cast["leader"]), url, {})
    assert again.status_code == 400
    assert again.json()["detail"] == "Chỉ có thể kết thúc tự chấm khi đợt chấm đang mở."


@pytest.mark.parametrize(
    ("field", "value"), [("scorer_id", 2**70), ("scorer_id", 0), ("version", 2**40)]
)
def test_a_number_out_of_its_columns_range_is_a_400_naming_the_field(
    scored, tree, cast, client_for, field, value
):
    """Found by the fuzz run: a huge scorer id reached SQLite and overflowed (500)."""
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=None)
    line = sf.line(scored, tree["d3"], "1.1")
    payload = {"scorer_id": tree["d2"].pk, "choice": "Tốt", "reason": "x", "version": 0}
    response = _post(
        client_for(cast["officer"]),
        f"/api/v1/scoring-lines/{line.pk}/cross",
        {**payload, field: value},
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["fields"]) == [field]
