"""Writes to movements and their leading units (and the window checks campaigns share)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster
from thidua.core import audit
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Unit, UnitKind

from .. import queries
from ..models import (
    LaunchLevel,
    Movement,
    MovementKind,
    MovementLeader,
    ProgressReport,
)
from ._common import long_text, optional_text, required_text, year_in_range

MOVEMENT_FIELDS = (
    "name",
    "kind",
    "description",
    "launched_by",
    "cluster",
    "level",
    "start_year",
    "years",
    "launched_on",
    "is_sample",
)

_UNIT_LEVEL = {
    UnitKind.PROVINCE: LaunchLevel.PROVINCE,
    UnitKind.DISTRICT: LaunchLevel.DISTRICT,
    UnitKind.COMMUNE: LaunchLevel.COMMUNE,
}


def derived_level(unit: Unit, cluster: Cluster | None) -> str:
    if cluster is not None:
        return LaunchLevel.CLUSTER
    return _UNIT_LEVEL.get(unit.kind, LaunchLevel.AGENCY)


def _check_level(level: str | None, unit: Unit, cluster: Cluster | None) -> str:
    """The level follows the launcher; a top unit may record a national (PM, central) movement."""
    natural = derived_level(unit, cluster)
    if not level or level == natural:
        return natural
    national = {LaunchLevel.PRIME_MINISTER, LaunchLevel.CENTRAL}
    if level in national and unit.parent_id is None and cluster is None:
        return level
    raise ValidationError(
        {
            "level": _("This level does not match the launching unit (expected: %(level)s).")
            % {"level": LaunchLevel(natural).label}
        }
    )


def check_cluster(cluster: Cluster | None, unit: Unit, years: tuple[int, int]) -> None:
    if cluster is None:
        return
    allowed = {cluster.emulation_year.unit_id, cluster.leader_id, cluster.deputy_id}
    if unit.pk not in allowed:
        raise ValidationError(
            {"cluster": _("Only the cluster's organiser, leader or deputy launches for it.")}
        )
    if not years[0] <= cluster.emulation_year.year <= years[1]:
        raise ValidationError(
            {
                "cluster": _("The cluster's year (%(year)s) is outside this period.")
                % {"year": cluster.emulation_year.year}
            }
        )


def check_reports_inside(owner, start: datetime.date, end: datetime.date) -> None:
    """A shorter window must not leave earlier progress reports outside it."""
    outside = ProgressReport.objects.filter(target__in=owner.targets.all()).exclude(
        as_of__range=(start, end)
    )
    if outside.exists():
        raise ValidationError(_("Progress reports already recorded would fall outside the window."))


def _movement_values(*, name, kind, start_year, years, description, launched_on) -> dict:
    name = required_text(name, "name")
    if kind not in MovementKind.values:
        raise ValidationError({"kind": _("Choose a valid kind.")})
    start_year = year_in_range(start_year, "start_year")
    if not isinstance(years, int) or not 1 <= years <= 100 or start_year + years - 1 > 2100:
        raise ValidationError({"years": _("Enter a duration between 1 and 100 years.")})
    if launched_on is not None and not start_year - 1 <= launched_on.year <= start_year + years - 1:
        raise ValidationError({"launched_on": _("The launch date must fall near the period.")})
    return {
        "name": name,
        "kind": kind,
        "start_year": start_year,
        "years": years,
        "description": long_text(description),
        "launched_on": launched_on,
    }


def _movement_name_taken(*, name, start_year, unit, cluster, exclude=None) -> bool:
    same = Movement.objects.filter(name=name, start_year=start_year)
    same = same.filter(cluster=cluster) if cluster else same.filter(launched_by=unit, cluster=None)
    return same.exclude(pk=getattr(exclude, "pk", None)).exists()


@transaction.atomic
def create_movement(
    *,
    launched_by: Unit,
    name: str,
    kind: str,
    start_year: int,
    years: int = 1,
    cluster: Cluster | None = None,
    level: str | None = None,
    description: str = "",
    launched_on: datetime.date | None = None,
    is_sample: bool = False,
    sample_note: str = "",
    by,
) -> Movement:
    values = _movement_values(
        name=name,
        kind=kind,
        start_year=start_year,
        years=years,
        description=description,
        launched_on=launched_on,
    )
    level = _check_level(level, launched_by, cluster)
    check_cluster(cluster, launched_by, (values["start_year"], values["start_year"] + years - 1))
    if _movement_name_taken(
        name=values["name"], start_year=values["start_year"], unit=launched_by, cluster=cluster
    ):
        raise ValidationError({"name": _("A movement with this name was already launched.")})
    try:
        with transaction.atomic():
            movement = Movement.objects.create(
                launched_by=launched_by,
                cluster=cluster,
                level=level,
                is_sample=is_sample,
                sample_note=optional_text(sample_note, "sample_note"),
                **values,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("A movement with this name was already launched.")}
        ) from exc
    audit.record(
        actor=by,
        action="campaigns.movement.created",
        obj=movement,
        after=audit.snapshot(movement, MOVEMENT_FIELDS),
        unit=launched_by,
    )
    return movement


@transaction.atomic
def update_movement(
    *,
    movement: Movement,
    version: int,
    name: str,
    kind: str,
    start_year: int,
    years: int,
    description: str = "",
    launched_on: datetime.date | None = None,
    by,
) -> Movement:
    locked = (
        Movement.objects.select_for_update(of=("self",))
        .select_related("launched_by", "cluster__emulation_year")
        .get(pk=movement.pk)
    )
    if locked.version != version:
        raise StaleEditError(current=locked)
    values = _movement_values(
        name=name,
        kind=kind,
        start_year=start_year,
        years=years,
        description=description,
        launched_on=launched_on,
    )
    check_cluster(
        locked.cluster, locked.launched_by, (values["start_year"], values["start_year"] + years - 1)
    )
    if _movement_name_taken(
        name=values["name"],
        start_year=values["start_year"],
        unit=locked.launched_by,
        cluster=locked.cluster,
        exclude=locked,
    ):
        raise ValidationError({"name": _("A movement with this name was already launched.")})
    end = values["start_year"] + years - 1
    check_reports_inside(
        locked, datetime.date(values["start_year"], 1, 1), datetime.date(end, 12, 31)
    )
    if locked.leaders.exclude(year__range=(values["start_year"], end)).exists():
        raise ValidationError(
            {"years": _("Leading units already recorded fall outside the period.")}
        )
    before = audit.snapshot(locked, MOVEMENT_FIELDS)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save(update_fields=[*values, "version"])
    audit.record(
        actor=by,
        action="campaigns.movement.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, MOVEMENT_FIELDS),
        unit=locked.launched_by,
    )
    return locked


@transaction.atomic
def recognise_movement_leader(
    *,
    movement: Movement,
    unit: Unit,
    year: int,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    is_sample: bool = False,
    by,
) -> MovementLeader:
    """Record a unit as leading the movement in a year (what the award rules look for)."""
    if not queries.in_scope(movement, unit):
        raise ValidationError({"unit": _("This unit is outside the movement's scope.")})
    if not movement.start_year <= year <= movement.end_year:
        raise ValidationError(
            {"year": _("Choose a year of the movement (%(period)s).") % {"period": movement.period}}
        )
    if MovementLeader.objects.filter(movement=movement, unit=unit, year=year).exists():
        raise ValidationError({"unit": _("This unit is already recorded as leading that year.")})
    leader = MovementLeader.objects.create(
        movement=movement,
        unit=unit,
        year=year,
        decision_number=optional_text(decision_number, "decision_number", 60),
        decision_date=decision_date,
        is_sample=is_sample,
    )
    audit.record(
        actor=by,
        action="campaigns.movement.leader_recognised",
        obj=leader,
        after=audit.snapshot(
            leader, ("movement", "unit", "year", "decision_number", "decision_date")
        ),
        unit=unit,
    )
    return leader
