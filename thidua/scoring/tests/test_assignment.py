"""Who cross-scores whom: a cycle from a seed — properties over any members and seed."""

from hypothesis import given
from hypothesis import strategies as st

from thidua.scoring.assignment import all_pairs, cycle_pairs

members = st.sets(st.integers(min_value=1, max_value=10_000), min_size=3, max_size=40)
seeds = st.integers(min_value=0, max_value=2**31 - 1)


@given(members, seeds)
def test_no_unit_scores_itself_and_no_two_units_score_each_other(units, seed):
    pairs = cycle_pairs(units, seed)
    assert all(a != b for a, b in pairs)
    assert not {(b, a) for a, b in pairs} & set(pairs)


@given(members, seeds)
def test_every_unit_scores_one_unit_and_is_scored_by_one(units, seed):
    pairs = cycle_pairs(units, seed)
    assert sorted(a for a, _b in pairs) == sorted(units)
    assert sorted(b for _a, b in pairs) == sorted(units)


@given(members, seeds, st.randoms())
def test_the_same_seed_gives_the_same_assignment_whatever_the_listing_order(units, seed, rnd):
    listed = list(units)
    rnd.shuffle(listed)
    assert cycle_pairs(listed, seed) == cycle_pairs(sorted(units), seed)


@given(members)
def test_the_assignment_is_one_cycle_through_every_unit(units):
    pairs = dict(cycle_pairs(units, 7))
    start = next(iter(pairs))
    seen, current = [start], pairs[start]
    while current != start:
        seen.append(current)
        current = pairs[current]
    assert sorted(seen) == sorted(units)


def test_two_units_can_only_score_each_other_and_one_unit_nobody():
    assert cycle_pairs([5, 9], 1) == [(5, 9), (9, 5)]
    assert cycle_pairs([5], 1) == []


def test_all_to_all_pairs_every_unit_with_every_other():
    assert all_pairs([3, 1, 2]) == [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]
