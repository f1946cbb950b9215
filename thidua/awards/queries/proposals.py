"""Reads and gates of award proposals: who sees and acts on which proposal, the eligibility of
its recipients (the engine on histories read from the registry), its dossier checklist (Law
art. 84), the council's votes on it, and the same achievement proposed elsewhere.

Who does what:

- a proposal is seen by everyone whose units reach its proposing unit or the board it is sent
  to, and by the officers of the members of the cluster it speaks for;
- it is drafted, completed and filed by an officer (unit or board officer) of the proposing unit
  (for a cluster, the leader unit);
- it is returned, approved or refused by a board officer of the receiving unit (or above).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.models import Cluster, ClusterMembership
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import in_vietnamese_order

from .. import subjects as s
from ..models import (
    AwardBasis,
    AwardKind,
    AwardType,
    DecisionRecipient,
    DossierDocument,
    DossierKind,
    Proposal,
    ProposalItem,
    ProposalStatus,
    Verdict,
)
from ..models.proposals import CLAIMING
from ..rules import regime_for_year
from .history import check_many

PROPOSER_ROLES = (Role.UNIT_OFFICER, Role.BOARD_OFFICER)
FORM_CLAIM = "form"
# Titles whose dossier needs the certificate of the initiative or project (Law art. 84.1).
NEEDS_INITIATIVE = {
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
}
# Forms whose dossier carries the province's opinion (Law art. 84.3).
NEEDS_PROVINCE_OPINION = {
    "co_thi_dua_chinh_phu",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
    "huan_chuong_lao_dong_hang_nhi",
    "huan_chuong_lao_dong_hang_nhat",
}


def claim_key(award_type: AwardType) -> str:
    """One achievement, one award: a title by its code; every form of one year is one claim."""
    return award_type.code if award_type.kind == AwardKind.TITLE else FORM_CLAIM


# --- visibility and gates ----------------------------------------------------------------------


def proposals_visible_to(user) -> QuerySet[Proposal]:
    scope = scope_of(user)
    if scope.is_empty:
        return Proposal.objects.none()
    reach = Unit.objects.filter(scope.subtree_q("path"))
    clusters = ClusterMembership.objects.filter(unit__in=reach).values("cluster_id")
    return Proposal.objects.filter(
        Q(proposer__in=reach) | Q(board__in=reach) | Q(cluster__in=clusters)
    )


def can_edit(user, proposal: Proposal) -> bool:
    scope = scope_of(user)
    return any(scope.holds_in(proposal.proposer, role) for role in PROPOSER_ROLES)


def can_decide(user, proposal: Proposal) -> bool:
    return scope_of(user).reaches(proposal.board, Role.BOARD_OFFICER)


def proposal_for_viewing(user, proposal_id: int) -> Proposal:
    return get_object_or_404(
        proposals_visible_to(user).select_related(
            "proposer", "board", "cluster__emulation_year__unit", "decision", "filed_by"
        ),
        pk=proposal_id,
    )


def proposal_for_editing(user, proposal_id: int) -> Proposal:
    proposal = proposal_for_viewing(user, proposal_id)
    if not can_edit(user, proposal):
        raise PermissionDenied
    return proposal


def proposal_for_deciding(user, proposal_id: int) -> Proposal:
    proposal = proposal_for_viewing(user, proposal_id)
    if not can_decide(user, proposal):
        raise PermissionDenied
    return proposal


def item_for_editing(user, item_id: int) -> ProposalItem:
    item = get_object_or_404(
        ProposalItem.objects.filter(proposal__in=proposals_visible_to(user)).select_related(
            "proposal__proposer", "award_type", "person__unit", "unit"
        ),
        pk=item_id,
    )
    if not can_edit(user, item.proposal):
        raise PermissionDenied
    return item


def item_for_viewing(user, item_id: int) -> ProposalItem:
    return get_object_or_404(
        ProposalItem.objects.filter(proposal__in=proposals_visible_to(user)).select_related(
            "proposal__proposer", "proposal__board", "award_type", "person__unit", "unit"
        ),
        pk=item_id,
    )


def document_for_download(user, document_id: int) -> DossierDocument:
    """Served only to those who see the proposal (missing and hidden alike: 404)."""
    return get_object_or_404(
        DossierDocument.objects.filter(proposal__in=proposals_visible_to(user)), pk=document_id
    )


def document_for_removing(user, document_id: int) -> DossierDocument:
    document = get_object_or_404(
        DossierDocument.objects.filter(proposal__in=proposals_visible_to(user)).select_related(
            "proposal__proposer"
        ),
        pk=document_id,
    )
    if not can_edit(user, document.proposal):
        raise PermissionDenied
    return document


def can_draft(user) -> bool:
    return bool(scope_of(user).unit_ids(*PROPOSER_ROLES))


def require_drafter(user) -> None:
    if not can_draft(user):
        raise PermissionDenied


# --- lists -------------------------------------------------------------------------------------


def proposal_list(
    user,
    *,
    status: str | None = None,
    year: int | None = None,
    received: bool = False,
    cluster: int | None = None,
) -> QuerySet[Proposal]:
    """The proposals the user sees (``received``: those sent to a board the user serves)."""
    proposals = proposals_visible_to(user)
    if received:
        proposals = proposals.filter(
            board__in=Unit.objects.filter(scope_of(user).subtree_q("path", Role.BOARD_OFFICER))
        ).exclude(status=ProposalStatus.DRAFT)
    if status:
        proposals = proposals.filter(status=status)
    if year:
        proposals = proposals.filter(year=year)
    if cluster:
        proposals = proposals.filter(cluster_id=cluster)
    return (
        proposals.select_related("proposer", "board", "cluster", "decision")
        .annotate(
            item_count=Count("items", distinct=True),
            failing=Count("items", filter=~Q(items__verdict=Verdict.ELIGIBLE), distinct=True),
        )
        .order_by("-year", "-pk")
    )


def proposer_units(user) -> QuerySet[Unit]:
    """Units in which the user may draft a proposal."""
    return in_vietnamese_order(Unit.objects.filter(pk__in=scope_of(user).unit_ids(*PROPOSER_ROLES)))


def led_clusters(user) -> QuerySet[Cluster]:
    """Clusters whose leader unit the user is an officer of (the cluster proposes through it)."""
    ids = scope_of(user).unit_ids(*PROPOSER_ROLES)
    return (
        Cluster.objects.filter(leader_id__in=ids)
        .select_related("emulation_year__unit", "leader")
        .order_by("-emulation_year__year", "number", "pk")
    )


def board_of(proposer: Unit, cluster: Cluster | None) -> Unit:
    """Where a proposal goes: a cluster's organiser, else the unit directly above the proposer
    (a unit at the top of its tree proposes to its own board)."""
    if cluster is not None:
        return cluster.emulation_year.unit
    return proposer.parent if proposer.parent_id else proposer


def recipient_units(proposal: Proposal) -> QuerySet[Unit]:
    """Units that may be proposed (or whose people may be): the proposer's subtree, or for a
    cluster the subtrees of its members."""
    if proposal.cluster_id:
        paths = Unit.objects.filter(cluster_memberships__cluster=proposal.cluster_id).values_list(
            "path", flat=True
        )
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(path__startswith=path)
        return in_vietnamese_order(Unit.objects.filter(q))
    return in_vietnamese_order(Unit.objects.filter(path__startswith=proposal.proposer.path))


def may_receive(proposal: Proposal, subject: Person | Unit) -> bool:
    return recipient_units(proposal).filter(pk=s.home_unit(subject).pk).exists()


def items_of(proposal: Proposal) -> list[ProposalItem]:
    return list(
        ProposalItem.objects.filter(proposal=proposal)
        .select_related("award_type", "person__unit", "unit")
        .prefetch_related("documents")
        .order_by("award_type__position", "person", "unit__short_name", "pk")
    )


# --- eligibility -------------------------------------------------------------------------------


def verdicts_for(items: Sequence[ProposalItem], year: int) -> dict[int, tuple[str, dict | None]]:
    """item pk → (verdict, engine result): one set-wise history read per title or form asked."""
    if regime_for_year(year) is None:
        return {item.pk: (Verdict.UNKNOWN, None) for item in items}
    by_code: dict[str, list[ProposalItem]] = defaultdict(list)
    for item in items:
        by_code[item.award_type.code].append(item)
    found: dict[int, tuple[str, dict | None]] = {}
    for code, group in by_code.items():
        results = check_many([item.subject for item in group], code, year)
        for item in group:
            result = results[s.key_of(item.subject)]
            found[item.pk] = (result["verdict"], result)
    return found


def reasons(item: ProposalItem) -> list[str]:
    """Why a recipient fails, in the engine's Vietnamese words, each with its article."""
    if item.verdict == Verdict.ELIGIBLE:
        return []
    if item.verdict == Verdict.UNKNOWN or not item.result:
        return [
            _("The engine knows no legal regime for %(year)s: this recipient cannot be checked.")
            % {"year": item.year}
        ]
    lines: list[str] = []
    for route in item.result.get("routes", []):
        for condition in route.get("conditions", []):
            if not condition.get("met"):
                line = f"{condition['message']} ({condition['basis']})"
                if line not in lines:
                    lines.append(line)
    if item.verdict == Verdict.BLOCKED and not lines:
        lines.append(_("A discipline, investigation, inspection or complaint is pending."))
    return lines


