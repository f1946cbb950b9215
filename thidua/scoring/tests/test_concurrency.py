"""Concurrent edits of the same score on PostgreSQL: exactly one save wins, every other one is told
"changed by someone else" with the current value; nothing is overwritten silently.

Threads use their own connections (at most 8 at a time, far below the shared server's limit) and
close them when done.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from thidua.core import vn
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.scoring import actions
from thidua.scoring.models import CrossScore, ScoreLine
from thidua.scoring.tests import factories as sf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 8
HTMX = {"HTTP_HX_REQUEST": "true"}
STALE = "vừa được người khác thay đổi"


@pytest.fixture(autouse=True)
def during(on_day):
    on_day(sf.DURING)


def _race(calls):
    """Run `calls` at the same moment, one thread (and one connection) each; their outcomes
    (a result or the exception raised), in the order given."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=20)
            return call()
        except Exception as exc:  # the outcome under test
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(calls))) as pool:
        return list(pool.map(run, calls))


def test_concurrent_self_scores_of_one_line_through_the_page(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    url = reverse("scoring:self_score", args=[line.pk])
    values = [80 + i for i in range(WORKERS)]
    clients = []
    for _ in values:
        client = Client()
        client.force_login(cast["member"])
        clients.append(client)

    def post(client, value):
        data = {f"line-{line.pk}-value": str(value), f"line-{line.pk}-version": "1"}
        return lambda: client.post(url, data, **HTMX)

    responses = _race([post(c, v) for c, v in zip(clients, values, strict=True)])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == 1 and statuses.count(409) == WORKERS - 1, statuses
    winner = values[statuses.index(200)]
    stored = ScoreLine.objects.get(pk=line.pk)
    assert stored.self_value == Decimal(winner) and stored.version == 2
    for response in responses:
        if response.status_code == 409:
            body = response.content.decode()
            # Told, with the score that won and the version to save over it deliberately.
            current = body.split('class="alert alert-warning py-1 mb-1 small current-value">')[1]
            current = current.split("</div>")[0]
            assert (
                STALE in body
                and f"<strong>{vn.format_number(stored.self_points)}</strong>" in current
            )
            assert f'name="line-{line.pk}-version" value="2"' in body
    saved = AuditEntry.objects.filter(action="scoring.self_score.saved", object_id=str(line.pk))
    assert saved.count() == 1


def test_concurrent_validations_of_one_line(scored, tree, cast):
    actions.close_round(scoring_round=scored, by=None)
    line = sf.line(scored, tree["d3"], "1.2")
    version = ScoreLine.objects.get(pk=line.pk).version

    def validate(points):
        def call():
            fresh = ScoreLine.objects.select_related("round", "criterion").get(pk=line.pk)
            return actions.validate_score(
                line=fresh,
                version=version,
                points=points,
                reason=f"Biên bản họp cụm: {points} điểm",
                by=cast["leader"],
            )

        return call

    offers = ["1", "1,5", "2", "2,5", "3", "0,5"]
    outcomes = _race([validate(p) for p in offers])

    won = [o for o in outcomes if isinstance(o, ScoreLine)]
    stale = [o for o in outcomes if isinstance(o, StaleEditError)]
    assert len(won) == 1 and len(stale) == len(offers) - 1, outcomes
    stored = ScoreLine.objects.get(pk=line.pk)
    assert stored.validated_points == won[0].validated_points
    assert stored.version == version + 1
    for told in stale:
        assert told.current.validated_points == stored.validated_points
        assert told.current.version == stored.version
    validated = AuditEntry.objects.filter(action="scoring.score.validated")
    assert validated.count() == 1


def test_two_first_cross_scores_of_one_line_at_once(scored, tree, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=None)
    line = sf.line(scored, tree["d3"], "1.2")

    def cross(choice):
        def call():
            fresh = ScoreLine.objects.select_related("round", "criterion").get(pk=line.pk)
            return actions.save_cross_score(
                line=fresh,
                scorer=tree["d2"],
                version=0,
                choice=choice,
                reason="Đối chiếu báo cáo",
                by=cast["officer"],
            )

        return call

    outcomes = _race([cross("Tốt"), cross("Trung bình")])

    won = [o for o in outcomes if isinstance(o, CrossScore)]
    stale = [o for o in outcomes if isinstance(o, StaleEditError)]
    assert len(won) == 1 and len(stale) == 1, outcomes
    assert CrossScore.objects.filter(line=line).count() == 1
    assert stale[0].current.choice == won[0].choice
