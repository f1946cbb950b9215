"""The /api/v1 voting endpoints: the same gates, actions and sealed results as the pages."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.voting import actions
from thidua.voting.models import Ballot, BallotStatus, Outcome, Turnout, Vote

from . import factories

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_ballots_are_listed_for_those_who_see_them(cast, client_for, open_election, f):
    factories.make_council(f)
    url = reverse("api:list_ballots")
    assert client_for(None).get(url).status_code == 401
    titles = [b["kind"] for b in client_for(cast["member"]).get(url).json()["items"]]
    assert titles == ["election"]
    assert len(client_for(cast["board"]).get(url).json()["items"]) == 2
    assert client_for(cast["outsider"]).get(url).json()["items"] == []


def test_a_vote_is_cast_once_through_the_api_with_a_receipt(cast, tree, client_for, open_election):
    url = reverse("api:cast_vote", args=[open_election.pk])
    client = client_for(cast["officer"])
    created = _post(client, url, {"candidates": [tree["d1"].pk]})
    assert created.status_code == 201
    receipt = created.json()["receipt"]
    again = _post(client, url, {"unit_id": tree["d2"].pk, "candidates": [tree["d3"].pk]})
    assert again.status_code == 400 and again.json()["detail"] == "Quận Thanh Xuân đã bỏ phiếu."
    spoilt = _post(client_for(cast["member"]), url, {"candidates": [tree["w1"].pk]})
    assert spoilt.status_code == 400
    assert spoilt.json()["fields"] == {"candidates": ["Hãy chọn trong số các ứng viên."]}
    assert _post(client_for(cast["member"]), url, {"unit_id": tree["d1"].pk}).status_code == 403
    assert _post(client_for(cast["board"]), url, {}).status_code == 403
    assert _post(client_for(cast["outsider"]), url, {}).status_code == 404
    assert Turnout.objects.count() == 1
    check = reverse("api:check_receipt", args=[open_election.pk])
    assert _post(client, check, {"code": receipt}).json() == {"counted": True}
    assert _post(client, check, {"code": "AAAA-BBBB-CCCC-DDDD"}).json() == {"counted": False}


def test_a_council_member_answers_each_question(cast, client_for, f):
    ballot = Ballot.objects.get(pk=factories.open_council(f))
    question = ballot.questions.get()
    url = reverse("api:cast_vote", args=[ballot.pk])
    client = client_for(cast["council"])
    bad = _post(client, url, {"answers": {str(question.pk): "yes"}})
    assert bad.status_code == 400
    assert _post(client, url, {"answers": {str(question.pk): "agree"}}).status_code == 201


def test_the_result_is_null_until_released(cast, tree, client_for, open_election):
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(
            ballot=open_election, by=cast[who], unit=tree[unit], candidates=[tree["d2"]]
        )
    closed = actions.close_ballot(ballot=open_election, by=cast["leader"])
    url = reverse("api:get_ballot", args=[closed.pk])
    body = client_for(cast["member"]).get(url).json()
    assert body["status"] == "closed" and body["result"] is None and body["turnout"] == 3
    assert [c["unit_name"] for c in body["candidates"]] == [
        "Quận Cầu Giấy",
        "Quận Hà Đông",
        "Quận Thanh Xuân",
    ]
    actions.release_ballot(ballot=closed, by=cast["leader"])
    result = client_for(cast["member"]).get(url).json()["result"]
    assert result["outcome"] == "elected" and result["turnout"] == 3
    votes = {c["unit_id"]: (c["votes"], c["elected"]) for c in result["candidates"]}
    assert votes[tree["d2"].pk] == (3, True) and votes[tree["d1"].pk] == (0, False)
    assert client_for(cast["outsider"]).get(url).status_code == 404


# --- the workflow steps -------------------------------------------------------------------------


def _audited(action, ballot):
    return AuditEntry.objects.filter(action=action, object_id=str(ballot.pk)).count()


def test_the_organiser_opens_closes_and_releases_a_ballot(cast, tree, client_for, election):
    leader, member = client_for(cast["leader"]), client_for(cast["member"])
    open_url = reverse("api:open_ballot", args=[election.pk])
    assert _post(member, open_url, {}).status_code == 403
    assert _post(client_for(cast["outsider"]), open_url, {}).status_code == 404
    assert Ballot.objects.get(pk=election.pk).status == BallotStatus.DRAFT
    opened = _post(leader, open_url, {})
    assert opened.status_code == 200, opened.content
    body = opened.json()
    assert body["status"] == "open" and body["electorate_size"] == 3
    assert _audited("voting.ballot.opened", election) == 1
    again = _post(leader, open_url, {})
    assert again.status_code == 400
    assert again.json()["detail"] == "Chỉ mở được cuộc bỏ phiếu đang ở dạng bản nháp."

    ballot = Ballot.objects.get(pk=election.pk)
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(ballot=ballot, by=cast[who], unit=tree[unit], candidates=[tree["d2"]])
    release_url = reverse("api:release_ballot", args=[election.pk])
    early = _post(leader, release_url, {})
    assert early.status_code == 400
    assert early.json()["detail"] == "Chỉ công bố được kết quả của cuộc bỏ phiếu đã đóng."
    close_url = reverse("api:close_ballot", args=[election.pk])
    assert _post(member, close_url, {}).status_code == 403
    closed = _post(client_for(cast["officer"]), close_url, {})
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["result"] is None
    assert Ballot.objects.get(pk=election.pk).outcome == Outcome.ELECTED
    assert _audited("voting.ballot.closed", election) == 1

    assert _post(member, release_url, {}).status_code == 403
    released = _post(leader, release_url, {})
    assert released.status_code == 200
    result = released.json()["result"]
    assert result["outcome"] == "elected" and result["turnout"] == 3
    assert _audited("voting.ballot.released", election) == 1


def test_the_board_cancels_an_open_ballot_with_a_reason(cast, tree, client_for, open_election):
    actions.cast_ballot(
        ballot=open_election, by=cast["member"], unit=tree["d3"], candidates=[tree["d1"]]
    )
    url = reverse("api:cancel_ballot", args=[open_election.pk])
    board = client_for(cast["board"])
    blank = _post(board, url, {"reason": "  "})
    assert blank.status_code == 400
    assert blank.json()["fields"] == {"reason": ["Trường này không được để trống."]}
    assert _post(client_for(cast["member"]), url, {"reason": "Nhầm"}).status_code == 403
    assert Vote.objects.filter(ballot=open_election).count() == 1
    done = _post(board, url, {"reason": "Mở nhầm cuộc bỏ phiếu."})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert Vote.objects.filter(ballot=open_election).count() == 0
    entry = AuditEntry.objects.get(action="voting.ballot.cancelled")
    assert entry.reason == "Mở nhầm cuộc bỏ phiếu." and entry.actor == cast["board"]
    assert _post(board, url, {"reason": "Lần nữa"}).status_code == 400


def test_after_the_last_round_the_leader_and_deputy_decide(cast, tree, client_for, f):
    ballot = actions.open_ballot(ballot=factories.make_election(f, max_rounds=1), by=cast["leader"])
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(ballot=ballot, by=cast[who], unit=tree[unit], candidates=[tree[unit]])
    ballot = actions.release_ballot(
        ballot=actions.close_ballot(ballot=ballot, by=cast["leader"]), by=cast["leader"]
    )
    assert ballot.outcome == Outcome.NO_MAJORITY
    url = reverse("api:decide_ballot", args=[ballot.pk])
    leader = client_for(cast["leader"])
    body = {"units": [tree["d2"].pk], "reason": "Thanh Xuân dẫn đầu bảng điểm."}
    assert _post(client_for(cast["board"]), url, body).status_code == 403
    assert _post(client_for(cast["member"]), url, body).status_code == 403
    assert _post(client_for(cast["outsider"]), url, body).status_code == 404
    outside = _post(leader, url, {"units": [tree["w1"].pk], "reason": "x"})
    assert outside.status_code == 400
    assert outside.json()["fields"] == {"units": ["Hãy chọn trong số các ứng viên chưa trúng."]}
    huge = _post(leader, url, {"units": [2**70], "reason": "x"})
    assert huge.status_code == 400 and list(huge.json()["fields"]) == ["units.0"]  # the item
    two = _post(leader, url, {"units": [tree["d1"].pk, tree["d2"].pk], "reason": "x"})
    assert two.status_code == 400 and list(two.json()["fields"]) == ["units"]
    no_reason = _post(leader, url, {"units": [tree["d2"].pk], "reason": ""})
    assert no_reason.status_code == 400 and list(no_reason.json()["fields"]) == ["reason"]
    assert Ballot.objects.get(pk=ballot.pk).outcome == Outcome.NO_MAJORITY

    decided = _post(client_for(cast["officer"]), url, body)
    assert decided.status_code == 200, decided.content
    result = decided.json()["result"]
    assert result["outcome"] == "decided"
    elected = {c["unit_id"]: c["elected_by"] for c in result["candidates"] if c["elected"]}
    assert elected == {tree["d2"].pk: "leaders"}
    entry = AuditEntry.objects.get(action="voting.ballot.decided_by_leaders")
    assert entry.actor == cast["officer"] and entry.after["units"] == [tree["d2"].pk]
    assert _post(leader, url, body).status_code == 400
