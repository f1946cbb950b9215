"""Award endpoints. The eligibility check follows contracts/eligibility.md exactly; the registry
endpoints read through the same visible_to querysets and write through the same actions as the
pages."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thidua.api.fields import Id, Version
from thidua.api.pagination import BoundedPagination
from thidua.core import vn

from . import access, actions, queries
from . import subjects as s
from .models import AwardType
from .queries import proposals as proposal_queries
from .rules import ContractError, evaluate_payload, regime_for_year

router = Router(tags=["eligibility"])

CONTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["cases"],
                    "properties": {"cases": {"type": "array", "items": {"type": "object"}}},
                }
            }
        },
    }
}


@router.post("/eligibility/check", openapi_extra=CONTRACT_BODY)
def check_eligibility(request: HttpRequest):
    """Evaluate inline histories; 400 with {"error": {case, field, message}} on invalid input."""
    try:
        try:
            payload = json.loads(request.body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ContractError(None, None, "JSON không hợp lệ") from error
        result = evaluate_payload(vn.normalize_data(payload))
    except ContractError as error:
        return JsonResponse(error.to_dict(), status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


# --- The award registry (read through visible_to querysets, written through the actions) -------


REGISTRY = ["awards"]


class AwardTypeOut(Schema):
    code: str
    kind: str
    subject: str
    name: str
    name_hanoi: str
    article: str


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: datetime.date
    issuer_name: str
    issuer_id: int | None
    recorded_in_id: int
    signer_name: str
    signer_position: str
    regime: str | None
    is_sample: bool

    @staticmethod
    def resolve_regime(obj) -> str | None:
        return obj.regime.code if obj.regime_id else None


class RecipientOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    name: str
    award: str
    year: int
    basis: str
    based_on: list[str]

    @staticmethod
    def resolve_name(obj) -> str:
        return s.name_of(obj.subject)

    @staticmethod
    def resolve_award(obj) -> str:
        return obj.award_type.code

    @staticmethod
    def resolve_based_on(obj) -> list[str]:
        return [i.contract_id for i in obj.based_on.all()]


class DecisionDetailOut(DecisionOut):
    recipients: list[RecipientOut]

    @staticmethod
    def resolve_recipients(obj):
        return list(queries.recipients_of(obj))


class EligibilityOut(Schema):
    subject: str
    year: int
    regime: str | None
    history: dict
    results: list[dict]


class RatingIn(Schema):
    person_id: Id | None = None
    unit_id: Id | None = None
    year: int
    rating: str


class RatingOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    year: int
    rating: str
    version: int


@router.get("/awards/types", response=list[AwardTypeOut], tags=REGISTRY)
def list_award_types(request):
    """The catalogue's titles and forms, titles first."""
    return queries.award_types()


@router.get("/awards/decisions", response=list[DecisionOut], tags=REGISTRY)
@paginate(BoundedPagination)
def list_decisions(request, year: int | None = None):
    return queries.decision_list(request.user, year=year)


@router.get("/awards/decisions/{decision_id}", response=DecisionDetailOut, tags=REGISTRY)
def get_decision(request, decision_id: int):
    return access.decision_for_viewing(request.user, decision_id)


def _eligibility(request, kind: str, subject_id: int, year: int | None, code: str | None) -> dict:
    subject = access.subject_for_viewing(request.user, kind, subject_id)
    year = year or queries.default_year(subject)
    case = queries.history_for(subject, year)
    if code is not None:
        award_type = AwardType.objects.filter(code=code).first()
        if award_type is None or not award_type.applies_to(s.kind_of(subject)):
            raise Http404
        results = [queries.check_subject(subject, code, year)] if regime_for_year(year) else []
    else:
        results = [v.result for v in queries.check_all(subject, year)]
    return {
        "subject": s.key_of(subject),
        "year": year,
        "regime": regime_for_year(year),
        "history": case,
        "results": results,
    }


@router.get("/awards/people/{person_id}/eligibility", response=EligibilityOut, tags=REGISTRY)
def person_eligibility(request, person_id: int, year: int | None = None, code: str | None = None):
    """The person's history as contract input, and the engine's verdicts for ``year`` (every
    individual title and form, or only ``code``). Without ``year``: the latest year evaluated."""
    return _eligibility(request, s.PERSON, person_id, year, code)


@router.get("/awards/units/{unit_id}/eligibility", response=EligibilityOut, tags=REGISTRY)
def unit_eligibility(request, unit_id: int, year: int | None = None, code: str | None = None):
    """The unit's history (with the units it took over) and the engine's verdicts for ``year``."""
    return _eligibility(request, s.UNIT, unit_id, year, code)


@router.post("/awards/ratings", response={201: RatingOut}, tags=REGISTRY)
def record_rating(request, payload: RatingIn):
    """Record a yearly rating of one person or one unit (same rules as the page)."""
    if (payload.person_id is None) == (payload.unit_id is None):
        raise ValidationError(_("Give exactly one of person_id and unit_id."))
    kind, subject_id = (
        (s.PERSON, payload.person_id) if payload.person_id else (s.UNIT, payload.unit_id)
    )
    subject = access.subject_for_recording(request.user, kind, subject_id, access.RATING)
    rating = actions.record_rating(
        subject=subject, year=payload.year, rating=payload.rating, by=request.user
    )
    return Status(201, rating)


