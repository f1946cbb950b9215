"""Consolidation and ranking in the database, checked against a plain Python reading of the
rules: properties over random pledges and scores (hypothesis), then named cases."""

from __future__ import annotations

import datetime
import itertools
import random
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.clusters.models import Cluster, EmulationYear
from thidua.core import vn
from thidua.organizations.models import Unit
from thidua.pledges.caps import capped_total
from thidua.pledges.models import (
    AdjustmentRule,
    ContentGroup,
    Criterion,
    GradeThreshold,
    Pledge,
    PledgeVersion,
    TieBreakStep,
)
from thidua.pledges.queries import caps_of
from thidua.scoring import actions, consolidation
from thidua.scoring.models import RoundUnit, ScoreLine, ScoringRound
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db
D = Decimal
NAMES = ["Phường A", "Phường B", "Phường C", "Phường D", "Phường E", "Phường F"]
halves = st.integers(min_value=0, max_value=20).map(lambda n: D(n) / 2)
caps = st.one_of(st.none(), halves)


@st.composite
def scenarios(draw):
    groups = draw(st.lists(st.tuples(caps, caps), min_size=1, max_size=3))
    criteria = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(groups) - 1),
                st.integers(min_value=1, max_value=10).map(D),
                caps,
                caps,
            ),
            min_size=1,
            max_size=6,
        )
    )
    scope = st.one_of(
        st.tuples(st.just("criterion"), st.integers(0, len(criteria) - 1)),
        st.tuples(st.just("group"), st.integers(0, len(groups) - 1)),
        st.tuples(st.just("pledge"), st.just(0)),
    )
    rules = draw(
        st.lists(
            st.tuples(st.sampled_from(["bonus", "penalty"]), halves.filter(bool), scope),
            max_size=4,
        )
    )
    step = st.one_of(
        st.sampled_from(["base", "fewer_penalty", "more_bonus", "fewer_zero", "body"]).map(
            lambda k: (k, None)
        ),
        st.integers(0, len(groups) - 1).map(lambda g: ("group", g)),
    )
    chain = draw(st.one_of(st.none(), st.lists(step, min_size=1, max_size=4)))
    n = draw(st.integers(min_value=2, max_value=len(NAMES)))

    def cell(maximum):
        points = st.integers(0, int(maximum * 2)).map(lambda x: D(x) / 2)
        return st.tuples(st.one_of(st.none(), points), st.one_of(st.none(), points))

    lines = draw(
        st.lists(
            st.tuples(
                st.tuples(*(cell(c[1]) for c in criteria)),
                st.tuples(*(cell(D(6)) for _ in rules)),
            ),
            min_size=n,
            max_size=n,
        )
    )
    grades = draw(
        st.lists(
            st.tuples(st.integers(0, 40).map(D), st.booleans()),
            max_size=3,
            unique_by=lambda g: g[0],
        )
    )
    orders = draw(st.one_of(st.none(), st.permutations(range(1, n + 1))))
    return {
        "groups": groups,
        "criteria": criteria,
        "rules": rules,
        "chain": chain,
        "lines": lines,
        "grades": sorted(grades, reverse=True),
        "pledge_caps": (draw(halves), draw(halves)),
        "orders": orders,
    }


@pytest.fixture
def world(tree):
    units = [Unit.objects.create(kind="xa", short_name=n, name=n) for n in NAMES]
    year = EmulationYear.objects.create(unit=tree["city"], year=2021)
    return {"units": units, "year": year, "counter": itertools.count(1)}


