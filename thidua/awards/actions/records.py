"""Ratings, judgements, initiatives, disciplines, pending matters and maternity leave of a
person or unit: atomic, validated, audited; edits are version-checked."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Person, Unit

from .. import subjects as s
from ..models import (
    Discipline,
    DisciplineCode,
    Fact,
    Initiative,
    InnovationKind,
    JudgementFact,
    MaternityLeave,
    MatterKind,
    MatterStatus,
    PendingMatter,
    Rating,
    Scope,
    YearlyRating,
)
from ._common import check_version, choice, long_text, past_date, past_year, text

RATING_FIELDS = ("person", "unit", "year", "rating")
FACT_FIELDS = ("person", "unit", "year", "fact", "note")
INITIATIVE_FIELDS = (
    "person",
    "unit",
    "kind",
    "title",
    "scope",
    "recognised_year",
    "recognised_by",
    "reference",
)
DISCIPLINE_FIELDS = (
    "person",
    "unit",
    "code",
    "year",
    "decided_on",
    "ends_on",
    "decision_number",
    "reason",
)
MATTER_FIELDS = (
    "person",
    "unit",
    "kind",
    "status",
    "opened_on",
    "closed_on",
    "description",
    "outcome",
)


def _record(by, action: str, obj, fields, *, before=None, subject=None) -> None:
    audit.record(
        actor=by,
        action=action,
        obj=obj,
        before=before,
        after=audit.snapshot(obj, fields) if obj.pk else None,
        unit=s.home_unit(subject if subject is not None else obj.subject),
    )


# --- ratings ------------------------------------------------------------------------------------


@transaction.atomic
def record_rating(
    *, subject: Person | Unit, year: int, rating: str, is_sample: bool = False, by
) -> YearlyRating:
    year = past_year(year)
    choice(rating, Rating, "rating")
    if YearlyRating.objects.filter(s.q_of(subject), year=year).exists():
        raise ValidationError(
            {
                "year": _("A rating for %(year)s is already recorded; edit it instead.")
                % {"year": year}
            }
        )
    row = YearlyRating.objects.create(
        year=year, rating=rating, is_sample=is_sample, **s.fields_of(subject)
    )
    _record(by, "awards.rating.recorded", row, RATING_FIELDS, subject=subject)
    return row


@transaction.atomic
def change_rating(*, rating: YearlyRating, version: int, value: str, by) -> YearlyRating:
    locked = YearlyRating.objects.select_for_update().get(pk=rating.pk)
    check_version(locked, version)
    choice(value, Rating, "rating")
    before = audit.snapshot(locked, RATING_FIELDS)
    locked.rating = value
    locked.version += 1
    locked.save(update_fields=["rating", "version"])
    _record(by, "awards.rating.changed", locked, RATING_FIELDS, before=before)
    return locked


# --- judgements ---------------------------------------------------------------------------------


@transaction.atomic
def record_fact(
    *,
    subject: Person | Unit,
    year: int,
    fact: str,
    note: str = "",
    is_sample: bool = False,
    by,
) -> JudgementFact:
    year = past_year(year)
    choice(fact, Fact, "fact")
    if JudgementFact.objects.filter(s.q_of(subject), year=year, fact=fact).exists():
        raise ValidationError({"fact": _("This judgement is already recorded for that year.")})
    row = JudgementFact.objects.create(
        year=year,
        fact=fact,
        note=text(note, "note", max_length=255),
        is_sample=is_sample,
        **s.fields_of(subject),
    )
    _record(by, "awards.fact.recorded", row, FACT_FIELDS, subject=subject)
    return row


@transaction.atomic
def remove_fact(*, fact: JudgementFact, by) -> None:
    locked = JudgementFact.objects.select_for_update().get(pk=fact.pk)
    before = audit.snapshot(locked, FACT_FIELDS)
    audit.record(
        actor=by,
        action="awards.fact.removed",
        obj=locked,
        before=before,
        unit=s.home_unit(locked.subject),
    )
    locked.delete()


# --- initiatives and research projects ---------------------------------------------------------


def _clean_initiative(data: dict) -> dict:
    cleaned = dict(data)
    if "kind" in data:
        choice(data["kind"], InnovationKind, "kind")
    if "scope" in data:
        choice(data["scope"], Scope, "scope")
    if "title" in data:
        cleaned["title"] = text(data["title"], "title", required=True, max_length=500)
    if "recognised_year" in data:
        cleaned["recognised_year"] = past_year(data["recognised_year"], "recognised_year")
    if "recognised_by" in data:
        cleaned["recognised_by"] = text(data["recognised_by"], "recognised_by", max_length=255)
    if "reference" in data:
        cleaned["reference"] = text(data["reference"], "reference", max_length=120)
    return cleaned


@transaction.atomic
def record_initiative(
    *,
    subject: Person | Unit,
    title: str,
    scope: str,
    recognised_year: int,
    kind: str = InnovationKind.INITIATIVE,
    recognised_by: str = "",
    reference: str = "",
    is_sample: bool = False,
    by,
) -> Initiative:
    data = _clean_initiative(
        {
            "kind": kind,
            "title": title,
            "scope": scope,
            "recognised_year": recognised_year,
            "recognised_by": recognised_by,
            "reference": reference,
        }
    )
    row = Initiative.objects.create(is_sample=is_sample, **data, **s.fields_of(subject))
    _record(by, "awards.initiative.recorded", row, INITIATIVE_FIELDS, subject=subject)
    return row


@transaction.atomic
def update_initiative(*, initiative: Initiative, version: int, by, **changes) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_version(locked, version)
    before = audit.snapshot(locked, INITIATIVE_FIELDS)
    data = _clean_initiative(changes)
    year = data.get("recognised_year", locked.recognised_year)
    if locked.used_by.filter(year__lt=year).exists():
        raise ValidationError(
            {"recognised_year": _("An award for an earlier year already uses this initiative.")}
        )
    for field, value in data.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*data, "version"])
    _record(by, "awards.initiative.updated", locked, INITIATIVE_FIELDS, before=before)
    return locked


# --- disciplines --------------------------------------------------------------------------------


def _check_period(decided_on: datetime.date, ends_on: datetime.date | None) -> None:
    if ends_on is not None and ends_on < decided_on:
        raise ValidationError({"ends_on": _("The end date must not be before the start date.")})


@transaction.atomic
def record_discipline(
    *,
    subject: Person | Unit,
    code: str,
    decided_on: datetime.date,
    ends_on: datetime.date | None = None,
    decision_number: str = "",
    reason: str = "",
    is_sample: bool = False,
    by,
) -> Discipline:
    choice(code, DisciplineCode, "code")
    decided_on = past_date(decided_on, "decided_on")
    _check_period(decided_on, ends_on)
    row = Discipline.objects.create(
        code=code,
        year=decided_on.year,
        decided_on=decided_on,
        ends_on=ends_on,
        decision_number=text(decision_number, "decision_number", max_length=60),
        reason=long_text(reason),
        is_sample=is_sample,
        **s.fields_of(subject),
    )
    _record(by, "awards.discipline.recorded", row, DISCIPLINE_FIELDS, subject=subject)
    return row


@transaction.atomic
def update_discipline(*, discipline: Discipline, version: int, by, **changes) -> Discipline:
    locked = Discipline.objects.select_for_update().get(pk=discipline.pk)
    check_version(locked, version)
    before = audit.snapshot(locked, DISCIPLINE_FIELDS)
    if "code" in changes:
        choice(changes["code"], DisciplineCode, "code")
    if "decided_on" in changes:
        changes["decided_on"] = past_date(changes["decided_on"], "decided_on")
        changes["year"] = changes["decided_on"].year
    if "decision_number" in changes:
        changes["decision_number"] = text(
            changes["decision_number"], "decision_number", max_length=60
        )
    if "reason" in changes:
        changes["reason"] = long_text(changes["reason"])
    _check_period(
        changes.get("decided_on", locked.decided_on), changes.get("ends_on", locked.ends_on)
    )
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*changes, "version"])
    _record(by, "awards.discipline.updated", locked, DISCIPLINE_FIELDS, before=before)
    return locked


# --- pending matters ----------------------------------------------------------------------------


@transaction.atomic
def open_matter(
    *,
    subject: Person | Unit,
    kind: str,
    opened_on: datetime.date,
    description: str = "",
    is_sample: bool = False,
    by,
) -> PendingMatter:
    choice(kind, MatterKind, "kind")
    row = PendingMatter.objects.create(
        kind=kind,
        opened_on=past_date(opened_on, "opened_on"),
        description=long_text(description),
        is_sample=is_sample,
        **s.fields_of(subject),
    )
    _record(by, "awards.matter.opened", row, MATTER_FIELDS, subject=subject)
    return row


@transaction.atomic
def close_matter(
    *, matter: PendingMatter, version: int, closed_on: datetime.date, outcome: str = "", by
) -> PendingMatter:
    """Open → closed as a conditional update: a second close, or a stale one, changes nothing."""
    closed_on = past_date(closed_on, "closed_on")
    if closed_on < matter.opened_on:
        raise ValidationError({"closed_on": _("The end date must not be before the start date.")})
    before = audit.snapshot(matter, MATTER_FIELDS)
    changed = PendingMatter.objects.filter(
        pk=matter.pk, status=MatterStatus.OPEN, version=version
    ).update(
        status=MatterStatus.CLOSED,
        closed_on=closed_on,
        outcome=long_text(outcome),
        version=version + 1,
    )
    current = PendingMatter.objects.get(pk=matter.pk)
    if not changed:
        if current.status == MatterStatus.CLOSED:
            raise ValidationError(_("This matter is already closed."))
        raise StaleEditError(current=current)
    _record(by, "awards.matter.closed", current, MATTER_FIELDS, before=before)
    return current


# --- maternity leave ----------------------------------------------------------------------------


@transaction.atomic
def record_maternity_leave(
    *, person: Person, year: int, is_sample: bool = False, by
) -> MaternityLeave:
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not 1945 <= year <= this_year:
        raise ValidationError(
            {
                "year": _("The year must be between %(low)s and %(high)s.")
                % {"low": 1945, "high": this_year}
            }
        )
    if MaternityLeave.objects.filter(person=person, year=year).exists():
        raise ValidationError({"year": _("Maternity leave is already recorded for that year.")})
    row = MaternityLeave.objects.create(person=person, year=year, is_sample=is_sample)
    audit.record(
        actor=by,
        action="awards.maternity.recorded",
        obj=row,
        after=audit.snapshot(row, ("person", "year")),
        unit=person.unit,
    )
    return row


@transaction.atomic
def remove_maternity_leave(*, leave: MaternityLeave, by) -> None:
    locked = (
        MaternityLeave.objects.select_for_update().select_related("person__unit").get(pk=leave.pk)
    )
    audit.record(
        actor=by,
        action="awards.maternity.removed",
        obj=locked,
        before=audit.snapshot(locked, ("person", "year")),
        unit=locked.person.unit,
    )
    locked.delete()
