"""Casting a secret ballot, and recording an absent council member's written opinion.

In one transaction, with the ballot row locked: a `Turnout` row (that this elector voted; the
database refuses a second one) and the `Vote` rows (what was chosen; no voter, no time, random
keys). The audit trail and the log record the turnout only, never the choice.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.core import audit
from thidua.organizations.models import Unit

from .. import receipts
from ..models import (
    COUNCIL_CHOICES,
    Ballot,
    BallotKind,
    BallotStatus,
    Choice,
    Elector,
    Turnout,
    TurnoutMethod,
    Vote,
)
from ._common import now_or, when
from .ballots import _user, audit_unit, lock

logger = logging.getLogger("thidua.voting")

Row = tuple[int, str, int | None]  # question id, choice, candidate id


def _check_open(ballot: Ballot, now: datetime.datetime) -> None:
    if ballot.status != BallotStatus.OPEN:
        raise ValidationError(_("This ballot is not open for voting."))
    if now < ballot.opens_at:
        raise ValidationError(_("Voting opens at %(time)s.") % {"time": when(ballot.opens_at)})
    if now >= ballot.closes_at:
        raise ValidationError(_("Voting closed at %(time)s.") % {"time": when(ballot.closes_at)})


def _election_rows(ballot: Ballot, candidates: Iterable, blank: bool) -> list[Row]:
    try:
        ids = [int(c.pk if isinstance(c, Unit) else c) for c in candidates or []]
    except (TypeError, ValueError) as exc:
        raise ValidationError({"candidates": _("Choose among the candidates.")}) from exc
    if len(ids) != len(set(ids)):
        raise ValidationError({"candidates": _("A candidate is chosen twice.")})
    if len(ids) > ballot.seats:
        raise ValidationError(
            {"candidates": _("Choose at most %(n)s candidate(s).") % {"n": ballot.seats}}
        )
    question_id = ballot.questions.values_list("pk", flat=True).get()
    if not ids:
        if not blank:
            raise ValidationError(
                {"candidates": _("Choose a candidate, or cast a blank ballot on purpose.")}
            )
        return [(question_id, Choice.BLANK, None)]
    if blank:
        raise ValidationError({"candidates": _("A blank ballot cannot also choose a candidate.")})
    by_unit = dict(ballot.candidates.values_list("unit_id", "pk"))
    if not set(ids) <= set(by_unit):
        raise ValidationError({"candidates": _("Choose among the candidates.")})
    return [(question_id, Choice.CANDIDATE, by_unit[uid]) for uid in sorted(ids)]


def _council_rows(ballot: Ballot, answers: Mapping) -> list[Row]:
    questions = list(ballot.questions.order_by("position").values_list("pk", flat=True))
    try:
        given = {int(k): v for k, v in (answers or {}).items()}
    except (TypeError, ValueError) as exc:
        raise ValidationError({"answers": _("Answer the questions of this ballot.")}) from exc
    if set(given) - set(questions):
        raise ValidationError({"answers": _("Answer the questions of this ballot.")})
    if set(questions) - set(given):
        raise ValidationError({"answers": _("Answer every question: agree, disagree or abstain.")})
    if any(given[q] not in COUNCIL_CHOICES for q in questions):
        raise ValidationError({"answers": _("Answer with agree, disagree or abstain.")})
    return [(q, given[q], None) for q in questions]


def _store(
    ballot: Ballot, elector: Elector, rows: list[Row], *, method: str, by, code: str
) -> None:
    """The turnout row, then the vote rows: the unique constraint turns a second cast away."""
    if Turnout.objects.filter(ballot=ballot, elector=elector).exists():
        raise ValidationError(_("%(elector)s has already voted.") % {"elector": elector.name})
    try:
        with transaction.atomic():
            Turnout.objects.create(
                ballot=ballot,
                elector=elector,
                method=method,
                recorded_by=_user(by),
                is_sample=ballot.is_sample,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(elector)s has already voted.") % {"elector": elector.name}
        ) from exc
    slots: dict[int, int] = {}
    votes = []
    for question_id, choice, candidate_id in rows:
        slot = slots.get(question_id, 0)
        slots[question_id] = slot + 1
        votes.append(
            Vote(
                ballot=ballot,
                question_id=question_id,
                choice=choice,
                candidate_id=candidate_id,
                receipt_hash=receipts.receipt_hash(code, question_id, slot),
                is_sample=ballot.is_sample,
            )
        )
    Vote.objects.bulk_create(votes)


def _elector_for_casting(ballot: Ballot, by, unit: Unit | None) -> Elector:
    if ballot.kind == BallotKind.COUNCIL:
        elector = ballot.electors.filter(user=by).first() if _user(by) else None
        if elector is None:
            raise ValidationError(_("You are not in the electorate of this ballot."))
        return elector
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit you vote for.")})
    elector = ballot.electors.filter(unit=unit).first()
    if elector is None:
        raise ValidationError({"unit": _("This unit is not in the electorate of this ballot.")})
    if not scope_of(by).holds_in(unit, Role.UNIT_OFFICER):
        raise ValidationError({"unit": _("Only an officer of the unit casts its vote.")})
    return elector


@transaction.atomic
def cast_ballot(
    *,
    ballot: Ballot,
    by,
    unit: Unit | None = None,
    candidates: Iterable | None = None,
    blank: bool = False,
    answers: Mapping | None = None,
    now: datetime.datetime | None = None,
    via: str = "web",
) -> str:
    """Cast one secret ballot; returns the receipt code, to be shown to the voter once.

    Elections: ``unit`` (the member unit whose officer ``by`` is) and ``candidates`` (unit ids or
    units, at most the seats to fill; none with ``blank=True`` for a blank ballot). Council
    ballots: ``answers`` maps every question id to agree, disagree or abstain."""
    now = now_or(now)
    locked = lock(ballot)
    _check_open(locked, now)
    elector = _elector_for_casting(locked, by, unit)
    if locked.kind == BallotKind.ELECTION:
        rows = _election_rows(locked, candidates, blank)
    else:
        rows = _council_rows(locked, answers or {})
    code = receipts.new_code()
    _store(locked, elector, rows, method=TurnoutMethod.IN_PERSON, by=by, code=code)
    audit.record(
        actor=by,
        action="voting.ballot.turnout_recorded",
        obj=locked,
        after={"elector": elector.name, "method": TurnoutMethod.IN_PERSON},
        unit=audit_unit(locked),
        via=via,
    )
    logger.info("voting: turnout recorded on ballot %s", locked.pk)
    return code


@transaction.atomic
def record_written_opinion(
    *,
    ballot: Ballot,
    elector: Elector,
    answers: Mapping,
    by,
    now: datetime.datetime | None = None,
) -> Turnout:
    """An absent council member's written opinion, entered by the organiser: it counts as that
    member's vote (for the threshold, not for the quorum) and is named in the minutes as a
    written opinion. Stored like a cast: the choices are unlinked from the member."""
    now = now_or(now)
    locked = lock(ballot)
    if locked.kind != BallotKind.COUNCIL:
        raise ValidationError(_("Written opinions are given to a council ballot."))
    if locked.status != BallotStatus.OPEN or now >= locked.closes_at:
        raise ValidationError(_("This ballot is not open for voting."))
    if elector.ballot_id != locked.pk:
        raise ValidationError({"elector": _("This member is not in the electorate.")})
    rows = _council_rows(locked, answers)
    _store(locked, elector, rows, method=TurnoutMethod.WRITTEN, by=by, code=receipts.new_code())
    audit.record(
        actor=by,
        action="voting.ballot.turnout_recorded",
        obj=locked,
        after={"elector": elector.name, "method": TurnoutMethod.WRITTEN},
        unit=audit_unit(locked),
    )
    logger.info("voting: written opinion recorded on ballot %s", locked.pk)
    return Turnout.objects.get(ballot=locked, elector=elector)
