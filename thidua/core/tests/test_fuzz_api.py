"""Fuzz the API from its own OpenAPI schema: no generated request may get a server error.

Schemathesis reads /api/v1/openapi.json from Django's WSGI application (no network) and sends
requests generated from each operation's schema, valid and invalid, authenticated with a board
officer's token. The run is bounded: a few examples per operation, no per-example deadline.
The fixtures give generated requests real objects to hit (a cluster with its locked pledge, a
movement, a peak campaign with a target and a report, an exemplar, a person, a scoring round
with its lines, an open election, a draft proposal, an award decision).
THIDUA_FUZZ_EXAMPLES raises the number of examples for a longer run (default 25).
"""

from __future__ import annotations

import datetime
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from thidua.accounts.actions import create_api_token
from thidua.awards import actions as award_actions
from thidua.campaigns.tests import factories as campaign_factories
from thidua.organizations.tests.factories import PersonFactory
from thidua.pledges.tests import factories as pledge_factories
from thidua.scoring.tests import factories as scoring_factories
from thidua.voting.tests import factories as voting_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler closes "old" connections around each request, which inside a test's
    transaction would drop it; the test client disconnects the same signal handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(tree, cast, cluster):
    f = {"tree": tree, "cast": cast, "cluster": cluster}
    PersonFactory(unit=tree["d2"])
    # The round first: it signs the pledge on the dates its scoring rules expect.
    round_id = scoring_factories.round_id(f)
    pledge_factories.locked_pledge(f)
    f["ids"] = {
        "movement_id": campaign_factories.movement(f),
        "campaign_id": campaign_factories.campaign(f),
        "target_id": campaign_factories.target(f),
        "exemplar_id": campaign_factories.exemplar(f),
    }
    campaign_factories.report(f)
    campaign_factories.inspection(f)
    proposal = award_actions.create_proposal(proposer=tree["d2"], year=2024, by=None)
    decision = award_actions.create_decision(
        recorded_in=tree["city"],
        number="9/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer_name="UBND Thành phố Thử",
        by=None,
    )
    f["ids"] |= {
        "round_id": round_id,
        "line_id": scoring_factories.line_of(f),
        "ballot_id": voting_factories.open_election(f),
        "proposal_id": proposal.pk,
        "decision_id": decision.pk,
        "year": 2024,
    }
    return f


def _operation_ids() -> list[str]:
    from thidua.api.api import api

    paths = api.get_openapi_schema()["paths"]
    ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    return sorted(ids)


def _real_ids(f) -> dict[str, int]:
    """Path parameters by name → an object of the fixtures, so generated requests reach views."""
    from thidua.organizations.models import Person
    from thidua.pledges.models import Pledge

    pledge = Pledge.objects.get(cluster=f["cluster"])
    version = pledge.versions.order_by("number").first()
    return {
        "unit_id": f["tree"]["d2"].pk,
        "person_id": Person.objects.filter(unit=f["tree"]["d2"]).first().pk,
        "cluster_id": f["cluster"].pk,
        "pledge_id": pledge.pk,
        "version_id": version.pk,
        "old_id": version.pk,
        "new_id": version.pk,
        **f["ids"],
    }


OPERATIONS = _operation_ids()


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_no_generated_request_gets_a_server_error(operation_id, wsgi_app, world):
    token = create_api_token(user=world["cast"]["board"], name="Kiểm thử tự động")[1]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operation = schema.find_operation_by_id(operation_id)
    real = _real_ids(world)
    names = [p.name for p in operation.path_parameters]
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    if names and all(n in real for n in names):
        strategies.append(
            operation.as_strategy(
                GenerationMode.POSITIVE, path_parameters={n: real[n] for n in names}
            )
        )
    headers = {"Authorization": f"Bearer {token}"}

    @given(case=st.one_of(strategies))
    @settings(
        max_examples=int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "25")),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


def test_the_fuzz_run_covers_the_api_but_the_listed_apps():
    """A guard: the run is not silently empty, and only the listed apps are left out."""
    assert {"thidua_clusters_api_get_cluster", "thidua_pledges_api_sign_version"} <= set(OPERATIONS)
    assert len(OPERATIONS) >= 20
