"""Every write to units and people: atomic, validated, audited."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from thidua.core import audit, vn
from thidua.core.errors import StaleEditError

from .models import Person, SuccessionKind, Unit, UnitSuccession

UNIT_FIELDS = ("parent", "kind", "short_name", "name", "valid_from", "valid_to", "women_share")
PERSON_FIELDS = (
    "unit",
    "family_name",
    "middle_name",
    "given_name",
    "sex",
    "birth_date",
    "position",
)


def _required(value: str, field: str) -> str:
    value = vn.clean_text(value or "")
    if not value:
        raise ValidationError({field: _("This field cannot be empty.")})
    return value


def _check_period(valid_from, valid_to) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})


@transaction.atomic
def create_unit(
    *,
    parent: Unit | None,
    kind: str,
    short_name: str,
    name: str,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    women_share: int | None = None,
    is_sample: bool = False,
    by,
) -> Unit:
    _check_period(valid_from, valid_to)
    unit = Unit.objects.create(
        parent=parent,
        kind=kind,
        short_name=_required(short_name, "short_name"),
        name=_required(name, "name"),
        valid_from=valid_from,
        valid_to=valid_to,
        women_share=women_share,
        is_sample=is_sample,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    audit.record(
        actor=by,
        action="organizations.unit.created",
        obj=unit,
        after=audit.snapshot(unit, UNIT_FIELDS),
        unit=unit,
    )
    return unit


def _move_subtree(unit: Unit, new_parent: Unit | None) -> None:
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("A unit cannot be placed under itself or one of its own sub-units.")}
        )
    old_path = unit.path
    new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    shift = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    # One set-wise update rewrites the whole subtree's paths.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + shift,
    )
    unit.path, unit.depth = new_path, unit.depth + shift


@transaction.atomic
def update_unit(*, unit: Unit, version: int, by, **changes) -> Unit:
    """Apply changes to UNIT_FIELDS; `version` is the one the editor saw (stale edits fail)."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    before = audit.snapshot(locked, UNIT_FIELDS)
    for field in ("short_name", "name"):
        if field in changes:
            changes[field] = _required(changes[field], field)
    _check_period(
        changes.get("valid_from", locked.valid_from), changes.get("valid_to", locked.valid_to)
    )
    if "parent" in changes and changes["parent"] != locked.parent:
        _move_subtree(locked, changes["parent"])
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*changes.keys(), "path", "depth", "version"])
    audit.record(
        actor=by,
        action="organizations.unit.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, UNIT_FIELDS),
        unit=locked,
    )
    return locked


@transaction.atomic
def end_unit(
    *,
    unit: Unit,
    ended_on: datetime.date,
    successors: list[Unit],
    kind: str,
    basis: str = "",
    by,
) -> list[UnitSuccession]:
    """End a unit (merger, split, renaming) and name the units that carry its history on."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.valid_to is not None:
        raise ValidationError(_("This unit has already ended."))
    if not successors:
        raise ValidationError({"successors": _("Name at least one successor unit.")})
    if kind == SuccessionKind.SPLIT and len(successors) < 2:
        raise ValidationError({"successors": _("A split needs at least two successor units.")})
    if any(s.pk == locked.pk for s in successors):
        raise ValidationError({"successors": _("A unit cannot succeed itself.")})
    if any(s.valid_to is not None for s in successors):
        raise ValidationError({"successors": _("A successor unit must still be active.")})
    _check_period(locked.valid_from, ended_on)
    before = audit.snapshot(locked, UNIT_FIELDS)
    locked.valid_to = ended_on
    locked.version += 1
    locked.save(update_fields=["valid_to", "version"])
    rows = UnitSuccession.objects.bulk_create(
        UnitSuccession(
            predecessor=locked,
            successor=s,
            kind=kind,
            effective_on=ended_on,
            basis=vn.clean_text(basis),
        )
        for s in successors
    )
    audit.record(
        actor=by,
        action="organizations.unit.ended",
        obj=locked,
        before=before,
        after={
            **audit.snapshot(locked, UNIT_FIELDS),
            "successors": [s.pk for s in successors],
            "kind": kind,
        },
        unit=locked,
    )
    return rows


@transaction.atomic
def create_person(
    *,
    unit: Unit,
    family_name: str,
    middle_name: str = "",
    given_name: str,
    sex: str = "",
    birth_date: datetime.date | None = None,
    position: str = "",
    is_sample: bool = False,
    by,
) -> Person:
    person = Person.objects.create(
        unit=unit,
        family_name=_required(family_name, "family_name"),
        middle_name=vn.clean_text(middle_name),
        given_name=_required(given_name, "given_name"),
        sex=sex,
        birth_date=birth_date,
        position=vn.clean_text(position),
        is_sample=is_sample,
    )
    audit.record(
        actor=by,
        action="organizations.person.created",
        obj=person,
        after=audit.snapshot(person, PERSON_FIELDS),
        unit=unit,
    )
    return person


@transaction.atomic
def update_person(*, person: Person, version: int, by, **changes) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    before = audit.snapshot(locked, PERSON_FIELDS)
    for field in ("family_name", "given_name"):
        if field in changes:
            changes[field] = _required(changes[field], field)
    for field in ("middle_name", "position"):
        if field in changes:
            changes[field] = vn.clean_text(changes[field])
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*changes.keys(), "version"])
    audit.record(
        actor=by,
        action="organizations.person.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, PERSON_FIELDS),
        unit=locked.unit,
    )
    return locked
