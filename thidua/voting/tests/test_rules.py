"""The counting rules, as pure functions: exact shares, majority, rounds, the women tie-break."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from thidua.voting.rules import (
    Share,
    council_question_result,
    election_outcome,
    prefers_women,
)

MORE_THAN_HALF = Share(50, 100, strict=True)


def test_two_thirds_of_three_members_is_two_exactly():
    quorum = Share(2, 3)
    assert quorum.met(2, 3) and not quorum.met(1, 3)
    assert quorum.needed(3) == 2 and quorum.needed(10) == 7 and quorum.needed(9) == 6


def test_ninety_and_eighty_percent_of_all_members():
    assert Share(90, 100).needed(10) == 9 and Share(90, 100).needed(11) == 10
    assert Share(80, 100).needed(10) == 8 and Share(80, 100).needed(5) == 4


def test_more_than_half_of_six_member_units_is_four():
    assert MORE_THAN_HALF.needed(6) == 4
    assert not MORE_THAN_HALF.met(3, 6) and MORE_THAN_HALF.met(4, 6)


def test_nothing_is_met_on_an_empty_base():
    assert not Share(1, 100).met(0, 0)


@given(
    numerator=st.integers(1, 100),
    denominator=st.integers(1, 100),
    strict=st.booleans(),
    base=st.integers(1, 500),
)
def test_needed_is_the_smallest_count_that_meets_the_share(numerator, denominator, strict, base):
    if numerator > denominator:
        numerator, denominator = denominator, numerator
    share = Share(numerator, denominator, strict)
    needed = share.needed(base)
    exact = Fraction(numerator, denominator) * base
    assert share.met(needed, base)
    assert not share.met(needed - 1, base)
    assert (needed > exact) if strict else (needed >= exact)


def test_the_candidate_with_a_majority_of_all_members_is_elected():
    result = election_outcome(
        votes={1: 4, 2: 1, 3: 1}, electorate=6, seats=1, majority=MORE_THAN_HALF
    )
    assert result.outcome == "elected" and result.elected == (1,)


def test_a_majority_of_those_who_voted_is_not_enough():
    # Four of six units voted: three for unit 1 is a majority of the votes, not of the members.
    result = election_outcome(votes={1: 3, 2: 1}, electorate=6, seats=1, majority=MORE_THAN_HALF)
    assert result.outcome == "no_majority" and result.elected == () and result.unfilled == 1


def test_equal_votes_go_to_the_collective_with_at_least_70_percent_women():
    result = election_outcome(
        votes={1: 5, 2: 5, 3: 2},
        electorate=6,
        seats=1,
        majority=Share(40, 100, strict=True),
        women={2},
    )
    assert result.outcome == "elected"
    assert result.elected == (2,) and result.tie_broken == (2,)


def test_a_tie_without_the_women_fact_stays_a_tie():
    result = election_outcome(
        votes={1: 5, 2: 5, 3: 4}, electorate=6, seats=2, majority=MORE_THAN_HALF, women={3}
    )
    # Two seats, both taken by the equal leaders: no tie at the last seat, the rule is not used.
    assert result.outcome == "elected" and set(result.elected) == {1, 2}
    tied = election_outcome(
        votes={1: 6, 2: 5, 3: 5}, electorate=6, seats=2, majority=MORE_THAN_HALF
    )
    assert tied.outcome == "tie" and tied.elected == (1,)
    assert set(tied.tied) == {2, 3} and tied.unfilled == 1


def test_when_both_tied_candidates_qualify_for_the_women_rule_the_tie_remains():
    result = election_outcome(
        votes={1: 6, 2: 5, 3: 5},
        electorate=6,
        seats=2,
        majority=MORE_THAN_HALF,
        women={2, 3},
    )
    assert result.outcome == "tie" and result.elected == (1,) and set(result.tied) == {2, 3}


def test_the_women_rule_needs_the_fact_recorded():
    assert prefers_women(70) and prefers_women(100)
    assert not prefers_women(69) and not prefers_women(None)


def test_a_council_question_counts_on_all_members_with_written_opinions():
    ninety = Share(90, 100)
    # Ten members; eight present all agree; two absent without opinion: 80% < 90%.
    result = council_question_result(
        agree=8,
        disagree=0,
        abstain=0,
        electorate=10,
        voted=8,
        threshold=ninety,
        of_all_members=True,
        quorum_met=True,
    )
    assert not result.approved and result.needed == 9 and result.base == 10
    # Counted on those who voted (where a province configures it so) it would pass.
    assert council_question_result(
        agree=8,
        disagree=0,
        abstain=0,
        electorate=10,
        voted=8,
        threshold=ninety,
        of_all_members=False,
        quorum_met=True,
    ).approved


def test_no_quorum_approves_nothing():
    assert not council_question_result(
        agree=10,
        disagree=0,
        abstain=0,
        electorate=10,
        voted=10,
        threshold=Share(80, 100),
        of_all_members=True,
        quorum_met=False,
    ).approved
