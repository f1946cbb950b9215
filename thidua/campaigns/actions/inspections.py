"""Writes to cross-inspections (kiểm tra chéo), exemplars and their replications."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster, ClusterMembership
from thidua.core import audit, vn
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Person, Unit

from ..models import Exemplar, Inspection, InspectionStatus, Movement, Replication
from ._common import long_text, not_in_future, optional_text, today_or

INSPECTION_FIELDS = (
    "cluster",
    "inspecting",
    "inspected",
    "planned_on",
    "status",
    "held_on",
    "findings",
)
EXEMPLAR_FIELDS = (
    "person",
    "unit",
    "achievement",
    "movement",
    "recognised_by",
    "decision_number",
    "recognised_on",
)


@transaction.atomic
def plan_inspection(
    *,
    cluster: Cluster,
    inspecting: Unit,
    inspected: Unit,
    planned_on: datetime.date,
    is_sample: bool = False,
    by,
) -> Inspection:
    """Plan a cross-inspection between two members; a unit never inspects itself."""
    if inspecting.pk == inspected.pk:
        raise ValidationError({"inspected": _("A unit cannot inspect itself.")})
    members = set(
        ClusterMembership.objects.filter(
            cluster=cluster, unit__in=[inspecting, inspected]
        ).values_list("unit_id", flat=True)
    )
    for name, unit in (("inspecting", inspecting), ("inspected", inspected)):
        if unit.pk not in members:
            raise ValidationError(
                {name: _("%(unit)s is not a member of the cluster.") % {"unit": unit.name}}
            )
    year = cluster.emulation_year.year
    if planned_on is None or not year <= planned_on.year <= year + 1:
        raise ValidationError(
            {
                "planned_on": _("Choose a date in %(year)s or %(next)s.")
                % {"year": year, "next": year + 1}
            }
        )
    duplicate = _("This cross-inspection is already planned.")
    if Inspection.objects.filter(
        cluster=cluster, inspecting=inspecting, inspected=inspected
    ).exists():
        raise ValidationError({"inspected": duplicate})
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                cluster=cluster,
                inspecting=inspecting,
                inspected=inspected,
                planned_on=planned_on,
                is_sample=is_sample,
                planned_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise ValidationError({"inspected": duplicate}) from exc
    audit.record(
        actor=by,
        action="campaigns.inspection.planned",
        obj=inspection,
        after=audit.snapshot(inspection, INSPECTION_FIELDS),
        unit=cluster.leader,
    )
    return inspection


@transaction.atomic
def record_inspection(
    *,
    inspection: Inspection,
    version: int,
    held_on: datetime.date,
    findings: str,
    today: datetime.date | None = None,
    by,
) -> Inspection:
    """Record that the visit took place and what it found (again to correct, with the version)."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    findings = long_text(findings)
    if not findings:
        raise ValidationError({"findings": _("This field cannot be empty.")})
    if held_on is None:
        raise ValidationError({"held_on": _("This field cannot be empty.")})
    not_in_future(held_on, "held_on", today_or(today))
    before = audit.snapshot(locked, INSPECTION_FIELDS)
    locked.status, locked.held_on, locked.findings = InspectionStatus.DONE, held_on, findings
    locked.recorded_by = by if getattr(by, "is_authenticated", False) else None
    locked.version += 1
    locked.save(update_fields=["status", "held_on", "findings", "recorded_by", "version"])
    audit.record(
        actor=by,
        action="campaigns.inspection.recorded",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, INSPECTION_FIELDS),
        unit=locked.inspecting,
    )
    return locked


def _subject_unit(unit: Unit | None, person: Person | None) -> Unit:
    if (unit is None) == (person is None):
        raise ValidationError({"unit": _("Choose either a unit or a person.")})
    return unit if unit is not None else person.unit


