"""Pledges in the /api/v1 API: read pledges and versions (the version in force for scoring),
compare two versions, and sign for one's own unit. Mounted by thidua/api/api.py."""

from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thidua.api.fields import Id
from thidua.api.pagination import BoundedPagination

from . import access, actions, queries
from .models import PledgeVersion

router = Router(tags=["pledges"])


class PledgeOut(Schema):
    id: int
    cluster_id: int
    year: int
    cluster_name: str
    latest_number: int
    latest_status: str
    latest_title: str

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.cluster.emulation_year.year

    @staticmethod
    def resolve_cluster_name(obj) -> str:
        return obj.cluster.name


class VersionSummaryOut(Schema):
    id: int
    number: int
    status: str
    title: str
    in_force_from: datetime.date | None
    signed_count: int


class PledgeDetailOut(Schema):
    id: int
    cluster_id: int
    versions: list[VersionSummaryOut]
    in_force_id: int | None


class CriterionOut(Schema):
    id: int
    key: UUID
    code: str
    text: str
    max_score: Decimal
    method: str
    target_value: Decimal | None
    target_unit: str
    threshold_value: Decimal | None
    levels: list[dict]
    evidence: str
    bonus_cap: Decimal | None
    penalty_cap: Decimal | None


class GroupOut(Schema):
    id: int
    key: UUID
    title: str
    total: Decimal
    bonus_cap: Decimal | None
    penalty_cap: Decimal | None
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_criteria(obj):
        return list(obj.criteria.all())


class RuleOut(Schema):
    id: int
    kind: str
    text: str
    points: Decimal
    criterion_id: int | None
    group_id: int | None


class GradeOut(Schema):
    label: str
    min_score: Decimal
    excluded_by_zero_criterion: bool


class TieBreakOut(Schema):
    kind: str
    group_id: int | None


class SignatureOut(Schema):
    unit_id: int
    unit_name: str
    signed_by: str
    signed_on: datetime.date

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_signed_by(obj) -> str:
        return obj.signed_by.get_username()


class MemberOut(Schema):
    unit_id: int
    unit_name: str
    signature: SignatureOut | None


class VersionOut(Schema):
    id: int
    pledge_id: int
    number: int
    status: str
    title: str
    theme: str
    commitments: str
    scale: int
    bonus_cap: Decimal
    penalty_cap: Decimal
    reason: str
    in_force_from: datetime.date | None
    key_tasks: list[str]
    groups: list[GroupOut]
    rules: list[RuleOut]
    grades: list[GradeOut]
    tie_breaks: list[TieBreakOut]
    members: list[MemberOut]


class DiffOut(Schema):
    old_id: int
    new_id: int
    is_empty: bool
    settings: list[str]
    criteria_added: list[str]
    criteria_removed: list[str]
    criteria_changed: list[str]


class SignIn(Schema):
    unit_id: Id
    signed_on: datetime.date | None = None


VERSION_FIELDS = (
    "id",
    "pledge_id",
    "number",
    "status",
    "title",
    "theme",
    "commitments",
    "scale",
    "bonus_cap",
    "penalty_cap",
    "reason",
    "in_force_from",
)


def _version_out(version: PledgeVersion) -> dict:
    content = queries.version_content(version)
    return {
        **{f: getattr(version, f) for f in VERSION_FIELDS},
        "key_tasks": [t.text for t in content["key_tasks"]],
        "groups": content["groups"],
        "rules": content["rules"],
        "grades": content["grades"],
        "tie_breaks": content["tie_breaks"],
        "members": [
            {"unit_id": r["unit"].pk, "unit_name": r["unit"].name, "signature": r["signature"]}
            for r in queries.signing_status(version)
        ],
    }


@router.get("/pledges", response=list[PledgeOut])
@paginate(BoundedPagination)
def list_pledges(request, year: int | None = None):
    return queries.pledge_list(request.user, year=year)


@router.get("/pledges/{pledge_id}", response=PledgeDetailOut)
def get_pledge(request, pledge_id: int):
    pledge = access.pledge_for_viewing(request.user, pledge_id)
    in_force = queries.version_in_force(pledge)
    return {
        "id": pledge.pk,
        "cluster_id": pledge.cluster_id,
        "versions": queries.versions_of(pledge),
        "in_force_id": in_force.pk if in_force else None,
    }


@router.get("/pledges/{pledge_id}/in-force", response={200: VersionOut, 404: dict})
def get_version_in_force(request, pledge_id: int, on: datetime.date | None = None):
    """The version that governs scoring on `on` (default today)."""
    pledge = access.pledge_for_viewing(request.user, pledge_id)
    version = queries.version_in_force(pledge, on=on)
    if version is None:
        return Status(404, {"detail": _("No version of this pledge is in force on that day.")})
    return _version_out(version)


@router.get("/pledge-versions/{version_id}", response=VersionOut)
def get_version(request, version_id: int):
    return _version_out(access.version_for_viewing(request.user, version_id))


@router.get("/pledge-versions/{old_id}/diff/{new_id}", response=DiffOut)
def diff_versions(request, old_id: int, new_id: int):
    old = access.version_for_viewing(request.user, old_id)
    new = access.version_for_viewing(request.user, new_id)
    diff = queries.compare_versions(old, new)
    return {
        "old_id": old.pk,
        "new_id": new.pk,
        "is_empty": diff.is_empty,
        "settings": [c.field for c in diff.settings],
        "criteria_added": [r["code"] for r in diff.criteria.added],
        "criteria_removed": [r["code"] for r in diff.criteria.removed],
        "criteria_changed": [new_row["code"] for _old, new_row, _c in diff.criteria.changed],
    }


@router.post("/pledge-versions/{version_id}/signatures", response={201: SignatureOut})
def sign_version(request, version_id: int, payload: SignIn):
    """Sign for one's own member unit; another unit answers 403, an invisible pledge 404."""
    version, units = access.version_for_signing(request.user, version_id)
    unit = access.unit_for_signing(units, payload.unit_id)
    signature = actions.sign_pledge(
        pledge_version=version, unit=unit, by=request.user, signed_on=payload.signed_on
    )
    return Status(201, signature)
