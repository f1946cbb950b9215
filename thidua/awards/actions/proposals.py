"""Award proposals: drafting, the dossier, filing, and the board's answer. Atomic, validated,
audited (``awards.proposal.*``, ``awards.proposal_item.*``, ``awards.dossier_document.*``).

Every change to the recipients re-runs the eligibility engine on each of them; a proposal is
filed only when every recipient is eligible, the dossier of Law art. 84 is complete and no
recipient is proposed for the same achievement elsewhere (claims, enforced by the database).
State changes are conditional updates on ``status`` and ``version``.
"""

from __future__ import annotations

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster
from thidua.core import audit, vn
from thidua.core.errors import StaleEditError
from thidua.core.uploads import check_upload
from thidua.organizations.models import Person, Unit

from .. import subjects as s
from ..models import (
    AwardType,
    DossierDocument,
    DossierKind,
    Proposal,
    ProposalItem,
    ProposalStatus,
    Verdict,
)
from ..models.proposals import EDITABLE
from ..queries import proposals as q
from ._common import check_version, choice, long_text, past_year, text
from .decisions import add_recipient, create_decision

PROPOSAL_FIELDS = (
    "proposer",
    "cluster",
    "board",
    "year",
    "title",
    "number",
    "status",
    "return_reason",
    "refusal_reason",
    "decision",
    "version",
)
ITEM_FIELDS = ("proposal", "person", "unit", "award_type", "year", "achievements", "verdict")
DOCUMENT_FIELDS = ("proposal", "item", "kind", "name", "content_type", "size", "file")


def _snapshot(proposal: Proposal) -> dict:
    return audit.snapshot(proposal, PROPOSAL_FIELDS)


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("proposer", "board", "cluster")
        .get(pk=proposal.pk)
    )


def _require_editable(locked: Proposal) -> None:
    if locked.status not in EDITABLE:
        raise ValidationError(
            _("This proposal is %(status)s: only a draft or a returned proposal can be changed.")
            % {"status": locked.get_status_display().lower()}
        )