# --- the same achievement proposed twice ---------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    item_id: int | None
    message: str


def _subject_q(items: Iterable) -> Q:
    people = {i.person_id for i in items if i.person_id}
    units = {i.unit_id for i in items if i.unit_id}
    return Q(person_id__in=people) | Q(unit_id__in=units)


def _key(row) -> tuple:
    return ("p", row.person_id) if row.person_id else ("u", row.unit_id)


def conflicts(
    proposal: Proposal, items: Sequence[ProposalItem], *, include_drafts: bool = False
) -> list[Conflict]:
    """The items proposed for an achievement already claimed: by another proposal (filed,
    returned or approved; drafts too with ``include_drafts``) or already awarded in the registry
    (the same title for the year; any regular-merit form for the year). Two set-wise queries."""
    if not items:
        return []
    wanted = {(_key(i), i.year, claim_key(i.award_type)): i for i in items}
    years = {i.year for i in items}
    found: list[Conflict] = []
    others = ProposalItem.objects.filter(_subject_q(items), year__in=years).exclude(
        proposal=proposal
    )
    if include_drafts:
        others = others.exclude(proposal__status=ProposalStatus.REFUSED)
    else:
        others = others.filter(proposal__status__in=CLAIMING)
    for row in others.select_related("proposal__proposer", "award_type", "person", "unit"):
        item = wanted.get((_key(row), row.year, claim_key(row.award_type)))
        if item is None:
            continue
        found.append(
            Conflict(
                item.pk,
                _(
                    "%(name)s is already proposed for %(award)s of %(year)s by %(unit)s "
                    "(proposal “%(title)s”, %(status)s): the same achievement cannot be "
                    "proposed at two levels."
                )
                % {
                    "name": s.name_of(row.subject),
                    "award": row.award_type.display_name,
                    "year": row.year,
                    "unit": row.proposal.proposer.name,
                    "title": row.proposal.title,
                    "status": row.proposal.get_status_display().lower(),
                },
            )
        )
    awarded = DecisionRecipient.objects.filter(_subject_q(items), year__in=years).filter(
        Q(award_type__kind=AwardKind.TITLE) | Q(basis=AwardBasis.MERIT)
    )
    if proposal.decision_id:
        awarded = awarded.exclude(decision_id=proposal.decision_id)
    for row in awarded.select_related("decision", "award_type", "person", "unit"):
        item = wanted.get((_key(row), row.year, claim_key(row.award_type)))
        if item is None:
            continue
        found.append(
            Conflict(
                item.pk,
                _(
                    "%(name)s already received %(award)s for %(year)s (decision %(number)s): "
                    "the same achievement cannot be awarded twice."
                )
                % {
                    "name": s.name_of(row.subject),
                    "award": row.award_type.display_name,
                    "year": row.year,
                    "number": row.decision.number,
                },
            )
        )
    return found


