"""/api/v1 endpoints of movements, peak campaigns, progress, registrations, inspections, exemplars.

Mounted by the lead with `api.add_router("/", "thidua.campaigns.api.router")`. Each endpoint has
its own input and output schemas and calls the same access functions, queries and actions as the
pages; errors take the shapes of thidua.api (400 with fields, 403, 404, 409).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.api.fields import Id
from thidua.api.pagination import BoundedPagination
from thidua.clusters.access import cluster_for_viewing
from thidua.clusters.queries import members_in_vietnamese_order

from . import access, actions, queries

router = Router(tags=["campaigns"])


# --- output schemas --------------------------------------------------------------------------


class MovementOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    launched_by_id: int
    cluster_id: int | None
    start_year: int
    years: int
    end_year: int
    is_sample: bool


class ReportOut(Schema):
    id: int
    target_id: int
    unit_id: int
    as_of: datetime.date
    value: Decimal
    value_display: str
    note: str
    is_sample: bool


class TargetOut(Schema):
    id: int
    name: str
    measure: str
    unit_of_measure: str
    goal: Decimal | None
    goal_display: str
    latest: list[ReportOut] = []


class MovementDetailOut(MovementOut):
    description: str
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj):
        return queries.targets_with_latest(obj)


class CampaignOut(Schema):
    id: int
    name: str
    occasion: str
    launched_by_id: int
    cluster_id: int | None
    movement_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date
    plan_number: str
    plan_date: datetime.date | None
    plan_reference: str
    is_sample: bool


class CampaignDetailOut(CampaignOut):
    description: str
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj):
        return queries.targets_with_latest(obj)


class ModelOut(Schema):
    kind: str
    name: str


class MemberStatusOut(Schema):
    unit_id: int
    unit_name: str
    registered: bool
    titles: list[str]
    models: list[ModelOut]
    model_count: int
    below_minimum: bool


class RegistrationsOut(Schema):
    cluster_id: int
    min_models: int
    deadline: datetime.date | None
    members: list[MemberStatusOut]


class InspectionOut(Schema):
    id: int
    cluster_id: int
    inspecting_id: int
    inspected_id: int
    planned_on: datetime.date
    status: str
    held_on: datetime.date | None
    findings: str
    is_sample: bool


class ExemplarOut(Schema):
    id: int
    subject_name: str
    person_id: int | None
    unit_id: int | None
    achievement: str
    recognised_by_id: int
    decision_number: str
    recognised_on: datetime.date
    movement_id: int | None
    is_sample: bool


# --- input schemas ---------------------------------------------------------------------------


class ReportIn(Schema):
    unit_id: Id
    as_of: datetime.date
    value: Decimal
    note: str = ""


class ModelIn(Schema):
    kind: str
    name: str


class RegistrationIn(Schema):
    unit_id: Id
    titles: list[str] = Field(default_factory=list)
    models: list[ModelIn] = Field(default_factory=list)
    note: str = ""


class InspectionIn(Schema):
    inspecting_id: Id
    inspected_id: Id
    planned_on: datetime.date


def _refused(exc: ValidationError) -> JsonResponse:
    """A refused action: 400 with the Vietnamese messages, by field (thidua.api's error shape).

    Answered here rather than by thidua.api's ValidationError handler, which reads
    `error_dict` values as ValidationError objects (they are lists) and fails on field errors.
    """
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return JsonResponse({"detail": " ".join(exc.messages), "fields": fields}, status=400)


# --- endpoints -------------------------------------------------------------------------------


@router.get("/movements", response=list[MovementOut])
@paginate(BoundedPagination)
def list_movements(
    request,
    year: int | None = None,
    kind: str | None = None,
    level: str | None = None,
    min_years: int | None = None,
):
    movements = queries.movement_list(request.user, year=year, kind=kind)
    if level:
        movements = movements.filter(level=level)
    if min_years:
        movements = movements.filter(years__gte=min_years)
    return movements


@router.get("/movements/{movement_id}", response=MovementDetailOut)
def get_movement(request, movement_id: int):
    return access.movement_for_viewing(request.user, movement_id)


@router.get("/peak-campaigns", response=list[CampaignOut])
@paginate(BoundedPagination)
def list_peak_campaigns(request, year: int | None = None):
    return queries.campaign_list(request.user, year=year)


@router.get("/peak-campaigns/{campaign_id}", response=CampaignDetailOut)
def get_peak_campaign(request, campaign_id: int):
    return access.campaign_for_viewing(request.user, campaign_id)


@router.post("/targets/{target_id}/reports", response={201: ReportOut})
def report_target_progress(request, target_id: int, payload: ReportIn):
    """A unit officer reports their own unit's figure; other units answer 403."""
    target, units = access.target_for_reporting(request.user, target_id)
    unit = units.filter(pk=payload.unit_id).first()
    if unit is None:
        raise PermissionDenied
    try:
        report = actions.report_progress(
            target=target,
            unit=unit,
            as_of=payload.as_of,
            value=payload.value,
            note=payload.note,
            by=request.user,
        )
    except ValidationError as exc:
        return _refused(exc)
    return Status(201, report)


def _status(cluster) -> dict:
    rule = queries.rule_for(cluster)
    return {
        "cluster_id": cluster.pk,
        "min_models": rule.min_models,
        "deadline": rule.deadline,
        "members": [
            {
                "unit_id": r.unit.pk,
                "unit_name": r.unit.name,
                "registered": not r.missing,
                "titles": [t.code for t in r.titles],
                "models": [{"kind": m.kind, "name": m.name} for m in r.models],
                "model_count": r.model_count,
                "below_minimum": r.below_minimum,
            }
            for r in queries.registration_status(cluster, rule)
        ],
    }


@router.get("/clusters/{cluster_id}/registrations", response=RegistrationsOut)
def list_cluster_registrations(request, cluster_id: int):
    return _status(cluster_for_viewing(request.user, cluster_id))


@router.post("/clusters/{cluster_id}/registrations", response={201: MemberStatusOut})
def register_for_emulation(request, cluster_id: int, payload: RegistrationIn):
    """A member's officer registers for their own unit (403 for another unit)."""
    cluster, unit = access.member_for_registering(request.user, cluster_id, payload.unit_id)
    try:
        actions.register_for_emulation(
            cluster=cluster,
            unit=unit,
            titles=payload.titles,
            models=[(m.kind, m.name) for m in payload.models],
            note=payload.note,
            by=request.user,
        )
    except ValidationError as exc:
        return _refused(exc)
    row = next(r for r in _status(cluster)["members"] if r["unit_id"] == unit.pk)
    return Status(201, row)


@router.get("/clusters/{cluster_id}/inspections", response=list[InspectionOut])
def list_cluster_inspections(request, cluster_id: int):
    return list(queries.cluster_inspections(cluster_for_viewing(request.user, cluster_id)))


@router.post("/clusters/{cluster_id}/inspections", response={201: InspectionOut})
def plan_cross_inspection(request, cluster_id: int, payload: InspectionIn):
    cluster = access.cluster_for_leading(request.user, cluster_id)
    members = members_in_vietnamese_order(cluster)
    try:
        inspection = actions.plan_inspection(
            cluster=cluster,
            inspecting=get_object_or_404(members, pk=payload.inspecting_id),
            inspected=get_object_or_404(members, pk=payload.inspected_id),
            planned_on=payload.planned_on,
            by=request.user,
        )
    except ValidationError as exc:
        return _refused(exc)
    return Status(201, inspection)


@router.get("/exemplars", response=list[ExemplarOut])
@paginate(BoundedPagination)
def list_exemplars(request):
    return queries.exemplar_list(request.user)