def _bump(locked: Proposal, **changes) -> Proposal:
    """A conditional update: the row must still have the version we read under the lock."""
    updated = Proposal.objects.filter(pk=locked.pk, version=locked.version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:  # pragma: no cover - the row is locked; kept as a guard
        raise StaleEditError(current=locked)
    locked.refresh_from_db()
    return locked


def default_title(year: int) -> str:
    return _("Proposal of awards for the achievements of %(year)s") % {"year": year}


@transaction.atomic
def create_proposal(
    *,
    proposer: Unit,
    year: int,
    cluster: Cluster | None = None,
    title: str = "",
    number: str = "",
    is_sample: bool = False,
    by,
) -> Proposal:
    """A draft proposal of ``proposer`` (for a cluster: its leader unit) to the board above."""
    year = past_year(year)
    if cluster is not None and cluster.leader_id != proposer.pk:
        raise ValidationError(
            {
                "cluster": _("A cluster proposes through its leader unit, %(unit)s.")
                % {"unit": cluster.leader.name if cluster.leader_id else "—"}
            }
        )
    title = text(title, "title", max_length=500) or default_title(year)
    proposal = Proposal.objects.create(
        proposer=proposer,
        cluster=cluster,
        board=q.board_of(proposer, cluster),
        year=year,
        title=title,
        number=text(number, "number", max_length=60),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    audit.record(
        actor=by,
        action="awards.proposal.created",
        obj=proposal,
        after=_snapshot(proposal),
        unit=proposer,
    )
    return proposal


@transaction.atomic
def update_proposal(
    *, proposal: Proposal, version: int, by, title: str, number: str = ""
) -> Proposal:
    locked = _lock(proposal)
    check_version(locked, version)
    _require_editable(locked)
    before = _snapshot(locked)
    locked = _bump(
        locked,
        title=text(title, "title", required=True, max_length=500),
        number=text(number, "number", max_length=60),
    )
    audit.record(
        actor=by,
        action="awards.proposal.updated",
        obj=locked,
        before=before,
        after=_snapshot(locked),
        unit=locked.proposer,
    )
    return locked


def _recheck(locked: Proposal) -> list[ProposalItem]:
    """Run the engine on every recipient and store the verdicts (one bulk update)."""
    items = q.items_of(locked)
    found = q.verdicts_for(items, locked.year)
    now = timezone.now()
    for item in items:
        item.verdict, item.result = found[item.pk]
        item.checked_at = now
    ProposalItem.objects.bulk_update(items, ["verdict", "result", "checked_at"])
    return items


def _check_item(locked: Proposal, subject, award_type: AwardType) -> None:
    kind = s.kind_of(subject)
    if not award_type.applies_to(kind):
        message = (
            _("%(award)s is not awarded to individuals.")
            if kind == s.INDIVIDUAL
            else _("%(award)s is not awarded to collectives.")
        )
        raise ValidationError({"award_type": message % {"award": award_type.display_name}})
    if not q.may_receive(locked, subject):
        raise ValidationError(
            _("%(name)s is outside the units this proposal may name.")
            % {"name": s.name_of(subject)}
        )
    key = q.claim_key(award_type)
    for other in ProposalItem.objects.filter(s.q_of(subject), proposal=locked).select_related(
        "award_type"
    ):
        if other.award_type_id == award_type.pk or q.claim_key(other.award_type) == key:
            raise ValidationError(
                _(
                    "%(name)s is already proposed for %(award)s in this proposal: one "
                    "achievement, one award."
                )
                % {"name": s.name_of(subject), "award": other.award_type.display_name}
            )
    probe = ProposalItem(
        proposal=locked, award_type=award_type, year=locked.year, **s.fields_of(subject)
    )
    probe.pk = None
    found = q.conflicts(locked, [probe])
    if found:
        raise ValidationError(found[0].message)


@transaction.atomic
def add_item(
    *,
    proposal: Proposal,
    subject: Person | Unit,
    award_type: AwardType,
    achievements: str = "",
    by,
) -> ProposalItem:
    """Name a recipient and the title or form asked for; every recipient is checked again."""
    locked = _lock(proposal)
    _require_editable(locked)
    _check_item(locked, subject, award_type)
    item = ProposalItem.objects.create(
        proposal=locked,
        award_type=award_type,
        year=locked.year,
        achievements=long_text(achievements),
        **s.fields_of(subject),
    )
    _recheck(locked)
    _bump(locked)
    item.refresh_from_db()
    audit.record(
        actor=by,
        action="awards.proposal_item.added",
        obj=item,
        after={**audit.snapshot(item, ITEM_FIELDS), "reasons": q.reasons(item)},
        unit=locked.proposer,
    )
    return item


@transaction.atomic
def update_item(*, item: ProposalItem, achievements: str, by) -> ProposalItem:
    locked = _lock(item.proposal)
    _require_editable(locked)
    row = ProposalItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(row, ITEM_FIELDS)
    row.achievements = long_text(achievements)
    row.save(update_fields=["achievements"])
    _bump(locked)
    audit.record(
        actor=by,
        action="awards.proposal_item.updated",
        obj=row,
        before=before,
        after=audit.snapshot(row, ITEM_FIELDS),
        unit=locked.proposer,
    )
    return row


@transaction.atomic
def remove_item(*, item: ProposalItem, by) -> None:
    locked = _lock(item.proposal)
    _require_editable(locked)
    row = ProposalItem.objects.select_for_update().get(pk=item.pk)
    audit.record(
        actor=by,
        action="awards.proposal_item.removed",
        obj=row,
        before=audit.snapshot(row, ITEM_FIELDS),
        unit=locked.proposer,
    )
    stored = [(d.file.storage, d.file.name) for d in row.documents.all()]
    row.delete()
    _recheck(locked)
    _bump(locked)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


@transaction.atomic
def check_proposal(*, proposal: Proposal, by) -> list[ProposalItem]:
    """Run the engine again (the registry may have changed since the last check)."""
    locked = _lock(proposal)
    items = _recheck(locked)
    audit.record(
        actor=by,
        action="awards.proposal.checked",
        obj=locked,
        after={"verdicts": {str(i.pk): i.verdict for i in items}},
        unit=locked.proposer,
    )
    return items


# --- the dossier -------------------------------------------------------------------------------


@transaction.atomic
def add_document(
    *,
    proposal: Proposal,
    kind: str,
    upload,
    item: ProposalItem | None = None,
    is_sample: bool = False,
    by,
) -> DossierDocument:
    """Attach a file: type sniffed from its content, size limited, stored outside the web root
    under a random name, served only through an access-checked view."""
    locked = _lock(proposal)
    _require_editable(locked)
    choice(kind, DossierKind, "kind")
    if item is not None and item.proposal_id != locked.pk:
        raise ValidationError({"item": _("This recipient is not in the proposal.")})
    if kind in (DossierKind.REPORT, DossierKind.INITIATIVE) and item is None:
        raise ValidationError({"item": _("Choose the recipient this document is about.")})
    content_type = check_upload(upload)
    name = vn.clean_text(os.path.basename(upload.name or ""))[:255] or "ho-so"
    document = DossierDocument(
        proposal=locked,
        item=item,
        kind=kind,
        name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    document.file.save(name, upload, save=False)
    stored = document.file.name
    try:
        document.save()
    except Exception:
        document.file.storage.delete(stored)
        raise
    audit.record(
        actor=by,
        action="awards.dossier_document.added",
        obj=document,
        after=audit.snapshot(document, DOCUMENT_FIELDS),
        unit=locked.proposer,
    )
    return document


@transaction.atomic
def remove_document(*, document: DossierDocument, by) -> None:
    locked = _lock(document.proposal)
    _require_editable(locked)
    storage, stored = document.file.storage, document.file.name
    audit.record(
        actor=by,
        action="awards.dossier_document.removed",
        obj=document,
        before=audit.snapshot(document, DOCUMENT_FIELDS),
        unit=locked.proposer,
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- filing and the board's answer -------------------------------------------------------------


def _failing(items: list[ProposalItem]) -> list[str]:
    lines = []
    for item in items:
        if item.verdict != Verdict.ELIGIBLE:
            why = "; ".join(q.reasons(item))
            lines.append(
                _("%(name)s (%(award)s): %(why)s")
                % {
                    "name": s.name_of(item.subject),
                    "award": item.award_type.display_name,
                    "why": why,
                }
            )
    return lines


def _claim(locked: Proposal, items: list[ProposalItem]) -> None:
    """Hold the claims of every item; a claim held elsewhere is the same achievement proposed
    at two levels (the database refuses it even when two proposals are filed at once)."""
    found = q.conflicts(locked, items)
    if found:
        raise ValidationError([c.message for c in found])
    try:
        with transaction.atomic():
            for item in items:
                item.claim = q.claim_key(item.award_type)
            ProposalItem.objects.bulk_update(items, ["claim"])
    except IntegrityError:
        found = q.conflicts(locked, items)
        raise ValidationError(
            [c.message for c in found]
            or [_("A recipient was just proposed for the same achievement elsewhere.")]
        ) from None


@transaction.atomic
def file_proposal(*, proposal: Proposal, version: int, by) -> Proposal:
    """Send the proposal to the board: every recipient eligible, the dossier complete, no
    achievement proposed twice."""
    locked = _lock(proposal)
    check_version(locked, version)
    _require_editable(locked)
    items = _recheck(locked)
    if not items:
        raise ValidationError(_("Name at least one recipient before filing."))
    failing = _failing(items)
    if failing:
        raise ValidationError(
            [_("The proposal cannot be filed while a recipient is not eligible:"), *failing]
        )
    missing = q.missing_documents(q.checklist(locked, items))
    if missing:
        raise ValidationError(
            _("The dossier is incomplete (Law art. 84). Missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    before = _snapshot(locked)
    # A returned proposal still holds its claims; recipients added since are claimed now.
    _claim(locked, items)
    locked = _bump(
        locked,
        status=ProposalStatus.FILED,
        filed_at=timezone.now(),
        filed_by=by if getattr(by, "is_authenticated", False) else None,
        return_reason="",
    )
    audit.record(
        actor=by,
        action="awards.proposal.filed",
        obj=locked,
        before=before,
        after=_snapshot(locked),
        unit=locked.proposer,
    )
    return locked


def _require_filed(locked: Proposal) -> None:
    if locked.status != ProposalStatus.FILED:
        raise ValidationError(
            _("Only a filed proposal can be answered; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )


def _reason(value: str, field: str) -> str:
    reason = long_text(value)
    if not reason:
        raise ValidationError({field: _("Give the reason.")})
    return reason


def _answer_filed(proposal, version, reason, by, status, reason_field, verb) -> Proposal:
    """Return or refuse a filed proposal with a reason; a refusal frees its recipients' claims
    so they may be proposed again elsewhere."""
    locked = _lock(proposal)
    check_version(locked, version)
    _require_filed(locked)
    reason = _reason(reason, "reason")
    before = _snapshot(locked)
    if status == ProposalStatus.REFUSED:
        ProposalItem.objects.filter(proposal=locked).update(claim="")
    locked = _bump(
        locked,
        status=status,
        decided_at=timezone.now(),
        decided_by=by if getattr(by, "is_authenticated", False) else None,
        **{reason_field: reason},
    )
    audit.record(
        actor=by,
        action=f"awards.proposal.{verb}",
        obj=locked,
        before=before,
        after=_snapshot(locked),
        reason=reason,
        unit=locked.board,
    )
    return locked


@transaction.atomic
def return_proposal(*, proposal: Proposal, version: int, reason: str, by) -> Proposal:
    """Send a filed proposal back to its proposer with a reason (it keeps its claims)."""
    return _answer_filed(
        proposal, version, reason, by, ProposalStatus.RETURNED, "return_reason", "returned"
    )


@transaction.atomic
def refuse_proposal(*, proposal: Proposal, version: int, reason: str, by) -> Proposal:
    """Refuse a filed proposal; its recipients may be proposed again elsewhere."""
    return _answer_filed(
        proposal, version, reason, by, ProposalStatus.REFUSED, "refusal_reason", "refused"
    )


@transaction.atomic
def approve_proposal(
    *,
    proposal: Proposal,
    version: int,
    number: str,
    signed_on: datetime.date,
    issuer_name: str = "",
    signer_name: str = "",
    signer_position: str = "",
    by,
) -> Proposal:
    """Approve a filed proposal: its recipients become a Decision of the registry, recorded by
    the receiving board. A recipient no longer eligible (a complaint opened since filing …)
    stops the approval: return the proposal instead."""
    locked = _lock(proposal)
    check_version(locked, version)
    _require_filed(locked)
    items = _recheck(locked)
    failing = _failing(items)
    if failing:
        raise ValidationError(
            [_("A recipient is no longer eligible; return the proposal instead:"), *failing]
        )
    before = _snapshot(locked)
    decision = create_decision(
        recorded_in=locked.board,
        number=number,
        signed_on=signed_on,
        issuer=locked.board,
        issuer_name=issuer_name,
        signer_name=signer_name,
        signer_position=signer_position,
        note=_("From proposal “%(title)s” of %(unit)s.")
        % {"title": locked.title, "unit": locked.proposer.name},
        is_sample=locked.is_sample,
        by=by,
    )
    if decision.signed_on.year < locked.year:
        raise ValidationError(
            {"signed_on": _("The decision cannot be signed before the evaluation year ends.")}
        )
    for item in items:
        add_recipient(
            decision=decision,
            subject=item.subject,
            award_type=item.award_type,
            year=item.year,
            by=by,
        )
    locked = _bump(
        locked,
        status=ProposalStatus.APPROVED,
        decision=decision,
        decided_at=timezone.now(),
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        actor=by,
        action="awards.proposal.approved",
        obj=locked,
        before=before,
        after=_snapshot(locked),
        unit=locked.board,
    )
    return locked
