"""The voting pages: the permission ladder of every view, bad input, and a whole election."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from thidua.voting import actions
from thidua.voting.models import Ballot, BallotStatus, Turnout, Vote

from . import factories

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"voting:{name}", args=args)


def _roles(cast, *names):
    return [cast[n] for n in names]


@pytest.fixture
def released(f):
    return Ballot.objects.get(pk=factories.released_election(f))


@pytest.fixture
def open_council(f):
    return Ballot.objects.get(pk=factories.open_council(f))


@pytest.fixture
def draft_council(f):
    return Ballot.objects.get(pk=factories.draft_council(f))


# --- the ladder ---------------------------------------------------------------------------------


def test_the_lists_are_open_to_every_signed_in_user(cast, ladder):
    for name in ("index", "threshold_list"):
        ladder(_url(name), allowed=list(cast.values()))


def test_only_the_leader_deputy_or_board_set_up_an_election(cast, cluster, ladder):
    ladder(
        _url("election_create", cluster.pk),
        allowed=_roles(cast, "board", "leader", "officer"),
        forbidden=_roles(cast, "member", "council", "viewer"),
        hidden=_roles(cast, "outsider"),
    )


def test_only_a_board_sets_up_a_council_ballot(cast, ladder):
    ladder(
        _url("council_create"),
        allowed=_roles(cast, "board"),
        forbidden=_roles(cast, "leader", "officer", "member", "council", "viewer", "outsider"),
    )


def test_an_election_is_seen_by_the_cluster_and_organised_by_its_leaders(
    cast, ladder, election, open_election
):
    everyone = _roles(cast, "board", "leader", "officer", "member", "council", "viewer")
    for name in ("ballot_detail", "receipt_check"):
        ladder(_url(name, election.pk), allowed=everyone, hidden=_roles(cast, "outsider"))
    for name in ("ballot_open", "ballot_close", "ballot_release", "ballot_cancel", "next_round"):
        ladder(
            _url(name, election.pk),
            allowed=_roles(cast, "board", "leader", "officer"),
            forbidden=_roles(cast, "member", "council", "viewer"),
            hidden=_roles(cast, "outsider"),
        )
    ladder(
        _url("cast", open_election.pk),
        allowed=_roles(cast, "leader", "officer", "member"),
        forbidden=_roles(cast, "board", "council", "viewer"),
        hidden=_roles(cast, "outsider"),
    )
    for name in ("question_add", "written_opinion"):
        ladder(_url(name, election.pk), allowed=[], hidden=list(cast.values()))


def test_only_the_leader_and_deputy_record_their_decision(cast, ladder, released):
    ladder(
        _url("ballot_decide", released.pk),
        allowed=_roles(cast, "leader", "officer"),
        forbidden=_roles(cast, "board", "member", "council", "viewer"),
        hidden=_roles(cast, "outsider"),
    )


def test_a_council_ballot_is_seen_at_its_level_and_voted_by_its_members(
    cast, ladder, draft_council, open_council
):
    ladder(
        _url("ballot_detail", open_council.pk),
        allowed=_roles(cast, "board", "council", "viewer"),
        hidden=_roles(cast, "leader", "officer", "member", "outsider"),
    )
    for ballot, name in ((draft_council, "question_add"), (open_council, "written_opinion")):
        ladder(
            _url(name, ballot.pk),
            allowed=_roles(cast, "board"),
            forbidden=_roles(cast, "council", "viewer"),
            hidden=_roles(cast, "leader", "officer", "member", "outsider"),
        )
    ladder(
        _url("cast", open_council.pk),
        allowed=_roles(cast, "council"),
        forbidden=_roles(cast, "board", "viewer"),
        hidden=_roles(cast, "leader", "officer", "member", "outsider"),
    )


def test_the_minutes_exist_only_once_released(cast, ladder, client_for, released, open_election):
    everyone = _roles(cast, "board", "leader", "officer", "member", "council", "viewer")
    for fmt in ("pdf", "docx"):
        ladder(_url("minutes", released.pk, fmt), allowed=everyone, hidden=_roles(cast, "outsider"))
    assert (
        client_for(cast["leader"]).get(_url("minutes", open_election.pk, "pdf")).status_code == 404
    )


# --- pages and bad input ------------------------------------------------------------------------


def test_a_bad_election_form_says_why_in_vietnamese_and_creates_nothing(cast, cluster, client_for):
    client = client_for(cast["leader"])
    response = client.post(
        _url("election_create", cluster.pk),
        {
            "title": "",
            "seats": 1,
            "majority_percent": 50,
            "max_rounds": 2,
            "opens_at": "2026-12-01T08:00",
            "closes_at": "2026-12-01T11:00",
        },
    )
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một ứng viên trong số các đơn vị thành viên." in response.text
    response = client.post(
        _url("election_create", cluster.pk),
        {
            "seats": 0,
            "majority_percent": 50,
            "max_rounds": 2,
            "opens_at": "2026-12-01T08:00",
            "closes_at": "2026-12-01T07:00",
        },
    )
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_an_empty_ballot_paper_is_refused_and_nothing_is_recorded(
    cast, tree, client_for, open_election
):
    client = client_for(cast["member"])
    response = client.post(_url("cast", open_election.pk), {"unit": tree["d3"].pk})
    assert response.status_code == 400
    assert "Hãy chọn một ứng viên, hoặc chủ động đánh dấu bỏ phiếu trắng." in response.text
    assert not Turnout.objects.exists() and not Vote.objects.exists()


def test_a_cancel_needs_a_reason(cast, client_for, open_election):
    response = client_for(cast["leader"]).post(_url("ballot_cancel", open_election.pk), {})
    assert response.status_code == 400
    open_election.refresh_from_db()
    assert open_election.status == BallotStatus.OPEN


def test_a_refused_transition_shows_the_reason(cast, client_for, election):
    response = client_for(cast["leader"]).post(_url("ballot_close", election.pk))
    assert response.status_code == 400
    assert "Chỉ đóng được cuộc bỏ phiếu đang mở." in response.text


def test_the_council_pages_add_proposals_vote_and_record_written_opinions(
    cast, client_for, draft_council, tree
):
    board = client_for(cast["board"])
    response = board.post(
        _url("question_add", draft_council.pk),
        {"award_code": "chien_si_thi_dua_cap_tinh", "recipient": "Ông Trần Văn Bình"},
    )
    assert response.status_code == 302
    assert board.post(_url("ballot_open", draft_council.pk)).status_code == 302
    first, second = draft_council.questions.order_by("position")
    council = client_for(cast["council"])
    page = council.get(_url("cast", draft_council.pk))
    assert "Đồng ý" in page.text and "Không biểu quyết" in page.text
    bad = council.post(_url("cast", draft_council.pk), {f"q{first.pk}": "agree"})
    assert bad.status_code == 400 and not Turnout.objects.exists()
    done = council.post(
        _url("cast", draft_council.pk), {f"q{first.pk}": "agree", f"q{second.pk}": "disagree"}
    )
    assert done.status_code == 200 and "Mã biên nhận của bạn" in done.text
    from thidua.accounts.tests.factories import UserFactory, grant

    # A member added after the opening is not in the frozen electorate.
    late = grant(UserFactory(username="muon"), "council_member", tree["city"])
    assert client_for(late).get(_url("cast", draft_council.pk)).status_code == 403
    written = board.get(_url("written_opinion", draft_council.pk))
    assert written.status_code == 200 and "Cán bộ council" not in written.text


def test_a_whole_election_through_the_pages(cast, tree, cluster, client_for):
    leader = client_for(cast["leader"])
    response = leader.post(
        _url("election_create", cluster.pk),
        {
            "title": "",
            "seats": 1,
            "candidates": [tree["d1"].pk, tree["d2"].pk],
            "majority_percent": 50,
            "max_rounds": 2,
            "opens_at": "2020-12-15T08:00",
            "closes_at": "2099-12-15T11:00",
        },
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert leader.post(_url("ballot_open", ballot.pk)).status_code == 302
    codes = []
    for who, unit, choice in (
        ("leader", "d1", "d1"),
        ("officer", "d2", "d1"),
        ("member", "d3", "d2"),
    ):
        client = client_for(cast[who])
        page = client.get(_url("cast", ballot.pk))
        assert page.status_code == 200 and "Quận Thanh Xuân" in page.text
        done = client.post(
            _url("cast", ballot.pk), {"unit": tree[unit].pk, "candidates": [tree[choice].pk]}
        )
        assert done.status_code == 200 and done["Cache-Control"].startswith("max-age=0")
        code = done.context["code"]
        codes.append(code)
        assert code in done.text
        again = client.get(_url("cast", ballot.pk))
        assert "Đơn vị của bạn đã bỏ phiếu" in again.text
    # The receipt is not kept in any session.
    assert all(code not in str(s.get_decoded()) for s in Session.objects.all() for code in codes)

    assert leader.post(_url("ballot_close", ballot.pk)).status_code == 302
    sealed = client_for(cast["member"]).get(_url("ballot_detail", ballot.pk))
    assert "kết quả được niêm phong" in sealed.text and "Đơn vị dẫn đầu" not in sealed.text
    check = client_for(cast["member"]).post(_url("receipt_check", ballot.pk), {"code": codes[2]})
    assert "Phiếu có mã biên nhận này đã được kiểm." in check.text
    assert "Quận Thanh Xuân" not in check.text.split("<main")[1]
    assert leader.post(_url("ballot_release", ballot.pk)).status_code == 302
    page = client_for(cast["viewer"]).get(_url("ballot_detail", ballot.pk))
    assert "Đơn vị dẫn đầu: Quận Cầu Giấy" in page.text
    minutes = client_for(cast["viewer"]).get(_url("minutes", ballot.pk, "pdf"))
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"


def test_the_leaders_decision_through_the_page(cast, tree, f, client_for):
    ballot = actions.open_ballot(ballot=factories.make_election(f, max_rounds=1), by=cast["leader"])
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(ballot=ballot, by=cast[who], unit=tree[unit], candidates=[tree[unit]])
    ballot = actions.release_ballot(
        ballot=actions.close_ballot(ballot=ballot, by=cast["leader"]), by=cast["leader"]
    )
    client = client_for(cast["officer"])
    assert (
        "Ghi quyết định của cụm trưởng, cụm phó"
        in client.get(_url("ballot_detail", ballot.pk)).text
    )
    bad = client.post(_url("ballot_decide", ballot.pk), {"units": [tree["d1"].pk]})
    assert bad.status_code == 400
    done = client.post(
        _url("ballot_decide", ballot.pk), {"units": [tree["d1"].pk], "reason": "Điểm cao nhất."}
    )
    assert done.status_code == 302
    page = client.get(_url("ballot_detail", ballot.pk))
    assert "Điểm cao nhất." in page.text and "Đơn vị dẫn đầu: Quận Cầu Giấy" in page.text


def test_a_closed_ballot_shows_no_count_to_anyone_until_released(cast, tree, client_for, f):
    ballot = Ballot.objects.get(pk=factories.closed_election(f))  # three votes for d1
    url = _url("ballot_detail", ballot.pk)
    for who in ("leader", "officer", "member", "board", "viewer"):
        page = client_for(cast[who]).get(url)
        assert page.status_code == 200
        assert 'id="sealed"' in page.text, who
        assert 'id="elected"' not in page.text and "table-success" not in page.text, who
        assert "Đơn vị dẫn đầu" not in page.text and "Số phiếu thu về" not in page.text, who
        for fmt in ("pdf", "docx"):
            assert client_for(cast[who]).get(_url("minutes", ballot.pk, fmt)).status_code == 404
    actions.release_ballot(ballot=ballot, by=cast["leader"])
    page = client_for(cast["member"]).get(url)
    assert 'id="sealed"' not in page.text and "Số phiếu thu về" in page.text
    assert "Đơn vị dẫn đầu: Quận Cầu Giấy" in page.text
