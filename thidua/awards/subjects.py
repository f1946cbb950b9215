"""A subject is a person (an individual) or a unit (a collective); small helpers shared by the
queries, the actions and the views, so that "which one is it" is decided in one place."""

from __future__ import annotations

from django.db.models import Q

from thidua.organizations.models import Person, Unit

PERSON, UNIT = "person", "unit"  # in URLs
INDIVIDUAL, COLLECTIVE = "individual", "collective"  # in the catalogue and the contract

Subject = Person | Unit


def kind_of(subject: Subject) -> str:
    """ "individual" for a person, "collective" for a unit."""
    return INDIVIDUAL if isinstance(subject, Person) else COLLECTIVE


def url_kind(subject: Subject) -> str:
    return PERSON if isinstance(subject, Person) else UNIT


def key_of(subject: Subject) -> str:
    """A stable id for contract cases and bulk results: "person-12", "unit-3"."""
    return f"{url_kind(subject)}-{subject.pk}"


def fields_of(subject: Subject) -> dict:
    """The two subject columns of a registry row: exactly one of them is set."""
    if isinstance(subject, Person):
        return {"person": subject, "unit": None}
    return {"person": None, "unit": subject}


def q_of(subject: Subject) -> Q:
    return Q(person=subject) if isinstance(subject, Person) else Q(unit=subject)


def home_unit(subject: Subject) -> Unit:
    """The unit a subject belongs to (a person's unit, or the unit itself): audit and access."""
    return subject.unit if isinstance(subject, Person) else subject


def name_of(subject: Subject) -> str:
    return subject.full_name if isinstance(subject, Person) else subject.name
