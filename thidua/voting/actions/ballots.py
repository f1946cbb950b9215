"""Setting ballots up and moving them on: create, add a question, open, cancel, re-run, decide."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.clusters.models import Cluster
from thidua.core import audit, vn
from thidua.organizations.models import Unit

from .. import queries
from ..candidates import DEFAULT_TOP_N, candidates_for
from ..catalog import AWARD_NAMES, award_name
from ..models import (
    Ballot,
    BallotKind,
    BallotStatus,
    Candidate,
    Comparison,
    ElectedBy,
    Elector,
    Outcome,
    Question,
    Vote,
)
from ._common import check_times, long_text, now_or, optional_text, required_text, whole_number

BALLOT_FIELDS = (
    "kind",
    "title",
    "cluster",
    "council_unit",
    "round",
    "previous",
    "seats",
    "majority_numerator",
    "majority_denominator",
    "majority_comparison",
    "max_rounds",
    "candidate_source",
    "opens_at",
    "closes_at",
    "status",
    "is_sample",
)
QUESTION_FIELDS = ("ballot", "position", "text", "award_code", "recipient", "proposal_ref")
DEFAULT_MAJORITY_PERCENT = 50  # more than half of the member units
DEFAULT_MAX_ROUNDS = 2  # then the leader and deputy decide


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def audit_unit(ballot: Ballot) -> Unit | None:
    return ballot.council_unit if ballot.kind == BallotKind.COUNCIL else ballot.cluster.leader


def lock(ballot: Ballot) -> Ballot:
    """The ballot row, locked for the rest of the transaction: casts, closing and every change of
    state queue behind each other here (pretix-style locking around a counted resource)."""
    return (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("cluster__emulation_year", "cluster__leader", "council_unit")
        .get(pk=ballot.pk)
    )


def _transition(ballot: Ballot, *, expected: Iterable[str], **changes) -> None:
    """A conditional update of the state: fails loudly if someone moved the ballot meanwhile."""
    done = Ballot.objects.filter(pk=ballot.pk, status__in=list(expected)).update(
        version=F("version") + 1, **changes
    )
    if done != 1:
        raise ValidationError(_("The ballot was changed by someone else; reload the page."))
    ballot.refresh_from_db()


# --- creating -----------------------------------------------------------------------------------


def _leader_pick(cluster: Cluster, candidates: Iterable[Unit] | None) -> list[Unit]:
    units = list(candidates or [])
    if not units:
        raise ValidationError({"candidates": _("Choose at least one candidate among the members.")})
    ids = [u.pk for u in units]
    if len(ids) != len(set(ids)):
        raise ValidationError({"candidates": _("A candidate is listed twice.")})
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    if not set(ids) <= members:
        raise ValidationError({"candidates": _("A candidate is not a member of the cluster.")})
    return sorted(units, key=lambda u: vn.sort_key(u.name))


@transaction.atomic
def create_election(
    *,
    cluster: Cluster,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    title: str = "",
    seats: int = 1,
    candidates: Iterable[Unit] | None = None,
    top_n: int = DEFAULT_TOP_N,
    majority_percent: int = DEFAULT_MAJORITY_PERCENT,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    is_sample: bool = False,
    by,
) -> Ballot:
    """A secret ballot of the cluster's members on its leading unit(s). Candidates: the top
    ``top_n`` of the published ranking when there is one, else the leader's pick of members."""
    opens_at, closes_at = check_times(opens_at, closes_at)
    seats = whole_number(seats, "seats", 1, 20)
    majority_percent = whole_number(majority_percent, "majority_percent", 1, 99)
    max_rounds = whole_number(max_rounds, "max_rounds", 1, 5)
    pool = candidates_for(cluster, whole_number(top_n, "top_n", 1, 50))
    if pool.ranked:
        units = list(pool.units)
        if candidates is not None and {u.pk for u in candidates} != {u.pk for u in units}:
            raise ValidationError(
                {"candidates": _("The candidates come from the published ranking.")}
            )
    else:
        units = _leader_pick(cluster, candidates)
    if len(units) < seats:
        raise ValidationError(
            {
                "seats": _("There are fewer candidates (%(n)s) than units to elect.")
                % {"n": len(units)}
            }
        )
    year = cluster.emulation_year.year
    title = optional_text(title, "title") or _(
        "Election of the leading unit of %(cluster)s in %(year)s"
    ) % {"cluster": cluster.name, "year": year}
    ballot = Ballot.objects.create(
        kind=BallotKind.ELECTION,
        title=title,
        cluster=cluster,
        seats=seats,
        majority_numerator=majority_percent,
        majority_denominator=100,
        majority_comparison=Comparison.MORE_THAN,
        max_rounds=max_rounds,
        candidate_source=pool.source,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=_user(by),
        is_sample=is_sample,
    )
    Question.objects.create(
        ballot=ballot,
        position=1,
        text=_("Which unit leads %(cluster)s in %(year)s?")
        % {"cluster": cluster.name, "year": year},
    )
    Candidate.objects.bulk_create(
        Candidate(ballot=ballot, unit=unit, position=i, published_rank=pool.ranks.get(unit.pk))
        for i, unit in enumerate(units, start=1)
    )
    audit.record(
        actor=by,
        action="voting.ballot.created",
        obj=ballot,
        after={**audit.snapshot(ballot, BALLOT_FIELDS), "candidates": [u.pk for u in units]},
        unit=cluster.leader,
    )
    return ballot