# --- Award proposals (the same gates and actions as the pages) ---------------------------------

PROPOSALS = ["proposals"]


class ProposalItemOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    name: str
    award: str
    year: int
    verdict: str
    reasons: list[str]

    @staticmethod
    def resolve_name(obj) -> str:
        return s.name_of(obj.subject)

    @staticmethod
    def resolve_award(obj) -> str:
        return obj.award_type.code

    @staticmethod
    def resolve_reasons(obj) -> list[str]:
        return proposal_queries.reasons(obj)


class ProposalOut(Schema):
    id: int
    title: str
    number: str
    year: int
    status: str
    proposer_id: int
    cluster_id: int | None
    board_id: int
    return_reason: str
    refusal_reason: str
    decision_id: int | None
    filed_at: datetime.datetime | None
    version: int
    is_sample: bool


class ChecklistLineOut(Schema):
    kind: str
    label: str
    item_id: int | None
    done: bool
    documents: list[int]

    @staticmethod
    def resolve_item_id(obj) -> int | None:
        return obj.item.pk if obj.item is not None else None

    @staticmethod
    def resolve_documents(obj) -> list[int]:
        return [d.pk for d in obj.documents]


class ProposalDetailOut(ProposalOut):
    items: list[ProposalItemOut]
    checklist: list[ChecklistLineOut]

    @staticmethod
    def resolve_items(obj):
        return proposal_queries.items_of(obj)

    @staticmethod
    def resolve_checklist(obj):
        return proposal_queries.checklist(obj)


class FileIn(Schema):
    version: Version | None = None


class ReasonIn(Schema):
    reason: str = ""
    version: Version | None = None


class ApproveIn(Schema):
    number: str = ""
    signed_on: datetime.date | None = None
    issuer_name: str = ""
    signer_name: str = ""
    signer_position: str = ""
    version: Version | None = None


def _version(proposal, version: int | None) -> int:
    """The version the client saw; without one, the current (no lost-update check)."""
    return proposal.version if version is None else version


@router.get("/awards/proposals", response=list[ProposalOut], tags=PROPOSALS)
@paginate(BoundedPagination)
def list_proposals(
    request, status: str | None = None, year: int | None = None, received: bool = False
):
    """The proposals the user sees; ``received``: those sent to a board the user serves."""
    return proposal_queries.proposal_list(request.user, status=status, year=year, received=received)


@router.get("/awards/proposals/{proposal_id}", response=ProposalDetailOut, tags=PROPOSALS)
def get_proposal(request, proposal_id: int):
    """A proposal with its recipients (the engine's verdicts and reasons) and its checklist."""
    return proposal_queries.proposal_for_viewing(request.user, proposal_id)


@router.post("/awards/proposals/{proposal_id}/file", response=ProposalOut, tags=PROPOSALS)
def file_proposal(request, proposal_id: int, payload: FileIn | None = None):
    """File with the board (400 with the reasons while a recipient fails or the dossier is
    incomplete, or when an achievement is already proposed elsewhere)."""
    proposal = proposal_queries.proposal_for_editing(request.user, proposal_id)
    version = _version(proposal, payload.version if payload else None)
    return actions.file_proposal(proposal=proposal, version=version, by=request.user)


@router.post("/awards/proposals/{proposal_id}/return", response=ProposalOut, tags=PROPOSALS)
def return_proposal(request, proposal_id: int, payload: ReasonIn):
    """Return a filed proposal to its proposer with a reason (the board)."""
    proposal = proposal_queries.proposal_for_deciding(request.user, proposal_id)
    return actions.return_proposal(
        proposal=proposal,
        version=_version(proposal, payload.version),
        reason=payload.reason,
        by=request.user,
    )


@router.post("/awards/proposals/{proposal_id}/refuse", response=ProposalOut, tags=PROPOSALS)
def refuse_proposal(request, proposal_id: int, payload: ReasonIn):
    """Refuse a filed proposal with a reason (the board)."""
    proposal = proposal_queries.proposal_for_deciding(request.user, proposal_id)
    return actions.refuse_proposal(
        proposal=proposal,
        version=_version(proposal, payload.version),
        reason=payload.reason,
        by=request.user,
    )


@router.post("/awards/proposals/{proposal_id}/approve", response=ProposalOut, tags=PROPOSALS)
def approve_proposal(request, proposal_id: int, payload: ApproveIn):
    """Approve a filed proposal: its recipients become a decision of the registry (the board)."""
    proposal = proposal_queries.proposal_for_deciding(request.user, proposal_id)
    if payload.signed_on is None:
        raise ValidationError({"signed_on": _("This field cannot be empty.")})
    return actions.approve_proposal(
        proposal=proposal,
        version=_version(proposal, payload.version),
        number=payload.number,
        signed_on=payload.signed_on,
        issuer_name=payload.issuer_name,
        signer_name=payload.signer_name,
        signer_position=payload.signer_position,
        by=request.user,
    )