def build(world, s, *, shuffle: random.Random | None = None):
    """The scenario as a locked version and a round; rows inserted in shuffled order if asked."""
    number = next(world["counter"])
    cluster = Cluster.objects.create(
        emulation_year=world["year"], kind="cum", number=str(number), name=f"Cụm {number}"
    )
    pledge = Pledge.objects.create(cluster=cluster)
    bonus_cap, penalty_cap = s["pledge_caps"]
    version = PledgeVersion.objects.create(
        pledge=pledge,
        number=1,
        status="locked",
        title="Giao ước",
        scale=100,
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        locked_at=timezone.now(),
        in_force_from=datetime.date(2021, 1, 1),
    )
    groups = [
        ContentGroup.objects.create(
            pledge_version=version, title=f"Nội dung {i}", position=i, bonus_cap=b, penalty_cap=p
        )
        for i, (b, p) in enumerate(s["groups"])
    ]
    criteria = [
        Criterion.objects.create(
            pledge_version=version,
            group=groups[g],
            code=f"{i + 1}",
            text=f"Tiêu chí {i + 1}",
            max_score=m,
            method="free",
            position=i,
            bonus_cap=b,
            penalty_cap=p,
        )
        for i, (g, m, b, p) in enumerate(s["criteria"])
    ]
    rules = []
    for i, (kind, points, (where, index)) in enumerate(s["rules"]):
        rules.append(
            AdjustmentRule.objects.create(
                pledge_version=version,
                kind=kind,
                text=f"Quy định {i}",
                points=points,
                position=i,
                criterion=criteria[index] if where == "criterion" else None,
                group=groups[index] if where == "group" else None,
            )
        )
    for i, (minimum, flag) in enumerate(s["grades"]):
        GradeThreshold.objects.create(
            pledge_version=version,
            position=i,
            label=f"Loại {i}",
            min_score=minimum,
            excluded_by_zero_criterion=flag,
        )
    for i, (kind, g) in enumerate(s["chain"] or []):
        TieBreakStep.objects.create(
            pledge_version=version,
            position=i + 1,
            kind=kind,
            group=groups[g] if g is not None else None,
        )
    scoring_round = ScoringRound.objects.create(
        cluster=cluster,
        pledge_version=version,
        title=f"Đợt {number}",
        opens_on=datetime.date(2021, 12, 1),
        closes_on=datetime.date(2021, 12, 15),
    )
    units = world["units"][: len(s["lines"])]
    members = [
        RoundUnit(
            round=scoring_round,
            unit=u,
            tie_order=s["orders"][i] if s["orders"] else None,
        )
        for i, u in enumerate(units)
    ]
    rows = []
    for unit, (criterion_cells, rule_cells) in zip(units, s["lines"], strict=True):
        for criterion, (own, validated) in zip(criteria, criterion_cells, strict=True):
            rows.append(
                ScoreLine(
                    round=scoring_round,
                    unit=unit,
                    criterion=criterion,
                    self_points=own,
                    validated_points=validated,
                    validated_reason="x" if validated is not None else "",
                )
            )
        for rule, (own, validated) in zip(rules, rule_cells, strict=True):
            rows.append(
                ScoreLine(
                    round=scoring_round,
                    unit=unit,
                    rule=rule,
                    self_points=own,
                    validated_points=validated,
                    validated_reason="x" if validated is not None else "",
                )
            )
    if shuffle is not None:
        shuffle.shuffle(members)
        shuffle.shuffle(rows)
    RoundUnit.objects.bulk_create(members)
    ScoreLine.objects.bulk_create(rows)
    return scoring_round, version, units, criteria, groups, rules


