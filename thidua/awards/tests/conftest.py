"""Award fixtures on top of the project's tree and cast: people in d2, a helper to record a
decision, and the catalogue's award types by code."""

import datetime

import pytest

from thidua.awards import actions
from thidua.awards.models import AwardType
from thidua.organizations.tests.factories import PersonFactory


@pytest.fixture
def types(db) -> dict[str, AwardType]:
    return {t.code: t for t in AwardType.objects.all()}


@pytest.fixture
def person(tree):
    return PersonFactory(
        unit=tree["d2"],
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Hường",
        birth_date=datetime.date(1985, 3, 12),
    )


@pytest.fixture
def decide(tree, cast, types):
    """decide(subject, code, year, number=…) → the recipient, on a decision of the city board."""
    counter = iter(range(1, 10_000))

    def make(subject, code, year, *, number=None, signed_on=None, basis="merit", based_on=()):
        decision = actions.create_decision(
            recorded_in=tree["city"],
            number=number or f"{next(counter)}/QĐ-UBND",
            signed_on=signed_on or datetime.date(year + 1, 1, 15),
            issuer=tree["city"],
            issuer_name="UBND Thành phố Thử",
            signer_name="Nguyễn Văn Ký",
            signer_position="Chủ tịch",
            by=cast["board"],
        )
        return actions.add_recipient(
            decision=decision,
            subject=subject,
            award_type=types[code],
            year=year,
            basis=basis,
            based_on=based_on,
            by=cast["board"],
        )

    return make


@pytest.fixture(autouse=True)
def _catalogue(request):
    """Tests with a database see the catalogue, even after a transactional test flushed it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    actions.ensure_catalogue()
