"""The demo: a published Cụm IX 2020 round and a closed Cầu Giấy wards 2018 round, built the
same way on every machine, consistent with the demo's leading-unit election."""

import pytest
from django.core.management import call_command

from thidua.clusters.models import Cluster
from thidua.scoring import queries
from thidua.scoring.models import CrossScore, Evidence, RoundStatus, ScoreLine, ScoringRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def _snapshot():
    return (
        list(ScoreLine.objects.order_by("pk").values_list("self_points", "validated_points")),
        list(CrossScore.objects.order_by("pk").values_list("points", "reason")),
    )


def test_the_demo_is_built_once(demo):
    first = (_snapshot(), ScoringRound.objects.count(), Evidence.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (_snapshot(), ScoringRound.objects.count(), Evidence.objects.count()) == first


def test_cum_ix_2020_is_published_with_its_election_candidates_on_top(demo):
    ix = ScoringRound.objects.get(cluster__number="IX")
    assert ix.status == RoundStatus.PUBLISHED and ix.is_sample
    assert ix.published_at.date().isoformat() == "2020-12-12"
    board = queries.scoreboard(ix)
    names = [r.unit.short_name for r in board.rows]
    assert names[:3] == ["Cầu Giấy", "Hà Đông", "Tây Hồ"]
    assert queries.published_ranking(ix.cluster)[:3] == [r.unit.pk for r in board.rows[:3]]
    assert all(r.grade for r in board.rows[:3])
    assert any(r.difference for r in board.rows), "validation changed some totals"
    assert queries.discrepancy_counts(ix)["open"] == 0


def test_the_wards_round_is_closed_with_discrepancies_left_to_resolve(demo):
    wards = ScoringRound.objects.get(cluster=Cluster.objects.get(name__contains="phường"))
    assert wards.status == RoundStatus.CLOSED
    counts = queries.discrepancy_counts(wards)
    assert counts["open"] == 4 and counts["resolved"] > 0
    assert queries.published_ranking(wards.cluster) is None
    assert len(queries.scoreboard(wards).rows) == 8


def test_the_demo_election_stands_on_the_published_ranking(demo):
    from thidua.voting.models import Ballot

    ballot = Ballot.objects.get(cluster__number="IX", kind="election")
    assert ballot.candidate_source == "ranking"


def test_the_demo_viewer_reads_the_published_scoreboard_and_its_sheet(demo, client_for):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    ix = ScoringRound.objects.get(cluster__number="IX")
    viewer = client_for(get_user_model().objects.get(username="xem"))
    page = viewer.get(reverse("scoring:scoreboard", args=[ix.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and 'id="provisional"' not in body
    assert body.index("Quận Cầu Giấy") < body.index("Quận Hà Đông") < body.index("Quận Tây Hồ")
    sheet = viewer.get(reverse("scoring:score_sheet", args=[ix.pk, "xlsx"]))
    assert sheet.status_code == 200
    # The wards' round is not published: the viewer does not see it.
    wards = ScoringRound.objects.exclude(pk=ix.pk).get()
    assert viewer.get(reverse("scoring:scoreboard", args=[wards.pk])).status_code in (403, 404)
