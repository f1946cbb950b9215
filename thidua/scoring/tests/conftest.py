"""Fixtures of the scoring tests, on top of the project's tree, cast and cluster (d1 leader, d2
deputy, d3 member; year 2020): a signed pledge, an open round, a frozen day inside it."""

import datetime

import pytest
import time_machine

from thidua.scoring.tests import factories as sf


@pytest.fixture
def on_day():
    """on_day(date): freeze today (Asia/Ho_Chi_Minh noon) for the rest of the test."""
    travellers = []

    def freeze(day: datetime.date):
        traveller = time_machine.travel(
            datetime.datetime(day.year, day.month, day.day, 5, tzinfo=datetime.UTC), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def version(cluster, cast, tree):
    return sf.locked_version(cluster, cast, tree)


@pytest.fixture
def scoring_round(cluster, cast, tree, version):
    return sf.make_round(cluster, cast, tree)


@pytest.fixture
def scored(scoring_round, cast, tree):
    """The round with every unit's self score (d1 10, d2 9, d3 7)."""
    sf.score_all(scoring_round, cast, tree)
    return scoring_round
