"""Pledge fixtures on top of the project's tree, cast and cluster (members d1, d2, d3)."""

import datetime

import pytest

from thidua.pledges import actions
from thidua.pledges.models import PledgeVersion
from thidua.pledges.tests.factories import build_draft


@pytest.fixture
def draft(cluster, cast) -> PledgeVersion:
    return build_draft(cluster, cast["leader"])


@pytest.fixture
def signers(tree, cast):
    """(officer, unit) of each member, the leader first."""
    return [
        (cast["leader"], tree["d1"]),
        (cast["officer"], tree["d2"]),
        (cast["member"], tree["d3"]),
    ]


@pytest.fixture
def opened(draft, cast) -> PledgeVersion:
    return actions.open_for_signing(pledge_version=draft, by=cast["leader"])


@pytest.fixture
def locked(opened, signers) -> PledgeVersion:
    for user, unit in signers:
        actions.sign_pledge(
            pledge_version=opened, unit=unit, by=user, signed_on=datetime.date(2020, 2, 20)
        )
    opened.refresh_from_db()
    return opened
