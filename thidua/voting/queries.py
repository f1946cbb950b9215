"""Reads of ballots, always from what the user may see; results only once released.

Public for other apps:
- ``questions_for_proposal(proposal_ref)``: the released council results of an award proposal
  (the awards app's hook, with ``papers.minutes_for(ballot)`` for the dossier).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.models import Cluster
from thidua.clusters.queries import clusters_visible_to
from thidua.core.db import vi
from thidua.organizations.models import Unit

from . import receipts, rules
from .catalog import award_name
from .models import (
    ApprovalThreshold,
    Ballot,
    BallotKind,
    BallotStatus,
    Candidate,
    Choice,
    Elector,
    Outcome,
    Question,
    QuorumRule,
    TallyRow,
    Turnout,
    TurnoutMethod,
    Vote,
)

# --- visibility ---------------------------------------------------------------------------------


def ballots_visible_to(user) -> QuerySet[Ballot]:
    """Elections of the clusters the user sees; council ballots of units within their reach."""
    scope = scope_of(user)
    if scope.is_empty:
        return Ballot.objects.none()
    reach = Unit.objects.filter(scope.subtree_q("path"))
    return Ballot.objects.filter(
        Q(cluster__in=clusters_visible_to(user)) | Q(council_unit__in=reach)
    )


def ballot_list(user, *, status: str | None = None) -> QuerySet[Ballot]:
    ballots = (
        ballots_visible_to(user)
        .select_related("cluster__emulation_year", "council_unit")
        .annotate(voted=Count("turnouts", distinct=True))
    )
    if status:
        ballots = ballots.filter(status=status)
    return ballots.order_by("-opens_at", "-pk")


def clusters_led_by(user) -> QuerySet[Cluster]:
    """Clusters whose leader or deputy unit the user is an officer of (they run elections)."""
    units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
    if not units:
        return Cluster.objects.none()
    return (
        Cluster.objects.filter(Q(leader_id__in=units) | Q(deputy_id__in=units))
        .select_related("emulation_year")
        .order_by("-emulation_year__year", "pk")
    )


# --- the configured rules -----------------------------------------------------------------------


def province_of(unit: Unit) -> int:
    """The id of the top unit of ``unit``'s tree (its province or centrally-run city)."""
    first = unit.path.strip("/").split("/")[0]
    return int(first) if first else unit.pk


def _in_force(rows: QuerySet, *, council_unit: Unit, on: datetime.date) -> QuerySet:
    """Rules in force on ``on`` for the council's province and level, most specific first: a
    province's own rule before the default, a level's own rule before "any level"."""
    return (
        rows.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .filter(Q(province__isnull=True) | Q(province_id=province_of(council_unit)))
        .filter(council_level__in=["", council_unit.kind])
        .order_by("province_id", "-council_level", "-valid_from", "-pk")
    )


def threshold_for(*, award_code: str, council_unit: Unit, on: datetime.date):
    """The approval threshold of ``award_code`` for the council of ``council_unit`` on a day."""
    rows = _in_force(
        ApprovalThreshold.objects.filter(award_code=award_code), council_unit=council_unit, on=on
    )
    # PostgreSQL sorts NULL last and SQLite first: choose the province's own row explicitly.
    return rows.filter(province__isnull=False).first() or rows.first()


def quorum_for(*, council_unit: Unit, on: datetime.date):
    rows = _in_force(QuorumRule.objects.all(), council_unit=council_unit, on=on)
    return rows.filter(province__isnull=False).first() or rows.first()


def thresholds_in_force(on: datetime.date) -> QuerySet[ApprovalThreshold]:
    return (
        ApprovalThreshold.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("province")
        .order_by("award_code", "province_id", "pk")
    )


def all_thresholds() -> QuerySet[ApprovalThreshold]:
    return ApprovalThreshold.objects.select_related("province").order_by(
        "-valid_from", "award_code", "province_id", "pk"
    )


def quorum_rules() -> QuerySet[QuorumRule]:
    return QuorumRule.objects.select_related("province").order_by("-valid_from", "pk")


# --- electorate and turnout ---------------------------------------------------------------------