def oracle(s, version, units, criteria, groups, rules):
    """The standings by a direct reading of the rules, in Python."""
    bonus_caps, penalty_caps = caps_of(version, "bonus"), caps_of(version, "penalty")
    out = {}
    for i, (unit, (criterion_cells, rule_cells)) in enumerate(zip(units, s["lines"], strict=True)):
        finals = [
            v if v is not None else (o if o is not None else D(0)) for o, v in criterion_cells
        ]
        selfs = [o if o is not None else D(0) for o, _v in criterion_cells]
        rule_finals = [v if v is not None else (o or D(0)) for o, v in rule_cells]
        rule_selfs = [o or D(0) for o, _v in rule_cells]

        def adjust(values, kind):
            caps = bonus_caps if kind == "bonus" else penalty_caps
            awarded = {r.pk: v for r, v in zip(rules, values, strict=True) if r.kind == kind}
            return capped_total(caps, awarded)

        base = sum(finals, D(0))
        bonus, penalty = adjust(rule_finals, "bonus"), adjust(rule_finals, "penalty")
        zeros = sum(1 for v in finals if v == 0)
        at_max = sum(1 for v, c in zip(finals, criteria, strict=True) if v >= c.max_score)
        by_group = {g.pk: D(0) for g in groups}
        for v, c in zip(finals, criteria, strict=True):
            by_group[c.group_id] += v
        total = base + bonus - penalty
        order = s["orders"][i] if s["orders"] else consolidation.NO_ORDER
        grade = ""
        for g_index, (minimum, flag) in enumerate(s["grades"]):
            if total >= minimum and not (flag and zeros):
                grade = f"Loại {g_index}"
                break
        out[unit.pk] = {
            "base": base,
            "bonus": bonus,
            "penalty": penalty,
            "total": total,
            "self_total": sum(selfs, D(0))
            + adjust(rule_selfs, "bonus")
            - adjust(rule_selfs, "penalty"),
            "zeros": zeros,
            "at_max": at_max,
            "groups": by_group,
            "body": -order,
            "grade": grade,
            "name": unit.short_name,
        }
    chain = s["chain"] or [("fewer_penalty", None), ("at_max", None), ("group", 0), ("body", None)]

    def key(unit_id):
        row = out[unit_id]
        values = [row["total"]]
        for kind, g in chain:
            values.append(
                {
                    "base": row["base"],
                    "fewer_penalty": -row["penalty"],
                    "more_bonus": row["bonus"],
                    "fewer_zero": -row["zeros"],
                    "at_max": row["at_max"],
                    "body": row["body"],
                    "group": row["groups"][groups[g].pk] if g is not None else 0,
                }[kind]
            )
        values.append(row["body"])
        return (*(-v for v in values), vn.sort_key(row["name"]), unit_id)

    return out, sorted(out, key=key), key


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(s=scenarios(), seed=st.integers(0, 10_000))
def test_consolidation_and_ranking_follow_the_rules_whatever_the_data(world, s, seed):
    with transaction.atomic():
        scoring_round, version, units, criteria, groups, rules = build(world, s)
        expected, order, key = oracle(s, version, units, criteria, groups, rules)
        standings = consolidation.standings([scoring_round])
        got = {x.unit_id: x for x in standings}
        for unit_id, row in expected.items():
            x = got[unit_id]
            assert (x.base, x.bonus, x.penalty, x.total, x.self_total) == (
                row["base"],
                row["bonus"],
                row["penalty"],
                row["total"],
                row["self_total"],
            )
            assert (x.zero_count, x.at_max_count, x.grade) == (
                row["zeros"],
                row["at_max"],
                row["grade"],
            )
            # Caps are never exceeded.
            assert x.bonus <= version.bonus_cap and x.penalty <= version.penalty_cap
        # The ranking is the chain's order: a total order, ranks 1..n.
        assert [x.unit_id for x in standings] == order
        assert [x.rank for x in standings] == list(range(1, len(units) + 1))
        # Only units equal on every key are "unresolved", and only those.
        for above, below in itertools.pairwise(standings):
            equal = key(above.unit_id)[:-2] == key(below.unit_id)[:-2]
            assert (below.tie_kind == consolidation.UNRESOLVED) == equal
        # Deterministic, and the same whatever order the rows were inserted in.
        assert consolidation.standings([scoring_round]) == standings
        again = build(world, s, shuffle=random.Random(seed))[0]
        other = consolidation.standings([again])
        strip = [(x.unit_id, x.rank, x.total, x.tie_kind, x.grade) for x in standings]
        assert [(x.unit_id, x.rank, x.total, x.tie_kind, x.grade) for x in other] == strip
        transaction.set_rollback(True)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=scenarios(), b=scenarios())
def test_rounds_consolidated_together_give_what_each_gives_alone(world, a, b):
    """Set-wise over many rounds (a year nationwide) equals round by round."""
    with transaction.atomic():
        first, second = build(world, a)[0], build(world, b)[0]
        together = consolidation.standings(
            ScoringRound.objects.filter(pk__in=[first.pk, second.pk])
        )
        alone = consolidation.standings([first]) + consolidation.standings([second])
        assert sorted(together, key=lambda x: (x.round_id, x.rank)) == sorted(
            alone, key=lambda x: (x.round_id, x.rank)
        )
        transaction.set_rollback(True)


# --- named cases on the factories' pledge (scale 10; rules: bonus 1 on 1.1, bonus 1, penalty 0,5)


def _occurrences(scoring_round, unit, user, text, times):
    target = sf.line(scoring_round, unit, rule_text=text)
    actions.save_self_score(
        line=target, version=target.version, value=times, by=user, today=sf.DURING
    )


def _standing(scoring_round, unit):
    return next(s for s in consolidation.standings([scoring_round]) if s.unit_id == unit.pk)


def test_bonus_and_penalty_points_are_capped_by_the_pledge(scored, tree, cast):
    """Bonus 1 + 1 × 3 asked, the pledge's cap is 3; penalty 0,5 × 9 = 4,5 capped at 3."""
    _occurrences(scored, tree["d2"], cast["officer"], "Vượt dự toán", 1)
    _occurrences(scored, tree["d2"], cast["officer"], "Mô hình mới", 3)
    _occurrences(scored, tree["d3"], cast["member"], "Chậm gửi", 9)
    d2, d3 = _standing(scored, tree["d2"]), _standing(scored, tree["d3"])
    assert (d2.base, d2.bonus, d2.total) == (D(9), D(3), D(12))
    assert (d3.base, d3.penalty, d3.total) == (D(6), D(3), D(3))


