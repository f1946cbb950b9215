"""A cluster's leading-unit election: candidates, electorate, casting, counting, rounds."""

import datetime
import sys
import types

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.clusters import actions as cluster_actions
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import UnitFactory
from thidua.voting import actions, queries
from thidua.voting.candidates import candidates_for
from thidua.voting.models import (
    Ballot,
    BallotStatus,
    Candidate,
    CandidateSource,
    Elector,
    Outcome,
    TallyRow,
    Turnout,
    Vote,
)

from . import factories

pytestmark = pytest.mark.django_db


def _vote(ballot, cast, tree, who, unit, *candidates, blank=False):
    return actions.cast_ballot(
        ballot=ballot,
        by=cast[who],
        unit=tree[unit],
        candidates=[tree[c] for c in candidates],
        blank=blank,
    )


def _all_vote(ballot, cast, tree, d1=("d1",), d2=("d1",), d3=("d1",)):
    _vote(ballot, cast, tree, "leader", "d1", *d1)
    _vote(ballot, cast, tree, "officer", "d2", *d2)
    _vote(ballot, cast, tree, "member", "d3", *d3)


def _audit(action):
    return AuditEntry.objects.filter(action=action)


# --- candidates ---------------------------------------------------------------------------------


def test_without_a_published_ranking_the_leader_picks_among_the_members(cluster, tree):
    pool = candidates_for(cluster)
    assert pool.source == CandidateSource.LEADER and not pool.ranked
    assert [u.short_name for u in pool.units] == ["Cầu Giấy", "Hà Đông", "Thanh Xuân"]
    assert pool.ranks == {}


@pytest.fixture
def scoring(monkeypatch):
    """A stand-in for the scoring app's published ranking, set per cluster by the test (the real
    one is tested against candidates_for in thidua/scoring/tests/test_queries.py)."""
    ranking = {}
    module = types.ModuleType("thidua.scoring.queries")
    module.published_ranking = lambda cluster: ranking.get(cluster.pk)
    monkeypatch.setitem(sys.modules, "thidua.scoring.queries", module)
    from django.apps import apps

    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name == "thidua.scoring" or real(name))
    return ranking


def test_with_a_published_ranking_the_top_n_stand_in_its_order(f, cluster, tree, scoring):
    outsider = UnitFactory(parent=tree["city"], short_name="Ngoài cụm")
    scoring[cluster.pk] = [tree["d3"].pk, outsider.pk, tree["d3"].pk, tree["d1"].pk, tree["d2"].pk]
    pool = candidates_for(cluster, top_n=2)
    assert pool.ranked and [u.pk for u in pool.units] == [tree["d3"].pk, tree["d1"].pk]
    ballot = factories.make_election(f, candidates=None, top_n=2)
    assert ballot.candidate_source == CandidateSource.RANKING
    ranked = list(ballot.candidates.order_by("position").values_list("unit_id", "published_rank"))
    assert ranked == [(tree["d3"].pk, 1), (tree["d1"].pk, 2)]
    with pytest.raises(ValidationError, match="bảng xếp hạng"):
        factories.make_election(f, candidates=[tree["d2"]], top_n=2)


def test_an_unpublished_ranking_leaves_the_choice_to_the_leader(cluster, scoring):
    assert candidates_for(cluster).source == CandidateSource.LEADER


def test_candidates_must_be_members_and_fill_the_seats(f, tree):
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        factories.make_election(f, candidates=[tree["w1"]])
    with pytest.raises(ValidationError, match="Hãy chọn ít nhất một"):
        factories.make_election(f, candidates=[])
    with pytest.raises(ValidationError, match="ít hơn"):
        factories.make_election(f, candidates=[tree["d1"]], seats=2)
    with pytest.raises(ValidationError, match="sau thời điểm mở"):
        factories.make_election(
            f, opens_at=timezone.now(), closes_at=timezone.now() - datetime.timedelta(hours=1)
        )
    assert not Ballot.objects.exists()


def test_an_election_is_created_as_a_draft_and_audited(election, cast, tree):
    assert election.status == BallotStatus.DRAFT and election.round == 1
    assert (election.majority_numerator, election.majority_comparison) == (50, "more_than")
    assert election.max_rounds == 2 and election.seats == 1
    assert election.title == "Bình xét, suy tôn đơn vị dẫn đầu Cụm thi đua số I năm 2020"
    entry = _audit("voting.ballot.created").get()
    assert entry.actor == cast["leader"] and sorted(entry.after["candidates"]) == sorted(
        [tree["d1"].pk, tree["d2"].pk, tree["d3"].pk]
    )