def electorate_status(ballot: Ballot) -> QuerySet[Elector]:
    """The frozen electorate in Vietnamese order, each with whether (and how) it voted."""
    turnouts = Turnout.objects.filter(ballot=ballot, elector=OuterRef("pk"))
    return (
        ballot.electors.annotate(
            voted=Exists(turnouts),
            wrote=Exists(turnouts.filter(method=TurnoutMethod.WRITTEN)),
        )
        .select_related("unit", "user")
        .order_by(vi("name"), "pk")
    )


def electors_for(user, ballot: Ballot) -> QuerySet[Elector]:
    """The electors ``user`` casts for: the member units they are an officer of (elections),
    or themselves (council ballots)."""
    if not getattr(user, "is_authenticated", False):
        return Elector.objects.none()
    if ballot.is_election:
        units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
        return ballot.electors.filter(unit_id__in=units).order_by(vi("name"), "pk")
    return ballot.electors.filter(user=user)


def may_vote(user, ballot: Ballot) -> bool:
    """In the frozen electorate once open; before that, whoever would be counted at opening."""
    if ballot.status != BallotStatus.DRAFT:
        return electors_for(user, ballot).exists()
    scope = scope_of(user)
    if ballot.is_election:
        units = scope.unit_ids(Role.UNIT_OFFICER)
        return ballot.cluster.memberships.filter(unit_id__in=units).exists()
    return scope.holds_in(ballot.council_unit, Role.COUNCIL_MEMBER)


def electors_yet_to_vote(user, ballot: Ballot) -> QuerySet[Elector]:
    turnouts = Turnout.objects.filter(ballot=ballot, elector=OuterRef("pk"))
    return electors_for(user, ballot).exclude(Exists(turnouts))


def absent_members(ballot: Ballot) -> QuerySet[Elector]:
    """Council members who have not voted: those the organiser may record a written opinion for."""
    turnouts = Turnout.objects.filter(ballot=ballot, elector=OuterRef("pk"))
    return ballot.electors.exclude(Exists(turnouts)).order_by(vi("name"), "pk")


def turnout_count(ballot: Ballot) -> int:
    return Turnout.objects.filter(ballot=ballot).count()


def receipt_counted(ballot: Ballot, code: str) -> bool:
    """Whether a receipt code's votes are among the ballot's recorded votes. Answers yes or no
    only; which question, candidate or choice the rows hold is never read."""
    if not receipts.is_well_formed(code):
        return False
    questions = list(ballot.questions.values_list("pk", flat=True))
    hashes = [
        receipts.receipt_hash(code, question_id, slot)
        for question_id in questions
        for slot in range(max(ballot.seats, 1) if ballot.is_election else 1)
    ]
    return Vote.objects.filter(ballot=ballot, receipt_hash__in=hashes).exists()


# --- results (only once released) ---------------------------------------------------------------


@dataclass(frozen=True)
class CandidateLine:
    candidate: Candidate
    votes: int
    elected: bool
    elected_by: str

    @property
    def unit(self) -> Unit:
        return self.candidate.unit


@dataclass(frozen=True)
class QuestionLine:
    question: Question
    result: rules.QuestionResult
    threshold: str  # "ít nhất 90% tổng số thành viên Hội đồng"
    basis: str

    @property
    def award(self) -> str:
        return award_name(self.question.award_code)


@dataclass(frozen=True)
class BallotResult:
    ballot: Ballot
    electorate: int
    turnout: int
    present: int
    written: int
    written_names: list[str] = field(default_factory=list)
    # The frozen electorate in Vietnamese order: everyone, those who voted in person (a unit's
    # officer, or a council member present), those who did not vote at all.
    elector_names: list[str] = field(default_factory=list)
    present_names: list[str] = field(default_factory=list)
    absent_names: list[str] = field(default_factory=list)
    candidates: list[CandidateLine] = field(default_factory=list)
    blank: int = 0
    majority: str = ""
    majority_needed: int = 0
    questions: list[QuestionLine] = field(default_factory=list)
    quorum: str = ""
    quorum_needed: int = 0
    quorum_met: bool = True

    @property
    def elected(self) -> list[CandidateLine]:
        return [c for c in self.candidates if c.elected]


def majority_of(ballot: Ballot) -> rules.Share:
    return rules.share_of(
        ballot.majority_numerator, ballot.majority_denominator, ballot.majority_comparison
    )