# --- the dossier (Law art. 84) -----------------------------------------------------------------


@dataclass
class ChecklistLine:
    kind: str
    label: str
    item: ProposalItem | None = None
    documents: list[DossierDocument] = field(default_factory=list)
    votes: list = field(default_factory=list)  # released council results standing for minutes

    @property
    def done(self) -> bool:
        return bool(self.documents or self.votes)


def vote_results(proposal: Proposal) -> list:
    """The released council results on this proposal (voting.queries.questions_for_proposal)."""
    try:
        from thidua.voting.queries import questions_for_proposal
    except ImportError:  # the voting app is not installed
        return []
    return questions_for_proposal(proposal.voting_ref)


def checklist(
    proposal: Proposal, items: Sequence[ProposalItem] | None = None, votes: list | None = None
) -> list[ChecklistLine]:
    """What the dossier needs and what it holds: the request letter; the achievement report of
    each recipient; the minutes of the assessment (titles) or of the award review (forms), for
    which a released council vote on the proposal stands; the certificate of the initiative or
    project for the three Emulation Fighter titles; the province's opinion for the Government's
    flag, the Prime Minister's certificate and the Labour Orders."""
    items = items_of(proposal) if items is None else items
    votes = vote_results(proposal) if votes is None else votes
    documents = list(proposal.documents.order_by("uploaded_at", "pk"))
    general: dict[str, list[DossierDocument]] = defaultdict(list)
    per_item: dict[tuple[str, int], list[DossierDocument]] = defaultdict(list)
    for doc in documents:
        if doc.item_id:
            per_item[(doc.kind, doc.item_id)].append(doc)
        general[doc.kind].append(doc)
    labels = {k: str(v) for k, v in DossierKind.choices}
    lines = [ChecklistLine(DossierKind.SUBMISSION, labels[DossierKind.SUBMISSION])]
    lines[0].documents = general[DossierKind.SUBMISSION]
    for item in items:
        lines.append(
            ChecklistLine(
                DossierKind.REPORT,
                _("Achievement report of %(name)s") % {"name": s.name_of(item.subject)},
                item=item,
                documents=per_item[(DossierKind.REPORT, item.pk)],
            )
        )
    kinds = {item.award_type.kind for item in items}
    for kind, minutes in (
        (AwardKind.TITLE, DossierKind.ASSESSMENT_MINUTES),
        (AwardKind.FORM, DossierKind.REVIEW_MINUTES),
    ):
        if kind in kinds:
            lines.append(
                ChecklistLine(minutes, labels[minutes], documents=general[minutes], votes=votes)
            )
    for item in items:
        if item.award_type.code in NEEDS_INITIATIVE:
            lines.append(
                ChecklistLine(
                    DossierKind.INITIATIVE,
                    _("Certificate of the initiative or project of %(name)s")
                    % {"name": s.name_of(item.subject)},
                    item=item,
                    documents=per_item[(DossierKind.INITIATIVE, item.pk)],
                )
            )
    if any(item.award_type.code in NEEDS_PROVINCE_OPINION for item in items):
        lines.append(
            ChecklistLine(
                DossierKind.PROVINCE_OPINION,
                labels[DossierKind.PROVINCE_OPINION],
                documents=general[DossierKind.PROVINCE_OPINION],
            )
        )
    return lines


def other_documents(proposal: Proposal) -> list[DossierDocument]:
    return list(proposal.documents.filter(kind=DossierKind.OTHER).order_by("uploaded_at", "pk"))


def missing_documents(lines: Sequence[ChecklistLine]) -> list[str]:
    return [line.label for line in lines if not line.done]


def summary(proposal: Proposal) -> dict[str, int]:
    """How many recipients, collectives and individuals the proposal names."""
    counts = ProposalItem.objects.filter(proposal=proposal).aggregate(
        total=Count("pk"),
        units=Count("pk", filter=Q(unit__isnull=False)),
        people=Count("pk", filter=Q(person__isnull=False)),
    )
    return counts