# --- opening: the electorate is frozen ----------------------------------------------------------


def test_opening_freezes_one_elector_per_member_unit(open_election, cluster, tree):
    assert open_election.status == BallotStatus.OPEN and open_election.electorate_size == 3
    names = set(Elector.objects.filter(ballot=open_election).values_list("name", flat=True))
    assert names == {"Quận Cầu Giấy", "Quận Thanh Xuân", "Quận Hà Đông"}
    # A unit joining the cluster later is not in this ballot's electorate.
    late = UnitFactory(parent=tree["city"], kind="huyen", short_name="Tây Hồ")
    cluster_actions.update_cluster(
        cluster=cluster,
        version=cluster.version,
        name=cluster.name,
        number=cluster.number,
        description="",
        members=[tree["d1"], tree["d2"], tree["d3"], late],
        leader=tree["d1"],
        deputy=tree["d2"],
        by=None,
    )
    open_election.refresh_from_db()
    assert open_election.electorate_size == 3 and open_election.electors.count() == 3
    assert _audit("voting.ballot.opened").get().after["electorate"] == 3


def test_the_women_share_is_frozen_on_the_candidates_when_opening(election, tree, cast):
    type(tree["d2"]).objects.filter(pk=tree["d2"].pk).update(women_share=72)
    actions.open_ballot(ballot=election, by=cast["leader"])
    assert Candidate.objects.get(ballot=election, unit=tree["d2"]).women_share == 72


def test_only_a_draft_opens(open_election, cast):
    with pytest.raises(ValidationError, match="bản nháp"):
        actions.open_ballot(ballot=open_election, by=cast["leader"])


# --- casting ------------------------------------------------------------------------------------


def test_each_member_unit_votes_once_through_its_officer(open_election, cast, tree):
    code = _vote(open_election, cast, tree, "officer", "d2", "d1")
    assert len(code) == 19 and code.count("-") == 3
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        _vote(open_election, cast, tree, "officer", "d2", "d3")
    with pytest.raises(ValidationError, match="cán bộ của đơn vị"):
        _vote(open_election, cast, tree, "member", "d1", "d3")
    assert Turnout.objects.count() == 1 and Vote.objects.count() == 1
    entries = _audit("voting.ballot.turnout_recorded")
    assert entries.count() == 1
    assert entries.get().after == {"elector": "Quận Thanh Xuân", "method": "in_person"}


@pytest.mark.parametrize(
    ("candidates", "blank", "message"),
    [
        ([], False, "phiếu trắng"),
        (["d1", "d2"], False, "tối đa 1"),
        (["w1"], False, "trong số các ứng viên"),
        (["d1"], True, "Phiếu trắng không thể"),
        (["d1", "d1"], False, "chọn hai lần"),
    ],
)
def test_a_spoilt_ballot_is_refused_and_nothing_is_recorded(
    open_election, cast, tree, candidates, blank, message
):
    with pytest.raises(ValidationError, match=message):
        _vote(open_election, cast, tree, "member", "d3", *candidates, blank=blank)
    assert not Turnout.objects.exists() and not Vote.objects.exists()
    assert not _audit("voting.ballot.turnout_recorded").exists()


def test_a_blank_ballot_counts_in_the_turnout_not_for_a_candidate(open_election, cast, tree):
    _vote(open_election, cast, tree, "member", "d3", blank=True)
    vote = Vote.objects.get()
    assert vote.choice == "blank" and vote.candidate is None


def test_voting_happens_only_between_the_opening_and_closing_times(f, cast, tree, at):
    start = timezone.now() + datetime.timedelta(hours=2)
    ballot = factories.make_election(
        f, opens_at=start, closes_at=start + datetime.timedelta(hours=3)
    )
    actions.open_ballot(ballot=ballot, by=cast["leader"])
    with pytest.raises(ValidationError, match="Bắt đầu bỏ phiếu lúc"):
        _vote(ballot, cast, tree, "member", "d3", "d1")
    at(start + datetime.timedelta(hours=4))
    with pytest.raises(ValidationError, match="Đã kết thúc bỏ phiếu lúc"):
        _vote(ballot, cast, tree, "member", "d3", "d1")
    assert not Turnout.objects.exists()


