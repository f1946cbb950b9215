"""Invariants the database keeps, whatever the code above it does."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from thidua.awards.models import (
    Decision,
    DecisionRecipient,
    Discipline,
    Initiative,
    JudgementFact,
    PendingMatter,
    YearlyRating,
)

pytestmark = pytest.mark.django_db


def _decision(tree):
    return Decision.objects.create(
        recorded_in=tree["city"],
        number="1/QĐ-UBND",
        signed_on=datetime.date(2024, 1, 10),
        issuer_name="UBND Thành phố Thử",
    )


def _rows(tree, types):
    return {
        "rating": (YearlyRating, {"year": 2024, "rating": "httnv"}),
        "recipient": (
            DecisionRecipient,
            {"decision": _decision(tree), "award_type": types["giay_khen"], "year": 2023},
        ),
        "initiative": (
            Initiative,
            {"title": "Sáng kiến", "scope": "co_so", "recognised_year": 2023},
        ),
        "discipline": (
            Discipline,
            {"code": "khien_trach", "year": 2024, "decided_on": datetime.date(2024, 5, 1)},
        ),
        "matter": (PendingMatter, {"kind": "complaint", "opened_on": datetime.date(2024, 5, 1)}),
        "fact": (JudgementFact, {"year": 2024, "fact": "united"}),
    }


@pytest.mark.parametrize(
    "name", ["rating", "recipient", "initiative", "discipline", "matter", "fact"]
)
def test_every_subject_row_names_exactly_one_person_or_unit(name, tree, person, types):
    model, fields = _rows(tree, types)[name]
    for subject in ({"person": person, "unit": tree["d2"]}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.create(**fields, **subject)
    assert model.objects.create(**fields, person=person).pk
    model.objects.create(**fields, unit=tree["d2"])


def test_one_rating_per_subject_and_year(tree, person):
    YearlyRating.objects.create(person=person, year=2024, rating="httnv")
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyRating.objects.create(person=person, year=2024, rating="htxsnv")
    YearlyRating.objects.create(unit=person.unit, year=2024, rating="htxsnv")  # another subject


def test_a_closed_matter_has_its_closing_date(tree, person):
    with pytest.raises(IntegrityError), transaction.atomic():
        PendingMatter.objects.create(
            person=person, kind="complaint", opened_on=datetime.date(2024, 5, 1), status="closed"
        )


def test_a_discipline_period_cannot_end_before_it_starts(tree, person):
    with pytest.raises(IntegrityError), transaction.atomic():
        Discipline.objects.create(
            person=person,
            code="canh_cao",
            year=2024,
            decided_on=datetime.date(2024, 5, 1),
            ends_on=datetime.date(2024, 4, 1),
        )