def _clean_question(ballot: Ballot, award_code: str, recipient: str, text: str, ref: str):
    if award_code not in AWARD_NAMES:
        raise ValidationError({"award_code": _("Choose an award of the catalogue.")})
    recipient = required_text(recipient, "recipient")
    ref = optional_text(ref, "proposal_ref", 100)
    text = optional_text(text, "text", 500) or _("Proposal of %(award)s for %(recipient)s") % {
        "award": award_name(award_code),
        "recipient": recipient,
    }
    if ballot.questions.filter(award_code=award_code, recipient=recipient).exists():
        raise ValidationError(_("This proposal is already on the ballot."))
    return award_code, recipient, text, ref


@transaction.atomic
def create_council_ballot(
    *,
    council_unit: Unit,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    questions: Iterable[Mapping] = (),
    is_sample: bool = False,
    by,
) -> Ballot:
    """A secret ballot of the council of ``council_unit`` on award proposals. ``questions``:
    mappings of award_code, recipient and optionally text and proposal_ref."""
    opens_at, closes_at = check_times(opens_at, closes_at)
    ballot = Ballot.objects.create(
        kind=BallotKind.COUNCIL,
        title=required_text(title, "title"),
        council_unit=council_unit,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=_user(by),
        is_sample=is_sample,
    )
    for spec in questions:
        _insert_question(ballot, spec)
    audit.record(
        actor=by,
        action="voting.ballot.created",
        obj=ballot,
        after={
            **audit.snapshot(ballot, BALLOT_FIELDS),
            "questions": list(ballot.questions.values_list("award_code", "recipient")),
        },
        unit=council_unit,
    )
    return ballot


def _insert_question(ballot: Ballot, spec: Mapping) -> Question:
    code, recipient, text, ref = _clean_question(
        ballot,
        spec.get("award_code", ""),
        spec.get("recipient", ""),
        spec.get("text", ""),
        spec.get("proposal_ref", ""),
    )
    last = ballot.questions.aggregate(last=Max("position"))["last"] or 0
    return Question.objects.create(
        ballot=ballot,
        position=last + 1,
        text=text,
        award_code=code,
        recipient=recipient,
        proposal_ref=ref,
    )


@transaction.atomic
def add_question(
    *,
    ballot: Ballot,
    award_code: str,
    recipient: str,
    text: str = "",
    proposal_ref: str = "",
    by,
) -> Question:
    """One proposal on a draft council ballot (the awards app passes its ``proposal_ref``)."""
    locked = lock(ballot)
    if locked.kind != BallotKind.COUNCIL:
        raise ValidationError(_("Proposals are voted on by a council ballot."))
    if locked.status != BallotStatus.DRAFT:
        raise ValidationError(_("Questions can be added only before the ballot opens."))
    question = _insert_question(
        locked,
        {
            "award_code": award_code,
            "recipient": recipient,
            "text": text,
            "proposal_ref": proposal_ref,
        },
    )
    audit.record(
        actor=by,
        action="voting.question.added",
        obj=question,
        after=audit.snapshot(question, QUESTION_FIELDS),
        unit=locked.council_unit,
    )
    return question


# --- opening: the electorate and the rules are frozen ----------------------------------------


def _freeze_electorate(ballot: Ballot) -> int:
    if ballot.kind == BallotKind.ELECTION:
        electors = [
            Elector(ballot=ballot, unit=unit, name=unit.name)
            for unit in Unit.objects.filter(cluster_memberships__cluster=ballot.cluster)
        ]
    else:
        members = get_user_model().objects.filter(
            is_active=True,
            role_assignments__unit=ballot.council_unit,
            role_assignments__role=Role.COUNCIL_MEMBER,
        )
        electors = [
            Elector(ballot=ballot, user=user, name=user.full_name or user.get_username())
            for user in members.distinct()
        ]
    if not electors:
        raise ValidationError(
            _("Nobody can vote: the cluster has no member units.")
            if ballot.kind == BallotKind.ELECTION
            else _("Nobody can vote: no one holds the council member role in this unit.")
        )
    Elector.objects.bulk_create(electors)
    return len(electors)