@transaction.atomic
def recognise_exemplar(
    *,
    recognised_by: Unit,
    achievement: str,
    recognised_on: datetime.date,
    unit: Unit | None = None,
    person: Person | None = None,
    movement: Movement | None = None,
    decision_number: str = "",
    is_sample: bool = False,
    today: datetime.date | None = None,
    by,
) -> Exemplar:
    """Hold up a person or a unit of the recognising unit's tree as an advanced exemplar."""
    subject = _subject_unit(unit, person)
    if not subject.path.startswith(recognised_by.path):
        field = "unit" if unit is not None else "person"
        raise ValidationError(
            {field: _("The exemplar must belong to the recognising unit or a unit below it.")}
        )
    achievement = long_text(achievement)
    if not achievement:
        raise ValidationError({"achievement": _("This field cannot be empty.")})
    if recognised_on is None:
        raise ValidationError({"recognised_on": _("This field cannot be empty.")})
    not_in_future(recognised_on, "recognised_on", today_or(today))
    exemplar = Exemplar.objects.create(
        recognised_by=recognised_by,
        unit=unit,
        person=person,
        movement=movement,
        achievement=achievement,
        recognised_on=recognised_on,
        decision_number=optional_text(decision_number, "decision_number", 60),
        is_sample=is_sample,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        actor=by,
        action="campaigns.exemplar.recognised",
        obj=exemplar,
        after=audit.snapshot(exemplar, EXEMPLAR_FIELDS),
        unit=recognised_by,
    )
    return exemplar


@transaction.atomic
def update_exemplar(
    *,
    exemplar: Exemplar,
    version: int,
    achievement: str,
    recognised_on: datetime.date,
    decision_number: str = "",
    today: datetime.date | None = None,
    by,
) -> Exemplar:
    locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    achievement = long_text(achievement)
    if not achievement:
        raise ValidationError({"achievement": _("This field cannot be empty.")})
    not_in_future(recognised_on, "recognised_on", today_or(today))
    first = locked.replications.order_by("replicated_on").first()
    if first is not None and first.replicated_on < recognised_on:
        raise ValidationError(
            {
                "recognised_on": _("A replication is dated before this day (%(date)s).")
                % {"date": vn.format_short_date(first.replicated_on)}
            }
        )
    before = audit.snapshot(locked, EXEMPLAR_FIELDS)
    locked.achievement, locked.recognised_on = achievement, recognised_on
    locked.decision_number = optional_text(decision_number, "decision_number", 60)
    locked.version += 1
    locked.save(update_fields=["achievement", "recognised_on", "decision_number", "version"])
    audit.record(
        actor=by,
        action="campaigns.exemplar.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, EXEMPLAR_FIELDS),
        unit=locked.recognised_by,
    )
    return locked


@transaction.atomic
def record_replication(
    *,
    exemplar: Exemplar,
    unit: Unit,
    replicated_on: datetime.date,
    note: str = "",
    is_sample: bool = False,
    today: datetime.date | None = None,
    by,
) -> Replication:
    """Record that an exemplar was replicated (nhân rộng) in another unit."""
    own = exemplar.unit_id if exemplar.unit_id else None
    if own == unit.pk:
        raise ValidationError({"unit": _("An exemplar is replicated in other units.")})
    if replicated_on is None:
        raise ValidationError({"replicated_on": _("This field cannot be empty.")})
    if replicated_on < exemplar.recognised_on:
        raise ValidationError(
            {
                "replicated_on": _(
                    "The replication cannot be dated before the recognition (%(date)s)."
                )
                % {"date": vn.format_short_date(exemplar.recognised_on)}
            }
        )
    not_in_future(replicated_on, "replicated_on", today_or(today))
    duplicate = _("A replication in this unit is already recorded.")
    if Replication.objects.filter(exemplar=exemplar, unit=unit).exists():
        raise ValidationError({"unit": duplicate})
    try:
        with transaction.atomic():
            replication = Replication.objects.create(
                exemplar=exemplar,
                unit=unit,
                replicated_on=replicated_on,
                note=long_text(note),
                is_sample=is_sample,
                recorded_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise ValidationError({"unit": duplicate}) from exc
    audit.record(
        actor=by,
        action="campaigns.exemplar.replicated",
        obj=replication,
        after=audit.snapshot(replication, ("exemplar", "unit", "replicated_on", "note")),
        unit=unit,
    )
    return replication
