"""Writes to peak campaigns (đợt thi đua cao điểm) and to targets of campaigns and movements."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster
from thidua.core import audit
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Unit

from ..models import MeasureKind, Movement, PeakCampaign, Target
from ._common import amount, long_text, optional_text, required_text
from .movements import check_cluster, check_reports_inside

CAMPAIGN_FIELDS = (
    "name",
    "occasion",
    "description",
    "launched_by",
    "cluster",
    "movement",
    "starts_on",
    "ends_on",
    "launched_on",
    "plan_number",
    "plan_date",
    "is_sample",
)
TARGET_FIELDS = ("campaign", "movement", "name", "measure", "unit_of_measure", "goal")


def _campaign_values(
    *, name, occasion, description, starts_on, ends_on, launched_on, plan_number, plan_date
) -> dict:
    name = required_text(name, "name")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
    plan_number = optional_text(plan_number, "plan_number", 60)
    if bool(plan_number) != (plan_date is not None):
        field = "plan_date" if plan_number else "plan_number"
        raise ValidationError({field: _("Enter both the plan's number and its date, or neither.")})
    if launched_on is not None and launched_on > ends_on:
        raise ValidationError({"launched_on": _("The launch date must not be after the end date.")})
    return {
        "name": name,
        "occasion": long_text(occasion),
        "description": long_text(description),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "launched_on": launched_on,
        "plan_number": plan_number,
        "plan_date": plan_date,
    }


@transaction.atomic
def create_campaign(
    *,
    launched_by: Unit,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    occasion: str = "",
    cluster: Cluster | None = None,
    movement: Movement | None = None,
    launched_on: datetime.date | None = None,
    plan_number: str = "",
    plan_date: datetime.date | None = None,
    description: str = "",
    is_sample: bool = False,
    sample_note: str = "",
    by,
) -> PeakCampaign:
    values = _campaign_values(
        name=name,
        occasion=occasion,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        launched_on=launched_on,
        plan_number=plan_number,
        plan_date=plan_date,
    )
    check_cluster(cluster, launched_by, (starts_on.year, ends_on.year))
    if movement is not None:
        if movement.launched_by_id != launched_by.pk and (
            cluster is None or movement.cluster_id != cluster.pk
        ):
            raise ValidationError({"movement": _("The movement was launched by another unit.")})
        if starts_on.year < movement.start_year or ends_on.year > movement.end_year:
            raise ValidationError(
                {"movement": _("The campaign must fall within the movement's years.")}
            )
    campaign = PeakCampaign.objects.create(
        launched_by=launched_by,
        cluster=cluster,
        movement=movement,
        is_sample=is_sample,
        sample_note=optional_text(sample_note, "sample_note"),
        **values,
    )
    audit.record(
        actor=by,
        action="campaigns.campaign.created",
        obj=campaign,
        after=audit.snapshot(campaign, CAMPAIGN_FIELDS),
        unit=launched_by,
    )
    return campaign


@transaction.atomic
def update_campaign(
    *,
    campaign: PeakCampaign,
    version: int,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    occasion: str = "",
    launched_on: datetime.date | None = None,
    plan_number: str = "",
    plan_date: datetime.date | None = None,
    description: str = "",
    by,
) -> PeakCampaign:
    locked = (
        PeakCampaign.objects.select_for_update(of=("self",))
        .select_related("launched_by")
        .get(pk=campaign.pk)
    )
    if locked.version != version:
        raise StaleEditError(current=locked)
    values = _campaign_values(
        name=name,
        occasion=occasion,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        launched_on=launched_on,
        plan_number=plan_number,
        plan_date=plan_date,
    )
    check_reports_inside(locked, starts_on, ends_on)
    before = audit.snapshot(locked, CAMPAIGN_FIELDS)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save(update_fields=[*values, "version"])
    audit.record(
        actor=by,
        action="campaigns.campaign.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, CAMPAIGN_FIELDS),
        unit=locked.launched_by,
    )
    return locked


DEFAULT_UNITS = {MeasureKind.MONEY: "đồng", MeasureKind.PERCENT: "%"}


@transaction.atomic
def add_target(
    *,
    owner: PeakCampaign | Movement,
    name: str,
    measure: str,
    unit_of_measure: str = "",
    goal: Decimal | None = None,
    is_sample: bool = False,
    by,
) -> Target:
    """Add a target (chỉ tiêu) to a peak campaign or a movement."""
    name = required_text(name, "name")
    if measure not in MeasureKind.values:
        raise ValidationError({"measure": _("Choose a valid kind of value.")})
    unit_of_measure = optional_text(unit_of_measure, "unit_of_measure", 60)
    unit_of_measure = DEFAULT_UNITS.get(measure, unit_of_measure) or unit_of_measure
    goal = amount(goal, "goal", required=False)
    is_campaign = isinstance(owner, PeakCampaign)
    if owner.targets.filter(name=name).exists():
        raise ValidationError({"name": _("A target with this name already exists.")})
    target = Target.objects.create(
        campaign=owner if is_campaign else None,
        movement=None if is_campaign else owner,
        name=name,
        measure=measure,
        unit_of_measure=unit_of_measure,
        goal=goal,
        position=owner.targets.count() + 1,
        is_sample=is_sample,
    )
    audit.record(
        actor=by,
        action="campaigns.target.added",
        obj=target,
        after=audit.snapshot(target, TARGET_FIELDS),
        unit=owner.launched_by,
    )
    return target
