"""The national data generator at a tiny size: the shapes the issue asks for, valid rows."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from thidua.core import national

TINY = national.Counts(
    provinces=2, communes=14, others=90, people=1500, clusters=8, years=3, last_year=2025
)


@pytest.fixture
def generated(db):
    rows = national.Generator(TINY, seed=7, log=lambda _: None).run()
    return rows


def test_units_tree_and_people(generated):
    from thidua.organizations.models import Person, Unit

    units = Unit.objects.all()
    assert units.filter(kind="tinh", parent__isnull=True).count() == 2
    assert units.filter(kind="xa").count() == 14
    assert units.exclude(kind__in=["tinh", "xa"]).count() == 90
    for unit in units.select_related("parent"):
        expected = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        assert unit.path == expected
        assert unit.depth == expected.count("/") - 2
        assert unit.is_sample
    assert Person.objects.count() == 1500
    person = Person.objects.first()
    from thidua.core import vn

    assert person.search_text == vn.fold(person.full_name)
    assert {p.sex for p in Person.objects.all()[:200]} == {"nu", "nam"}
    # Sequences follow the explicit ids: the next unit made the ordinary way gets a new id.
    from thidua.organizations import actions

    fresh = actions.create_unit(
        parent=None, kind="tinh", short_name="Mới", name="Tỉnh Mới", by=None
    )
    assert fresh.pk > max(u.pk for u in units if u.pk != fresh.pk)


def test_clusters_pledges_and_scores(generated):
    from thidua.clusters.models import Cluster, ClusterMembership
    from thidua.pledges.models import Criterion, PledgeVersion
    from thidua.scoring.models import ScoreLine, ScoringRound, UnitResult

    sizes = Counter(ClusterMembership.objects.values_list("cluster_id", flat=True))
    assert sizes and all(6 <= n <= 12 for n in sizes.values())
    assert Cluster.objects.count() == len(sizes)
    years = set(Cluster.objects.values_list("emulation_year__year", flat=True))
    assert years == {2023, 2024, 2025}
    per_version = Counter(Criterion.objects.values_list("pledge_version_id", flat=True))
    assert all(30 <= n <= 60 for n in per_version.values())
    for version in PledgeVersion.objects.annotate(n=Count("signatures")):
        assert version.is_locked
        assert version.n == sizes[version.pledge.cluster_id]
        assert version.scale == sum(c.max_score for c in version.criteria.all())
    for scoring_round in ScoringRound.objects.all():
        members = sizes[scoring_round.cluster_id]
        criteria = per_version[scoring_round.pledge_version_id]
        lines = ScoreLine.objects.filter(round=scoring_round)
        assert lines.count() == members * (criteria + 3)
        assert not lines.filter(criterion__isnull=False, self_points__isnull=True).exists()
        for line in lines.filter(criterion__isnull=False).select_related("criterion")[:60]:
            assert 0 <= line.self_points <= line.criterion.max_score
        results = UnitResult.objects.filter(round=scoring_round)
        if scoring_round.cluster.emulation_year.year < 2025:
            assert scoring_round.is_published
            assert sorted(results.values_list("rank", flat=True)) == list(range(1, members + 1))
        else:
            assert scoring_round.is_closed and not results.exists()


def test_ratings_and_titles_follow_the_ratings(generated):
    from thidua.awards.models import DecisionRecipient, JudgementFact, MaternityLeave, YearlyRating

    ratings = YearlyRating.objects.filter(person__isnull=False)
    per_person = Counter(ratings.values_list("person_id", flat=True))
    assert max(per_person.values()) == 3
    shares = Counter(ratings.values_list("rating", flat=True))
    total = sum(shares.values())
    assert 0.55 < shares["httnv"] / total < 0.70
    assert 0.12 < shares["htxsnv"] / total < 0.25
    rated = {(r.person_id, r.year): r.rating for r in ratings}
    for leave in MaternityLeave.objects.all():
        assert (leave.person_id, leave.year) not in rated
        assert leave.person.sex == "nu"
    titles = DecisionRecipient.objects.filter(person__isnull=False).select_related("award_type")
    assert titles.exists()
    for t in titles:
        rating = rated[(t.person_id, t.year)]
        if t.award_type.code == "lao_dong_tien_tien":
            assert rating in {"htxsnv", "httnv"}
        else:
            assert rating == "htxsnv"
    assert DecisionRecipient.objects.filter(unit__isnull=False).exists()
    facts = JudgementFact.objects.all()
    assert facts.exists() and set(facts.values_list("year", flat=True)) == {2024, 2025}


def test_the_same_seed_draws_the_same_plan():
    import random

    def draw(seed):
        plan = national.plan_units(TINY, 1, random.Random(seed))
        national.plan_clusters(plan, random.Random(seed))
        return [(u.name, u.headcount) for u in plan.units], [c.members for c in plan.clusters]

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)
    units, _ = draw(7)
    assert sum(n for _, n in units) == TINY.people


def test_dry_run_writes_nothing(db, capsys):
    from thidua.organizations.models import Unit

    call_command("generate_national", "--scale", "1", "--dry-run")
    out = capsys.readouterr().out
    assert "provinces 34" in out and "communes 3321" in out and "people 2000000" in out
    assert not Unit.objects.exists()


def test_command_at_a_tiny_scale(db, capsys):
    from thidua.organizations.models import Unit

    call_command("generate_national", "--scale", "0.001", "--years", "2", verbosity=1)
    out = capsys.readouterr().out
    assert "organizations_person: 2,000" in out
    assert Unit.objects.filter(kind="tinh").count() == 2
    call_command("generate_national", "--scale", "0.001", "--years", "2", verbosity=0)
    assert capsys.readouterr().out == ""
    assert Unit.objects.filter(kind="tinh").count() == 4  # a second copy, new ids
