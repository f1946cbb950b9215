"""/api/v1 endpoints of scoring: rounds, a unit's lines, self / cross / validated scores,
discrepancies, the ranking, publication.

Mounted with `api.add_router("/", "thidua.scoring.api.router")`. Each endpoint has its own input
and output schemas and calls the same access functions, queries and actions as the pages; errors
take the shapes of thidua.api (400 with fields, 403, 404), and a stale edit answers 409 with the
current value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from thidua.api.fields import Id, Seed, Version
from thidua.core.errors import StaleEditError

from . import access, actions, queries
from .models import ScoreLine, ScoringRound

router = Router(tags=["scoring"])


# --- output schemas --------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    cluster_id: int
    pledge_version_id: int
    title: str
    status: str
    opens_on: datetime.date
    closes_on: datetime.date
    grace_days: int
    discrepancy_threshold: Decimal
    cross_mode: str
    published_at: datetime.datetime | None
    is_sample: bool
    version: int


class LineOut(Schema):
    id: int
    unit_id: int
    criterion_id: int | None
    rule_id: int | None
    code: str
    self_value: Decimal | None
    self_choice: str
    self_points: Decimal | None
    self_note: str
    validated_points: Decimal | None
    validated_reason: str
    version: int

    @staticmethod
    def resolve_code(obj):
        return obj.criterion.code if obj.criterion_id else ""


class CrossOut(Schema):
    id: int
    line_id: int
    scorer_id: int
    value: Decimal | None
    choice: str
    points: Decimal
    reason: str
    version: int


class StandingOut(Schema):
    rank: int
    unit_id: int
    unit_name: str
    total: Decimal
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    self_total: Decimal
    grade: str
    tie_broken_by: str
    previous_year: int | None
    previous_total: Decimal | None


class DiscrepancyOut(Schema):
    line_id: int
    unit_id: int
    code: str
    self_points: Decimal | None
    cross_points: list[Decimal]
    validated_points: Decimal | None
    validated_reason: str
    version: int


# --- input schemas ---------------------------------------------------------------------------


class SelfScoreIn(Schema):
    version: Version
    value: str | None = None
    choice: str = ""
    points: str | None = None
    note: str = ""


class CrossScoreIn(Schema):
    scorer_id: Id
    version: Version = 0
    value: str | None = None
    choice: str = ""
    points: str | None = None
    reason: str = ""


class ValidateIn(Schema):
    version: Version
    points: str
    reason: str


def _refused(exc: ValidationError) -> JsonResponse:
    """A refused action: 400 with the Vietnamese messages, by field (thidua.api's error shape)."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return JsonResponse({"detail": " ".join(exc.messages), "fields": fields}, status=400)


def _stale(exc: StaleEditError, schema) -> JsonResponse:
    current = schema.from_orm(exc.current).dict() if exc.current is not None else None
    return JsonResponse(
        {"detail": str(exc.message), "current": current},
        status=409,
        json_dumps_params={"default": str},
    )


def _line(line: ScoreLine) -> ScoreLine:
    return ScoreLine.objects.select_related("criterion").get(pk=line.pk)


# --- endpoints -------------------------------------------------------------------------------


@router.get("/clusters/{cluster_id}/scoring-round", response=RoundOut)
def get_cluster_scoring_round(request, cluster_id: int):
    cluster = access.cluster_for_scoring(request.user, cluster_id)
    return get_object_or_404(ScoringRound, cluster=cluster)


@router.get("/scoring-rounds/{round_id}", response=RoundOut)
def get_scoring_round(request, round_id: int):
    return access.round_for_viewing(request.user, round_id)


@router.get("/scoring-rounds/{round_id}/ranking", response=list[StandingOut])
def get_scoring_ranking(request, round_id: int):
    """Published: whoever sees the cluster; before: the leader, deputy and board (provisional)."""
    board = queries.scoreboard(access.round_for_scoreboard(request.user, round_id))
    return [
        {
            "rank": r.rank,
            "unit_id": r.unit.pk,
            "unit_name": r.unit.name,
            "total": r.total,
            "base": r.base,
            "bonus": r.bonus,
            "penalty": r.penalty,
            "self_total": r.self_total,
            "grade": r.grade,
            "tie_broken_by": r.tie_text,
            "previous_year": r.previous_year,
            "previous_total": r.previous_total,
        }
        for r in board.rows
    ]


@router.get("/scoring-rounds/{round_id}/units/{unit_id}/lines", response=list[LineOut])
def list_unit_score_lines(request, round_id: int, unit_id: int):
    scoring_round, member = access.sheet_for_viewing(request.user, round_id, unit_id)
    return queries.sheet_lines(scoring_round, member.unit_id)


@router.get("/scoring-rounds/{round_id}/discrepancies", response=list[DiscrepancyOut])
def list_scoring_discrepancies(request, round_id: int):
    scoring_round = access.round_for_overseeing(request.user, round_id)
    return [
        {
            "line_id": line.pk,
            "unit_id": line.unit_id,
            "code": line.criterion.code if line.criterion_id else line.rule.text[:40],
            "self_points": line.self_points,
            "cross_points": [c.points for c in line.cross_scores.all()],
            "validated_points": line.validated_points,
            "validated_reason": line.validated_reason,
            "version": line.version,
        }
        for line in queries.discrepancy_rows(scoring_round)
    ]


@router.post("/scoring-lines/{line_id}/self", response={200: LineOut})
def save_self_score(request, line_id: int, payload: SelfScoreIn):
    """A unit officer scores a line of their own unit (403 for another unit)."""
    line = access.line_for_self_scoring(request.user, line_id)
    try:
        saved = actions.save_self_score(
            line=line,
            version=payload.version,
            value=payload.value,
            choice=payload.choice,
            points=payload.points,
            note=payload.note,
            by=request.user,
        )
    except StaleEditError as exc:
        return _stale(exc, LineOut)
    except ValidationError as exc:
        return _refused(exc)
    return _line(saved)


@router.post("/scoring-lines/{line_id}/cross", response={200: CrossOut})
def save_cross_score(request, line_id: int, payload: CrossScoreIn):
    """The officer of the assigned unit cross-scores a line (version 0 for a first score)."""
    line, scorer = access.line_for_cross_scoring(request.user, line_id, payload.scorer_id)
    try:
        return actions.save_cross_score(
            line=line,
            scorer=scorer,
            version=payload.version,
            value=payload.value,
            choice=payload.choice,
            points=payload.points,
            reason=payload.reason,
            by=request.user,
        )
    except StaleEditError as exc:
        return _stale(exc, CrossOut)
    except ValidationError as exc:
        return _refused(exc)


@router.post("/scoring-lines/{line_id}/validate", response={200: LineOut})
def validate_score(request, line_id: int, payload: ValidateIn):
    """The leader (the deputy for the leader's unit) sets the validated score with a reason."""
    line = access.line_for_validating(request.user, line_id)
    try:
        saved = actions.validate_score(
            line=line,
            version=payload.version,
            points=payload.points,
            reason=payload.reason,
            by=request.user,
        )
    except StaleEditError as exc:
        return _stale(exc, LineOut)
    except ValidationError as exc:
        return _refused(exc)
    return _line(saved)


class PublishIn(Schema):
    confirm: bool


@router.post("/scoring-rounds/{round_id}/publish", response={200: RoundOut})
def publish_scoring_round(request, round_id: int, payload: PublishIn):
    scoring_round = access.round_for_leading(request.user, round_id)
    if not payload.confirm:
        return _refused(ValidationError({"confirm": _("Confirm the publication.")}))
    try:
        return actions.publish_round(scoring_round=scoring_round, by=request.user)
    except ValidationError as exc:
        return _refused(exc)


class AssignIn(Schema):
    mode: str = Field(
        description="How units cross-score each other: derangement (a cycle) or all (every "
        "unit scores every other)."
    )
    seed: Seed | None = Field(
        None, description="The same seed gives the same assignment; null uses the round's."
    )


@router.post("/scoring-rounds/{round_id}/assignments", response={200: RoundOut})
def assign_cross_scorers(request, round_id: int, payload: AssignIn):
    """The leader (or deputy) assigns who cross-scores whom; refused once a cross score exists."""
    scoring_round = access.round_for_leading(request.user, round_id)
    try:
        actions.assign_cross_scorers(
            scoring_round=scoring_round, mode=payload.mode, seed=payload.seed, by=request.user
        )
    except ValidationError as exc:
        return _refused(exc)
    return ScoringRound.objects.get(pk=scoring_round.pk)


@router.post("/scoring-rounds/{round_id}/close", response={200: RoundOut})
def close_scoring_round(request, round_id: int):
    """End self-scoring of an open round (400 when the round is not open)."""
    scoring_round = access.round_for_leading(request.user, round_id)
    try:
        return actions.close_round(scoring_round=scoring_round, by=request.user)
    except ValidationError as exc:
        return _refused(exc)