def _freeze_rules(ballot: Ballot, on: datetime.date) -> dict:
    """Copy the threshold of every question and the quorum in force on ``on`` into the ballot,
    so later changes of the configuration never alter it."""
    questions = list(ballot.questions.order_by("position"))
    if not questions:
        raise ValidationError(_("Add at least one proposal before opening the ballot."))
    missing = []
    for question in questions:
        rule = queries.threshold_for(
            award_code=question.award_code, council_unit=ballot.council_unit, on=on
        )
        if rule is None:
            missing.append(award_name(question.award_code))
            continue
        question.regime = rule.regime
        question.threshold_numerator = rule.numerator
        question.threshold_denominator = rule.denominator
        question.threshold_comparison = rule.comparison
        question.threshold_of_all_members = rule.of_all_members
        question.threshold_basis = rule.article
    if missing:
        raise ValidationError(
            _(
                "No approval threshold is configured for %(awards)s on %(date)s; ask the board to "
                "configure one."
            )
            % {"awards": ", ".join(missing), "date": vn.format_short_date(on)}
        )
    Question.objects.bulk_update(
        questions,
        [
            "regime",
            "threshold_numerator",
            "threshold_denominator",
            "threshold_comparison",
            "threshold_of_all_members",
            "threshold_basis",
        ],
    )
    quorum = queries.quorum_for(council_unit=ballot.council_unit, on=on)
    if quorum is None:
        raise ValidationError(
            _("No quorum rule is configured on %(date)s; ask the board to configure one.")
            % {"date": vn.format_short_date(on)}
        )
    return {
        "quorum_numerator": quorum.numerator,
        "quorum_denominator": quorum.denominator,
        "quorum_comparison": quorum.comparison,
        "quorum_basis": quorum.article,
    }


@transaction.atomic
def open_ballot(*, ballot: Ballot, by, now: datetime.datetime | None = None) -> Ballot:
    """Open a draft: count the electorate and freeze it, with the thresholds and the quorum."""
    now = now_or(now)
    locked = lock(ballot)
    if locked.status != BallotStatus.DRAFT:
        raise ValidationError(_("Only a draft ballot can be opened."))
    if locked.closes_at <= now:
        raise ValidationError(
            _("The closing time has passed; cancel this draft and set the ballot up again.")
        )
    rules = {}
    if locked.kind == BallotKind.COUNCIL:
        rules = _freeze_rules(locked, timezone.localdate(max(now, locked.opens_at)))
    size = _freeze_electorate(locked)
    if locked.kind == BallotKind.ELECTION:
        unit_share = Unit.objects.filter(pk=OuterRef("unit_id")).values("women_share")[:1]
        locked.candidates.update(women_share=Subquery(unit_share))
    _transition(
        locked,
        expected=[BallotStatus.DRAFT],
        status=BallotStatus.OPEN,
        opened_at=now,
        electorate_size=size,
        **rules,
    )
    audit.record(
        actor=by,
        action="voting.ballot.opened",
        obj=locked,
        before={"status": BallotStatus.DRAFT},
        after={"status": locked.status, "electorate": size, **rules},
        unit=audit_unit(locked),
    )
    return locked


# --- corrections --------------------------------------------------------------------------------


@transaction.atomic
def cancel_ballot(
    *, ballot: Ballot, reason: str, by, now: datetime.datetime | None = None
) -> Ballot:
    """Cancel a ballot set up or opened by mistake, before it closes. Its votes are void: they
    are deleted unread (the turnout stays, as the record of who had voted)."""
    locked = lock(ballot)
    if locked.status not in (BallotStatus.DRAFT, BallotStatus.OPEN):
        raise ValidationError(
            _("Only a ballot that has not closed can be cancelled; re-run it as a new round.")
        )
    reason = long_text(reason, "reason", required=True)
    discarded, _detail = Vote.objects.filter(ballot=locked).delete()
    before = locked.status
    _transition(
        locked,
        expected=[BallotStatus.DRAFT, BallotStatus.OPEN],
        status=BallotStatus.CANCELLED,
        cancelled_at=now_or(now),
        cancel_reason=reason,
    )
    audit.record(
        actor=by,
        action="voting.ballot.cancelled",
        obj=locked,
        before={"status": before},
        after={
            "status": locked.status,
            "turnout": queries.turnout_count(locked),
            "votes_discarded": discarded,
        },
        reason=reason,
        unit=audit_unit(locked),
    )
    return locked


def tied_candidates(ballot: Ballot) -> list[Candidate]:
    """The candidates still in contention for the unfilled seats of a counted election."""
    from .counting import election_result

    result = election_result(ballot)
    pending = ballot.candidates.filter(elected=False).select_related("unit").order_by("position")
    if result.outcome == Outcome.TIE:
        pending = pending.filter(pk__in=result.tied)
    return list(pending)