def test_a_criterion_scored_0_rules_out_the_two_top_grades(scored, tree):
    """d1 scores 10 (Xuất sắc); d3 reaches 6 with 2.1 at 0: below Khá; raise it to 8 → Khá,
    not Tốt, because a criterion is still at 0."""
    assert _standing(scored, tree["d1"]).grade == "Xuất sắc"
    assert _standing(scored, tree["d3"]).grade == ""
    actions.close_round(scoring_round=scored, by=None)
    line = sf.line(scored, tree["d3"], "1.2")
    actions.validate_score(line=line, version=line.version, points=3, reason="Đạt mức Tốt", by=None)
    first = sf.line(scored, tree["d3"], "1.1")
    actions.validate_score(line=first, version=first.version, points=4, reason="Đủ", by=None)
    d3 = _standing(scored, tree["d3"])
    assert d3.total == D(7) and d3.zero_count == 1 and d3.grade == "Khá"


def test_the_default_chain_prefers_fewer_penalty_points_and_says_so(scoring_round, tree, cast):
    """d1 and d2 both total 9: d1 by 10 − 1 penalty, d2 by 9 with none. d2 ranks first."""
    sf.score_all(
        scoring_round,
        cast,
        tree,
        {
            "d1": sf.FULL,
            "d2": {"1.1": {"value": 100}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "yes"}},
            "d3": {"1.1": {"value": 80}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "no"}},
        },
    )
    _occurrences(scoring_round, tree["d1"], cast["leader"], "Chậm gửi", 2)
    ranking = consolidation.standings([scoring_round])
    assert [s.unit_id for s in ranking] == [tree["d2"].pk, tree["d1"].pk, tree["d3"].pk]
    assert ranking[1].tie_kind == "fewer_penalty"
    assert ranking[2].tie_kind == consolidation.BY_TOTAL


def test_a_configured_chain_is_followed_instead_of_the_default(cluster, cast, tree):
    """Chain "more bonus points": d2 (8 + bonus 1) passes d1 (9, no bonus); the default chain
    would have put d1 first (same penalty, same criteria at maximum, more in the first group)."""
    sf.locked_version(cluster, cast, tree, tie_breaks=[{"kind": "more_bonus", "group_id": None}])
    scoring_round = actions.create_round(
        cluster=cluster, opens_on=sf.OPENS, closes_on=sf.CLOSES, by=cast["leader"]
    )
    sf.score_all(
        scoring_round,
        cast,
        tree,
        {
            "d1": {"1.1": {"value": 100}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "yes"}},
            "d2": {
                "1.1": {"value": 100},
                "1.2": {"choice": "Trung bình"},
                "2.1": {"choice": "yes"},
            },
            "d3": {"1.1": {"value": 80}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "no"}},
        },
    )
    _occurrences(scoring_round, tree["d2"], cast["officer"], "Mô hình mới", 1)
    ranking = consolidation.standings([scoring_round])
    assert [s.unit_id for s in ranking][:2] == [tree["d2"].pk, tree["d1"].pk]
    assert ranking[0].total == ranking[1].total == D(9)
    assert ranking[1].tie_kind == "more_bonus"


def test_units_equal_on_everything_wait_for_the_assessing_body(scoring_round, tree, cast):
    same = {"1.1": {"value": 100}, "1.2": {"choice": "Tốt"}, "2.1": {"choice": "yes"}}
    sf.score_all(scoring_round, cast, tree, {"d1": same, "d2": same, "d3": same})
    ranking = consolidation.standings([scoring_round])
    assert [s.tie_kind for s in ranking] == ["", "unresolved", "unresolved"]
    # Without a decision, Vietnamese name order stands in: Cầu Giấy, Hà Đông, Thanh Xuân.
    assert [s.unit_id for s in ranking] == [tree["d1"].pk, tree["d3"].pk, tree["d2"].pk]
    actions.close_round(scoring_round=scoring_round, by=None)
    actions.decide_ties(
        scoring_round=scoring_round,
        orders={tree["d2"].pk: 1, tree["d3"].pk: 2, tree["d1"].pk: 3},
        reason="Hội đồng thống nhất theo kết quả kiểm tra chéo",
        by=cast["leader"],
    )
    ranking = consolidation.standings([scoring_round])
    assert [s.unit_id for s in ranking] == [tree["d2"].pk, tree["d3"].pk, tree["d1"].pk]
    assert [s.tie_kind for s in ranking] == ["", "body", "body"]
