"""/api/v1 endpoints of the voting app: ballots, their released results, casting, receipts.

Mounted with `api.add_router("/", "thidua.voting.api.router")`. Each endpoint has its own input
and output schemas and calls the same access functions, queries and actions as the pages. A
ballot's result fields stay null until the organiser releases it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.api.fields import Id
from thidua.api.pagination import BoundedPagination
from thidua.organizations.models import Unit

from . import access, actions, queries

router = Router(tags=["voting"])


# --- output schemas -----------------------------------------------------------------------------


class BallotOut(Schema):
    id: int
    kind: str
    title: str
    round: int
    cluster_id: int | None
    council_unit_id: int | None
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    status: str
    electorate_size: int | None
    is_sample: bool


class CandidateOut(Schema):
    unit_id: int
    unit_name: str
    published_rank: int | None


class QuestionOut(Schema):
    id: int
    position: int
    text: str
    award_code: str
    recipient: str
    proposal_ref: str


class CandidateResultOut(Schema):
    unit_id: int
    votes: int
    elected: bool
    elected_by: str


class QuestionResultOut(Schema):
    question_id: int
    agree: int
    disagree: int
    abstain: int
    base: int
    needed: int
    approved: bool
    threshold: str
    basis: str


class ResultOut(Schema):
    outcome: str
    electorate: int
    turnout: int
    present: int
    written: int
    blank: int
    candidates: list[CandidateResultOut]
    questions: list[QuestionResultOut]
    quorum_met: bool


class BallotDetailOut(BallotOut):
    seats: int
    max_rounds: int
    previous_id: int | None
    candidates: list[CandidateOut]
    questions: list[QuestionOut]
    turnout: int
    result: ResultOut | None = Field(None, description="Null while the result is sealed.")


class ReceiptOut(Schema):
    receipt: str


class ReceiptCheckOut(Schema):
    counted: bool


# --- input schemas ------------------------------------------------------------------------------


class CastIn(Schema):
    unit_id: Id | None = Field(None, description="Elections: the member unit you vote for.")
    candidates: list[Id] = Field(
        default_factory=list, description="Elections: unit ids of the chosen candidates."
    )
    blank: bool = Field(False, description="Elections: a blank ballot, on purpose.")
    answers: dict[Id, str] = Field(
        default_factory=dict,
        description="Council ballots: question id → agree, disagree or abstain.",
    )


class ReceiptIn(Schema):
    code: str


class CancelIn(Schema):
    reason: str = Field(description="Why the ballot is cancelled (kept in the audit log).")


class DecideIn(Schema):
    units: list[Id] = Field(description="Unit ids chosen for the unfilled seats.")
    reason: str = Field(description="The reason, recorded in the minutes.")


def _refused(exc: ValidationError) -> JsonResponse:
    """A refused action: 400 with the Vietnamese messages, by field (thidua.api's shape)."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return JsonResponse({"detail": " ".join(exc.messages), "fields": fields}, status=400)


def _unit_for(user, ballot, unit_id: int | None):
    """The member unit the user casts for: the one named (403 if not theirs), or their only one."""
    electors = queries.electors_for(user, ballot).select_related("unit")
    if unit_id is not None:
        elector = electors.filter(unit_id=unit_id).first()
        if elector is None:
            raise PermissionDenied
        return elector.unit
    mine = list(electors[:2])
    if len(mine) != 1:
        raise ValidationError({"unit_id": _("Choose the unit you vote for.")})
    return mine[0].unit


def _detail(ballot) -> dict:
    result = queries.result_of(ballot)
    out = {
        **{f: getattr(ballot, f) for f in BallotOut.model_fields},
        "seats": ballot.seats,
        "max_rounds": ballot.max_rounds,
        "previous_id": ballot.previous_id,
        "candidates": [
            {"unit_id": c.unit_id, "unit_name": c.unit.name, "published_rank": c.published_rank}
            for c in ballot.candidates.select_related("unit").order_by("position")
        ],
        "questions": list(ballot.questions.order_by("position")),
        "turnout": queries.turnout_count(ballot),
        "result": None,
    }
    if result is not None:
        out["result"] = {
            "outcome": ballot.outcome,
            "electorate": result.electorate,
            "turnout": result.turnout,
            "present": result.present,
            "written": result.written,
            "blank": result.blank,
            "quorum_met": result.quorum_met,
            "candidates": [
                {
                    "unit_id": line.unit.pk,
                    "votes": line.votes,
                    "elected": line.elected,
                    "elected_by": line.elected_by,
                }
                for line in result.candidates
            ],
            "questions": [
                {
                    "question_id": line.question.pk,
                    "agree": line.result.agree,
                    "disagree": line.result.disagree,
                    "abstain": line.result.abstain,
                    "base": line.result.base,
                    "needed": line.result.needed,
                    "approved": line.result.approved,
                    "threshold": line.threshold,
                    "basis": line.basis,
                }
                for line in result.questions
            ],
        }
    return out


# --- endpoints ----------------------------------------------------------------------------------


@router.get("/ballots", response=list[BallotOut])
@paginate(BoundedPagination)
def list_ballots(request, status: str | None = None):
    return queries.ballot_list(request.user, status=status)


@router.get("/ballots/{ballot_id}", response=BallotDetailOut)
def get_ballot(request, ballot_id: int):
    return _detail(access.ballot_for_viewing(request.user, ballot_id))


@router.post("/ballots/{ballot_id}/votes", response={201: ReceiptOut})
def cast_vote(request, ballot_id: int, payload: CastIn):
    """Cast a secret ballot. The answer holds the receipt code, given once."""
    ballot = access.ballot_for_casting(request.user, ballot_id)
    unit = None
    try:
        if ballot.is_election:
            unit = _unit_for(request.user, ballot, payload.unit_id)
        code = actions.cast_ballot(
            ballot=ballot,
            by=request.user,
            unit=unit,
            candidates=payload.candidates,
            blank=payload.blank,
            answers=payload.answers,
            via="api",
        )
    except ValidationError as exc:
        return _refused(exc)
    return Status(201, {"receipt": code})


@router.post("/ballots/{ballot_id}/receipt", response=ReceiptCheckOut)
def check_receipt(request, ballot_id: int, payload: ReceiptIn):
    """Whether a receipt code's vote is among the recorded votes (never how it was cast)."""
    ballot = access.ballot_for_viewing(request.user, ballot_id)
    return {"counted": queries.receipt_counted(ballot, payload.code)}


def _step(request, ballot_id: int, action, **data):
    """Run a workflow step the organiser (leader, deputy or board) takes, as the pages do."""
    ballot = access.ballot_for_organising(request.user, ballot_id)
    try:
        done = action(ballot=ballot, by=request.user, **data)
    except ValidationError as exc:
        return _refused(exc)
    return _detail(done)


@router.post("/ballots/{ballot_id}/open", response={200: BallotDetailOut})
def open_ballot(request, ballot_id: int):
    """Open a draft: the electorate (and for a council, thresholds and quorum) is frozen."""
    return _step(request, ballot_id, actions.open_ballot)


@router.post("/ballots/{ballot_id}/close", response={200: BallotDetailOut})
def close_ballot(request, ballot_id: int):
    """Close an open ballot and count it; the result stays sealed (null) until released."""
    return _step(request, ballot_id, actions.close_ballot)


@router.post("/ballots/{ballot_id}/release", response={200: BallotDetailOut})
def release_ballot(request, ballot_id: int):
    """Release the result of a closed ballot to everyone who sees it."""
    return _step(request, ballot_id, actions.release_ballot)


@router.post("/ballots/{ballot_id}/cancel", response={200: BallotDetailOut})
def cancel_ballot(request, ballot_id: int, payload: CancelIn):
    """Cancel a ballot opened by mistake, before it closes; its votes are deleted unread."""
    return _step(request, ballot_id, actions.cancel_ballot, reason=payload.reason)


@router.post("/ballots/{ballot_id}/decision", response={200: BallotDetailOut})
def decide_ballot(request, ballot_id: int, payload: DecideIn):
    """After the last round without a result, the cluster's leader and deputy decide the
    unfilled seats among the candidates not elected, with a reason."""
    ballot = access.election_for_deciding(request.user, ballot_id)
    pending = {c.unit_id for c in actions.tied_candidates(ballot)}
    chosen = set(payload.units)
    try:
        if not chosen <= pending:
            raise ValidationError({"units": _("Choose among the candidates not elected.")})
        done = actions.decide_by_leaders(
            ballot=ballot,
            units=list(Unit.objects.filter(pk__in=chosen)),
            reason=payload.reason,
            by=request.user,
        )
    except ValidationError as exc:
        return _refused(exc)
    return _detail(done)
