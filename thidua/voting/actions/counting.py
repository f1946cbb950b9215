"""Closing a ballot (the tally, in the database) and releasing its sealed result."""

from __future__ import annotations

import datetime
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.core import audit

from .. import queries, rules
from ..models import (
    Ballot,
    BallotKind,
    BallotStatus,
    Choice,
    ElectedBy,
    Outcome,
    TallyRow,
    Turnout,
    TurnoutMethod,
    Vote,
)
from ..signals import ballot_released
from ._common import now_or
from .ballots import _transition, audit_unit, lock

logger = logging.getLogger("thidua.voting")


def _reshuffle_votes(ballot: Ballot) -> None:
    """Write the vote rows again, in random order and under new keys, in the closing
    transaction: the stored table then follows neither the casting order nor the casting
    transactions (PostgreSQL's xmin, SQLite's rowid). Receipt hashes are kept."""
    rows = list(
        Vote.objects.filter(ballot=ballot).values_list(
            "question_id", "choice", "candidate_id", "receipt_hash", "is_sample"
        )
    )
    if not rows:
        return
    Vote.objects.filter(ballot=ballot).delete()
    secrets.SystemRandom().shuffle(rows)
    Vote.objects.bulk_create(
        (
            Vote(
                ballot=ballot,
                question_id=question_id,
                choice=choice,
                candidate_id=candidate_id,
                receipt_hash=receipt_hash,
                is_sample=is_sample,
            )
            for question_id, choice, candidate_id, receipt_hash, is_sample in rows
        ),
        batch_size=1000,
    )


def _tally(ballot: Ballot) -> None:
    """One GROUP BY over the votes, stored as tally rows."""
    counted = (
        Vote.objects.filter(ballot=ballot)
        .order_by()
        .values("question_id", "choice", "candidate_id")
        .annotate(count=Count("pk"))
    )
    TallyRow.objects.bulk_create(TallyRow(ballot=ballot, **row) for row in counted)


def election_result(ballot: Ballot) -> rules.ElectionResult:
    """The election's outcome from its tally and the candidates' frozen facts."""
    tallied = dict(
        TallyRow.objects.filter(ballot=ballot, choice=Choice.CANDIDATE).values_list(
            "candidate_id", "count"
        )
    )
    candidates = list(ballot.candidates.values_list("pk", "women_share"))
    return rules.election_outcome(
        votes={pk: tallied.get(pk, 0) for pk, _share in candidates},
        electorate=ballot.electorate_size or 0,
        seats=ballot.seats,
        majority=queries.majority_of(ballot),
        women={pk for pk, share in candidates if rules.prefers_women(share)},
    )


def _count_election(ballot: Ballot) -> str:
    result = election_result(ballot)
    by_vote = [c for c in result.elected if c not in result.tie_broken]
    ballot.candidates.filter(pk__in=by_vote).update(elected=True, elected_by=ElectedBy.VOTE)
    ballot.candidates.filter(pk__in=result.tie_broken).update(
        elected=True, elected_by=ElectedBy.TIE_BREAK
    )
    return result.outcome


def _count_council(ballot: Ballot, *, turnout: int, present: int) -> str:
    quorum = queries.quorum_of(ballot)
    quorum_met = quorum is not None and quorum.met(present, ballot.electorate_size or 0)
    agree = dict(
        TallyRow.objects.filter(ballot=ballot, choice=Choice.AGREE).values_list(
            "question_id", "count"
        )
    )
    questions = list(ballot.questions.all())
    for question in questions:
        base = ballot.electorate_size if question.threshold_of_all_members else turnout
        question.approved = quorum_met and queries.threshold_of(question).met(
            agree.get(question.pk, 0), base or 0
        )
    ballot.questions.model.objects.bulk_update(questions, ["approved"])
    return Outcome.COUNTED if quorum_met else Outcome.NO_QUORUM


@transaction.atomic
def close_ballot(*, ballot: Ballot, by, now: datetime.datetime | None = None) -> Ballot:
    """Close an open ballot and count it. The result stays sealed until released."""
    now = now_or(now)
    locked = lock(ballot)
    if locked.status != BallotStatus.OPEN:
        raise ValidationError(_("Only an open ballot can be closed."))
    _reshuffle_votes(locked)
    _tally(locked)
    totals = Turnout.objects.filter(ballot=locked).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(method=TurnoutMethod.IN_PERSON))
    )
    if locked.kind == BallotKind.ELECTION:
        outcome = _count_election(locked)
    else:
        outcome = _count_council(locked, turnout=totals["total"], present=totals["present"])
    _transition(
        locked,
        expected=[BallotStatus.OPEN],
        status=BallotStatus.CLOSED,
        closed_at=now,
        turnout_total=totals["total"],
        present_total=totals["present"],
        outcome=outcome,
    )
    # The counts stay out of the audit trail until the result is released.
    audit.record(
        actor=by,
        action="voting.ballot.closed",
        obj=locked,
        before={"status": BallotStatus.OPEN},
        after={
            "status": locked.status,
            "electorate": locked.electorate_size,
            "turnout": locked.turnout_total,
        },
        unit=audit_unit(locked),
    )
    return locked


def _summary(ballot: Ballot) -> dict:
    if ballot.kind == BallotKind.ELECTION:
        return {
            "outcome": ballot.outcome,
            "elected": sorted(
                ballot.candidates.filter(elected=True).values_list("unit_id", flat=True)
            ),
            "votes": dict(
                TallyRow.objects.filter(ballot=ballot, choice=Choice.CANDIDATE).values_list(
                    "candidate__unit_id", "count"
                )
            ),
        }
    return {
        "outcome": ballot.outcome,
        "approved": sorted(ballot.questions.filter(approved=True).values_list("pk", flat=True)),
    }


@transaction.atomic
def release_ballot(*, ballot: Ballot, by, now: datetime.datetime | None = None) -> Ballot:
    """Unseal a closed ballot's result; other apps hear of it once the transaction commits."""
    locked = lock(ballot)
    if locked.status != BallotStatus.CLOSED:
        raise ValidationError(_("Only the result of a closed ballot can be released."))
    _transition(
        locked,
        expected=[BallotStatus.CLOSED],
        status=BallotStatus.RELEASED,
        released_at=now_or(now),
    )
    audit.record(
        actor=by,
        action="voting.ballot.released",
        obj=locked,
        before={"status": BallotStatus.CLOSED},
        after={"status": locked.status, **_summary(locked)},
        unit=audit_unit(locked),
    )
    decided = list(
        locked.questions.exclude(proposal_ref="").values_list("proposal_ref", "approved")
    )
    transaction.on_commit(
        lambda: ballot_released.send(sender=Ballot, ballot=locked, questions=decided)
    )
    return locked


def close_due_ballots(*, now: datetime.datetime | None = None, dry_run: bool = False) -> list:
    """Close every open ballot whose closing time has passed (each in its own transaction)."""
    now = now_or(now)
    due = list(
        Ballot.objects.filter(status=BallotStatus.OPEN, closes_at__lte=now).order_by("closes_at")
    )
    if dry_run:
        return due
    closed = []
    for ballot in due:
        try:
            closed.append(close_ballot(ballot=ballot, by=None, now=now))
        except ValidationError:  # closed meanwhile by its organiser
            logger.info("voting: ballot %s was already closed", ballot.pk)
    return closed