def quorum_of(ballot: Ballot) -> rules.Share | None:
    return rules.share_of(
        ballot.quorum_numerator, ballot.quorum_denominator, ballot.quorum_comparison
    )


def threshold_of(question: Question) -> rules.Share | None:
    return rules.share_of(
        question.threshold_numerator, question.threshold_denominator, question.threshold_comparison
    )


def threshold_text(question: Question) -> str:
    share = threshold_of(question)
    if share is None:
        return ""
    base = (
        _("of all council members")
        if question.threshold_of_all_members
        else _("of the members who voted")
    )
    return f"{share.label()} {base}"


def count_result(ballot: Ballot) -> BallotResult:
    """The counted result from the tally rows (for minutes and release). Callers that show it
    to people go through ``result_of``, which keeps it sealed until released."""
    tally = list(
        TallyRow.objects.filter(ballot=ballot).values_list(
            "question_id", "choice", "candidate_id", "count"
        )
    )
    electors = list(electorate_status(ballot).values_list("name", "voted", "wrote"))
    written = [name for name, _voted, wrote in electors if wrote]
    electorate = ballot.electorate_size or 0
    turnout = ballot.turnout_total or 0
    present = ballot.present_total or 0
    common = {
        "ballot": ballot,
        "electorate": electorate,
        "turnout": turnout,
        "present": present,
        "written": len(written),
        "written_names": written,
        "elector_names": [name for name, _voted, _wrote in electors],
        "present_names": [name for name, voted, wrote in electors if voted and not wrote],
        "absent_names": [name for name, voted, _wrote in electors if not voted],
    }
    if ballot.is_election:
        by_candidate = {cand: n for _q, choice, cand, n in tally if choice == Choice.CANDIDATE}
        majority = majority_of(ballot)
        lines = [
            CandidateLine(c, by_candidate.get(c.pk, 0), c.elected, c.elected_by)
            for c in ballot.candidates.select_related("unit").order_by("position")
        ]
        lines.sort(key=lambda line: (-line.votes, line.candidate.position))
        return BallotResult(
            **common,
            candidates=lines,
            blank=sum(n for _q, choice, _c, n in tally if choice == Choice.BLANK),
            majority=majority.label(),
            majority_needed=majority.needed(electorate),
        )
    counts: dict[tuple[int, str], int] = {(q, choice): n for q, choice, _c, n in tally}
    quorum = quorum_of(ballot)
    quorum_met = ballot.outcome != Outcome.NO_QUORUM
    lines = []
    for question in ballot.questions.order_by("position"):
        share = threshold_of(question)
        agree = counts.get((question.pk, Choice.AGREE), 0)
        lines.append(
            QuestionLine(
                question=question,
                result=rules.council_question_result(
                    agree=agree,
                    disagree=counts.get((question.pk, Choice.DISAGREE), 0),
                    abstain=counts.get((question.pk, Choice.ABSTAIN), 0),
                    electorate=electorate,
                    voted=turnout,
                    threshold=share,
                    of_all_members=question.threshold_of_all_members,
                    quorum_met=quorum_met,
                ),
                threshold=threshold_text(question),
                basis=question.threshold_basis,
            )
        )
    return BallotResult(
        **common,
        questions=lines,
        quorum=quorum.label() if quorum else "",
        quorum_needed=quorum.needed(electorate) if quorum else 0,
        quorum_met=quorum_met,
    )


def result_of(ballot: Ballot) -> BallotResult | None:
    """The result, or None while it is sealed (until the organiser releases it)."""
    if ballot.status != BallotStatus.RELEASED:
        return None
    return count_result(ballot)


def unfilled_seats(ballot: Ballot) -> int:
    return max(ballot.seats - ballot.candidates.filter(elected=True).count(), 0)


def questions_for_proposal(proposal_ref: str) -> list[QuestionLine]:
    """The released council results on an award proposal, latest round first (awards' hook)."""
    questions = (
        Question.objects.filter(
            proposal_ref=proposal_ref,
            ballot__kind=BallotKind.COUNCIL,
            ballot__status=BallotStatus.RELEASED,
        )
        .select_related("ballot")
        .order_by("-ballot__closed_at", "-pk")
    )
    lines = []
    for question in questions:
        result = count_result(question.ballot)
        lines.extend(line for line in result.questions if line.question.pk == question.pk)
    return lines