def test_a_draft_takes_no_votes(election, cast, tree):
    with pytest.raises(ValidationError, match="không mở"):
        _vote(election, cast, tree, "member", "d3", "d1")


# --- closing and the tally ----------------------------------------------------------------------


def test_closing_counts_in_the_database_with_one_group_by(open_election, cast, tree):
    _all_vote(open_election, cast, tree, d3=("d2",))
    with CaptureQueriesContext(connection) as queries_run:
        ballot = actions.close_ballot(ballot=open_election, by=cast["leader"])
    grouped = [q["sql"] for q in queries_run if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1 and "COUNT(" in grouped[0] and "voting_vote" in grouped[0]
    tally = set(TallyRow.objects.values_list("candidate__unit__short_name", "count"))
    assert tally == {("Cầu Giấy", 2), ("Thanh Xuân", 1)}
    assert ballot.status == BallotStatus.CLOSED and ballot.outcome == Outcome.ELECTED
    assert ballot.turnout_total == 3
    assert list(ballot.candidates.filter(elected=True).values_list("unit", flat=True)) == [
        tree["d1"].pk
    ]


def test_the_tally_takes_the_same_queries_for_three_votes_or_thirty(f, cast, tree):
    def close(ballot):
        with CaptureQueriesContext(connection) as run:
            actions.close_ballot(ballot=ballot, by=cast["leader"])
        return len(run)

    small = actions.open_ballot(ballot=factories.make_election(f), by=cast["leader"])
    _all_vote(small, cast, tree)
    few = close(small)
    members = _grow(f, 27)
    large = actions.open_ballot(ballot=factories.make_election(f), by=cast["leader"])
    _all_vote(large, cast, tree)
    for unit, officer in members:
        actions.cast_ballot(ballot=large, by=officer, unit=unit, candidates=[tree["d2"]])
    assert Vote.objects.filter(ballot=large).count() == 30
    assert close(large) == few


def test_closing_rewrites_the_votes_under_new_keys_and_keeps_the_receipts(
    open_election, cast, tree
):
    code = _vote(open_election, cast, tree, "leader", "d1", "d1")
    before = set(Vote.objects.values_list("pk", "receipt_hash"))
    actions.close_ballot(ballot=open_election, by=cast["leader"])
    after = set(Vote.objects.values_list("pk", "receipt_hash"))
    assert {h for _pk, h in before} == {h for _pk, h in after}
    assert not {pk for pk, _h in before} & {pk for pk, _h in after}
    assert queries.receipt_counted(open_election, code)


def test_a_closed_ballot_is_never_edited_or_cancelled(open_election, cast, tree):
    ballot = actions.close_ballot(ballot=open_election, by=cast["leader"])
    with pytest.raises(ValidationError, match="không mở"):
        _vote(ballot, cast, tree, "member", "d3", "d1")
    with pytest.raises(ValidationError, match="vòng mới"):
        actions.cancel_ballot(ballot=ballot, reason="Nhầm", by=cast["leader"])
    with pytest.raises(ValidationError):
        actions.close_ballot(ballot=ballot, by=cast["leader"])
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.CLOSED


def test_the_close_audit_row_holds_no_counts(open_election, cast, tree):
    _all_vote(open_election, cast, tree)
    actions.close_ballot(ballot=open_election, by=cast["leader"])
    entry = _audit("voting.ballot.closed").get()
    assert entry.after == {"status": "closed", "electorate": 3, "turnout": 3}


# --- sealed until released ----------------------------------------------------------------------


def test_the_result_stays_sealed_until_the_organiser_releases_it(open_election, cast, tree):
    _all_vote(open_election, cast, tree)
    closed = actions.close_ballot(ballot=open_election, by=cast["leader"])
    assert queries.result_of(closed) is None
    released = actions.release_ballot(ballot=closed, by=cast["officer"])
    result = queries.result_of(released)
    assert [line.unit.short_name for line in result.elected] == ["Cầu Giấy"]
    assert result.turnout == 3 and result.majority_needed == 2
    entry = _audit("voting.ballot.released").get()
    assert entry.after["elected"] == [tree["d1"].pk] and entry.actor == cast["officer"]


def test_only_a_closed_ballot_is_released(open_election, cast):
    with pytest.raises(ValidationError, match="đã đóng"):
        actions.release_ballot(ballot=open_election, by=cast["leader"])


def test_release_tells_the_listeners_once_committed(
    open_election, cast, tree, django_capture_on_commit_callbacks
):
    from thidua.voting.signals import ballot_released

    heard = []

    def listener(sender, ballot, questions, **kwargs):
        heard.append((ballot.pk, questions))

    ballot_released.connect(listener)
    try:
        closed = actions.close_ballot(ballot=open_election, by=cast["leader"])
        with django_capture_on_commit_callbacks(execute=True):
            actions.release_ballot(ballot=closed, by=cast["leader"])
    finally:
        ballot_released.disconnect(listener)
    assert heard == [(closed.pk, [])]


# --- rounds and the leaders' decision -----------------------------------------------------------


def _released(ballot, cast):
    closed = actions.close_ballot(ballot=ballot, by=cast["leader"])
    return actions.release_ballot(ballot=closed, by=cast["leader"])


def test_without_a_majority_a_new_round_then_the_leader_and_deputy_decide(
    open_election, cast, tree
):
    # Three different votes: nobody has more than half of the three member units.
    _all_vote(open_election, cast, tree, d1=("d1",), d2=("d2",), d3=("d3",))
    first = _released(open_election, cast)
    assert first.outcome == Outcome.NO_MAJORITY
    with pytest.raises(ValidationError, match="vòng tiếp theo"):
        actions.decide_by_leaders(ballot=first, units=[tree["d1"]], reason="x", by=cast["leader"])

    second = actions.start_next_round(ballot=first, by=cast["leader"], **factories.window())
    assert second.round == 2 and second.previous == first and second.status == BallotStatus.DRAFT
    assert second.candidates.count() == 3 and second.seats == 1
    with pytest.raises(ValidationError, match="đã được lập"):
        actions.start_next_round(ballot=first, by=cast["leader"], **factories.window())

    actions.open_ballot(ballot=second, by=cast["leader"])
    _all_vote(second, cast, tree, d1=("d1",), d2=("d2",), d3=("d3",))
    second = _released(second, cast)
    assert second.outcome == Outcome.NO_MAJORITY
    with pytest.raises(ValidationError, match="vòng cuối cùng"):
        actions.start_next_round(ballot=second, by=cast["leader"], **factories.window())
    with pytest.raises(ValidationError, match="không được để trống"):
        actions.decide_by_leaders(ballot=second, units=[tree["d2"]], reason=" ", by=cast["leader"])
    with pytest.raises(ValidationError, match="đúng 1"):
        actions.decide_by_leaders(
            ballot=second, units=[tree["d1"], tree["d2"]], reason="x", by=cast["leader"]
        )

    decided = actions.decide_by_leaders(
        ballot=second,
        units=[tree["d2"]],
        reason="Thanh Xuân dẫn đầu bảng điểm và hoàn thành vượt mức các chỉ tiêu.",
        by=cast["officer"],
    )
    assert decided.outcome == Outcome.DECIDED and decided.decided_by == cast["officer"]
    elected = decided.candidates.get(elected=True)
    assert elected.unit == tree["d2"] and elected.elected_by == "leaders"
    entry = _audit("voting.ballot.decided_by_leaders").get()
    assert entry.reason.startswith("Thanh Xuân") and entry.after["units"] == [tree["d2"].pk]
    with pytest.raises(ValidationError, match="Không còn gì"):
        actions.decide_by_leaders(ballot=decided, units=[tree["d1"]], reason="x", by=cast["leader"])


def test_a_settled_election_needs_no_new_round(open_election, cast, tree):
    _all_vote(open_election, cast, tree)
    released = _released(open_election, cast)
    with pytest.raises(ValidationError, match="đã có kết quả"):
        actions.start_next_round(ballot=released, by=cast["leader"], **factories.window())


def test_a_next_round_waits_for_the_released_result(open_election, cast):
    closed = actions.close_ballot(ballot=open_election, by=cast["leader"])
    with pytest.raises(ValidationError, match="Hãy công bố"):
        actions.start_next_round(ballot=closed, by=cast["leader"], **factories.window())


def _grow(f, count):
    """Add ``count`` member units to the shared cluster, each with its officer."""
    tree, cluster = f["tree"], f["cluster"]
    from thidua.accounts.tests.factories import UserFactory, grant

    units = [
        UnitFactory(parent=tree["city"], kind="huyen", short_name=f"Quận {i}")
        for i in range(1, count + 1)
    ]
    cluster_actions.update_cluster(
        cluster=cluster,
        version=type(cluster).objects.get(pk=cluster.pk).version,
        name=cluster.name,
        number=cluster.number,
        description="",
        members=[tree["d1"], tree["d2"], tree["d3"], *units],
        leader=tree["d1"],
        deputy=tree["d2"],
        by=None,
    )
    return [(unit, grant(UserFactory(), "unit_officer", unit)) for unit in units]


def _two_seat_tie(f, cast, tree):
    """Five member units, two seats: d1 4 votes, d2 and d3 3 each (all above half of five)."""
    (d4, o4), (d5, o5) = _grow(f, 2)
    ballot = factories.make_election(f, seats=2)
    actions.open_ballot(ballot=ballot, by=cast["leader"])
    _all_vote(ballot, cast, tree, d1=("d1", "d2"), d2=("d1", "d3"), d3=("d1", "d2"))
    actions.cast_ballot(ballot=ballot, by=o4, unit=d4, candidates=[tree["d1"], tree["d3"]])
    actions.cast_ballot(ballot=ballot, by=o5, unit=d5, candidates=[tree["d2"], tree["d3"]])
    return _released(ballot, cast)


def test_equal_votes_go_to_the_unit_with_at_least_70_percent_women(f, cast, tree):
    """d2 and d3 are equal for the second seat; d3 (75% women, recorded) takes it."""
    type(tree["d3"]).objects.filter(pk=tree["d3"].pk).update(women_share=75)
    type(tree["d2"]).objects.filter(pk=tree["d2"].pk).update(women_share=60)
    released = _two_seat_tie(f, cast, tree)
    assert released.outcome == Outcome.ELECTED
    elected = dict(released.candidates.filter(elected=True).values_list("unit", "elected_by"))
    assert elected == {tree["d1"].pk: "vote", tree["d3"].pk: "tie_break"}


def test_a_tie_without_the_fact_goes_to_a_new_round_between_the_tied(f, cast, tree):
    released = _two_seat_tie(f, cast, tree)
    assert released.outcome == Outcome.TIE
    assert list(released.candidates.filter(elected=True).values_list("unit", flat=True)) == [
        tree["d1"].pk
    ]
    following = actions.start_next_round(ballot=released, by=cast["leader"], **factories.window())
    assert following.seats == 1
    assert set(following.candidates.values_list("unit", flat=True)) == {
        tree["d2"].pk,
        tree["d3"].pk,
    }


# --- corrections --------------------------------------------------------------------------------


def test_a_ballot_opened_by_mistake_is_cancelled_with_a_reason(open_election, cast, tree):
    _vote(open_election, cast, tree, "member", "d3", "d1")
    with pytest.raises(ValidationError, match="không được để trống"):
        actions.cancel_ballot(ballot=open_election, reason="  ", by=cast["leader"])
    cancelled = actions.cancel_ballot(
        ballot=open_election, reason="Mở nhầm: danh sách ứng viên thiếu.", by=cast["leader"]
    )
    assert cancelled.status == BallotStatus.CANCELLED and cancelled.cancel_reason.startswith("Mở")
    assert not Vote.objects.exists() and Turnout.objects.count() == 1
    entry = _audit("voting.ballot.cancelled").get()
    assert entry.reason.startswith("Mở nhầm") and entry.after["votes_discarded"] == 1
    with pytest.raises(ValidationError):
        _vote(cancelled, cast, tree, "leader", "d1", "d1")


def test_due_ballots_close_on_time(open_election, at):
    at(open_election.closes_at + datetime.timedelta(minutes=1))
    assert actions.close_due_ballots(dry_run=True) == [open_election]
    assert Ballot.objects.get(pk=open_election.pk).status == BallotStatus.OPEN
    closed = actions.close_due_ballots()
    assert [b.pk for b in closed] == [open_election.pk]
    assert Ballot.objects.get(pk=open_election.pk).status == BallotStatus.CLOSED
    assert _audit("voting.ballot.closed").get().actor is None
