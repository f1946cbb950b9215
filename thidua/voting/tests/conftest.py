"""Fixtures of the voting tests, on top of the project's tree, cast and cluster."""

import datetime

import pytest
import time_machine

from thidua.accounts.tests.factories import UserFactory, grant

from . import factories


@pytest.fixture(autouse=True)
def _default_rules(request):
    """The thresholds and quorum the migration loads are gone after a transactional test's
    flush (another app's browser test, say): put them back for every database test."""
    if request.node.get_closest_marker("django_db"):
        from thidua.voting.defaults import ensure_default_rules

        ensure_default_rules()


@pytest.fixture
def f(tree, cast, cluster):
    return {"tree": tree, "cast": cast, "cluster": cluster}


@pytest.fixture
def election(f):
    """A draft election of the shared cluster: candidates d1, d2, d3; one seat; > 50%."""
    return factories.make_election(f)


@pytest.fixture
def open_election(f, election, cast):
    from thidua.voting import actions

    return actions.open_ballot(ballot=election, by=cast["leader"])


@pytest.fixture
def council_members(tree, cast):
    """The city's council: cast["council"] and nine more members (ten in all)."""
    extra = [
        grant(UserFactory(username=f"uyvien{i}"), "council_member", tree["city"])
        for i in range(2, 11)
    ]
    return [cast["council"], *extra]


@pytest.fixture
def at():
    """at(datetime): freeze the clock there for the rest of the test."""
    travellers = []

    def freeze(moment: datetime.datetime):
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()