@transaction.atomic
def start_next_round(
    *,
    ballot: Ballot,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    by,
) -> Ballot:
    """Re-run a released ballot as a new round (a draft): an election for its unfilled seats
    among the candidates still in contention, a council ballot on the proposals not approved."""
    previous = lock(ballot)
    opens_at, closes_at = check_times(opens_at, closes_at)
    if previous.status != BallotStatus.RELEASED:
        raise ValidationError(_("Release the result of this round before starting the next one."))
    if previous.kind == BallotKind.ELECTION:
        if previous.outcome not in (Outcome.NO_MAJORITY, Outcome.TIE):
            raise ValidationError(_("This election is settled; no new round is needed."))
        if previous.round >= previous.max_rounds:
            raise ValidationError(
                _("This was the last round (%(n)s); the leader and deputy decide.")
                % {"n": previous.max_rounds}
            )
        candidates = tied_candidates(previous)
        seats = queries.unfilled_seats(previous)
        questions = list(previous.questions.order_by("position"))
    else:
        candidates, seats = [], 1
        questions = list(previous.questions.exclude(approved=True).order_by("position"))
        if not questions:
            raise ValidationError(_("Every proposal was approved; there is nothing to re-run."))
    fields = {
        f: getattr(previous, f)
        for f in (
            "kind",
            "title",
            "cluster",
            "council_unit",
            "majority_numerator",
            "majority_denominator",
            "majority_comparison",
            "max_rounds",
            "candidate_source",
            "is_sample",
        )
    }
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                **fields,
                round=previous.round + 1,
                previous=previous,
                seats=seats,
                opens_at=opens_at,
                closes_at=closes_at,
                created_by=_user(by),
            )
    except IntegrityError as exc:
        raise ValidationError(_("The next round has already been set up.")) from exc
    Question.objects.bulk_create(
        Question(
            ballot=ballot,
            position=i,
            text=q.text,
            award_code=q.award_code,
            recipient=q.recipient,
            proposal_ref=q.proposal_ref,
        )
        for i, q in enumerate(questions, start=1)
    )
    Candidate.objects.bulk_create(
        Candidate(ballot=ballot, unit_id=c.unit_id, position=i, published_rank=c.published_rank)
        for i, c in enumerate(candidates, start=1)
    )
    audit.record(
        actor=by,
        action="voting.ballot.next_round_started",
        obj=ballot,
        before={"previous": previous.pk, "outcome": previous.outcome},
        after={
            **audit.snapshot(ballot, BALLOT_FIELDS),
            "candidates": [c.unit_id for c in candidates],
        },
        unit=audit_unit(ballot),
    )
    return ballot


@transaction.atomic
def decide_by_leaders(
    *,
    ballot: Ballot,
    units: Iterable[Unit],
    reason: str,
    by,
    now: datetime.datetime | None = None,
) -> Ballot:
    """After the last round without a result, the leader and deputy decide the unfilled seats;
    the ballot records it as their decision, with the reason."""
    locked = lock(ballot)
    if locked.kind != BallotKind.ELECTION:
        raise ValidationError(_("Only an election is decided by the leader and deputy."))
    if locked.status != BallotStatus.RELEASED or locked.outcome not in (
        Outcome.NO_MAJORITY,
        Outcome.TIE,
    ):
        raise ValidationError(_("There is nothing to decide: the vote has settled this round."))
    if locked.round < locked.max_rounds:
        raise ValidationError(
            _("Round %(round)s of %(max)s: hold the next round before the leaders decide.")
            % {"round": locked.round, "max": locked.max_rounds}
        )
    reason = long_text(reason, "reason", required=True)
    units = list(units)
    seats = queries.unfilled_seats(locked)
    if len({u.pk for u in units}) != seats:
        raise ValidationError(
            {"units": _("Choose exactly %(n)s unit(s) for the unfilled seats.") % {"n": seats}}
        )
    pending = locked.candidates.filter(elected=False, unit__in=units)
    if pending.count() != seats:
        raise ValidationError({"units": _("Choose among the candidates not elected.")})
    before = locked.outcome
    pending.update(elected=True, elected_by=ElectedBy.LEADERS)
    done = Ballot.objects.filter(
        pk=locked.pk, outcome__in=[Outcome.NO_MAJORITY, Outcome.TIE]
    ).update(
        outcome=Outcome.DECIDED,
        decision_reason=reason,
        decided_by=_user(by),
        decided_at=now_or(now),
        version=F("version") + 1,
    )
    if done != 1:
        raise ValidationError(_("The ballot was changed by someone else; reload the page."))
    locked.refresh_from_db()
    audit.record(
        actor=by,
        action="voting.ballot.decided_by_leaders",
        obj=locked,
        before={"outcome": before},
        after={"outcome": locked.outcome, "units": sorted(u.pk for u in units)},
        reason=reason,
        unit=audit_unit(locked),
    )
    return locked
