"""Object gates: the object or 404 (missing and invisible look alike), then 403 for a wrong role.

Who records what:

- decisions and their recipients: board officers of the recording unit (or above);
- ratings, judgements, initiatives and maternity leave of a person: the board above the
  person's unit, or a unit officer of that very unit ("their own unit's people");
- a unit's own ratings and judgements, and every discipline and pending matter: the board
  above (or of) the unit;
- imports: anyone holding a board or unit officer role; each row is then checked with the rules
  above.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import people_visible_to, units_visible_to

from . import subjects as s
from .models import (
    Decision,
    DecisionRecipient,
    Discipline,
    ImportStatus,
    ImportUpload,
    Initiative,
    JudgementFact,
    MaternityLeave,
    PendingMatter,
    YearlyRating,
)
from .queries import decisions_visible_to

RATING, FACT, INITIATIVE, MATERNITY, DISCIPLINE, MATTER = (
    "rating",
    "fact",
    "initiative",
    "maternity",
    "discipline",
    "matter",
)
OFFICER_RECORDS = {RATING, FACT, INITIATIVE, MATERNITY}


# --- subjects -----------------------------------------------------------------------------------


def subject_for_viewing(user, kind: str, subject_id: int) -> Person | Unit:
    if kind == s.PERSON:
        return get_object_or_404(people_visible_to(user).select_related("unit"), pk=subject_id)
    if kind == s.UNIT:
        return get_object_or_404(units_visible_to(user), pk=subject_id)
    raise Http404


def can_record(user, subject: Person | Unit, what: str) -> bool:
    scope = scope_of(user)
    unit = s.home_unit(subject)
    if scope.reaches(unit, Role.BOARD_OFFICER):
        return True
    return (
        isinstance(subject, Person)
        and what in OFFICER_RECORDS
        and scope.holds_in(unit, Role.UNIT_OFFICER)
    )


def recordable(user, subject: Person | Unit) -> set[str]:
    """What the user may record about this subject (to show the right buttons)."""
    whats = (RATING, FACT, INITIATIVE, DISCIPLINE, MATTER)
    found = {w for w in whats if can_record(user, subject, w)}
    if isinstance(subject, Person) and can_record(user, subject, MATERNITY):
        found.add(MATERNITY)
    return found


def subject_for_recording(user, kind: str, subject_id: int, what: str) -> Person | Unit:
    subject = subject_for_viewing(user, kind, subject_id)
    if what == MATERNITY and not isinstance(subject, Person):
        raise Http404
    if not can_record(user, subject, what):
        raise PermissionDenied
    return subject


def _record_for_editing(user, model, record_id: int, what: str):
    record = get_object_or_404(model.objects.select_related("person__unit", "unit"), pk=record_id)
    subject = record.person if getattr(record, "person_id", None) else record.unit
    subject_for_viewing(user, s.url_kind(subject), subject.pk)  # 404 alike for the invisible
    if not can_record(user, subject, what):
        raise PermissionDenied
    return record


def rating_for_editing(user, rating_id: int) -> YearlyRating:
    return _record_for_editing(user, YearlyRating, rating_id, RATING)


def fact_for_removing(user, fact_id: int) -> JudgementFact:
    return _record_for_editing(user, JudgementFact, fact_id, FACT)


def initiative_for_editing(user, initiative_id: int) -> Initiative:
    return _record_for_editing(user, Initiative, initiative_id, INITIATIVE)


def discipline_for_editing(user, discipline_id: int) -> Discipline:
    return _record_for_editing(user, Discipline, discipline_id, DISCIPLINE)


def matter_for_closing(user, matter_id: int) -> PendingMatter:
    return _record_for_editing(user, PendingMatter, matter_id, MATTER)


def maternity_for_removing(user, leave_id: int) -> MaternityLeave:
    leave = get_object_or_404(MaternityLeave.objects.select_related("person__unit"), pk=leave_id)
    subject_for_viewing(user, s.PERSON, leave.person_id)
    if not can_record(user, leave.person, MATERNITY):
        raise PermissionDenied
    return leave


# --- decisions ----------------------------------------------------------------------------------


def decision_for_viewing(user, decision_id: int) -> Decision:
    return get_object_or_404(
        decisions_visible_to(user).select_related("recorded_in", "issuer", "regime"),
        pk=decision_id,
    )


def can_manage_decision(user, decision: Decision) -> bool:
    return scope_of(user).reaches(decision.recorded_in, Role.BOARD_OFFICER)


def decision_for_managing(user, decision_id: int) -> Decision:
    decision = decision_for_viewing(user, decision_id)
    if not can_manage_decision(user, decision):
        raise PermissionDenied
    return decision


def recipient_for_managing(user, recipient_id: int) -> DecisionRecipient:
    recipient = get_object_or_404(
        DecisionRecipient.objects.filter(decision__in=decisions_visible_to(user)).select_related(
            "decision__recorded_in", "award_type", "person", "unit"
        ),
        pk=recipient_id,
    )
    if not can_manage_decision(user, recipient.decision):
        raise PermissionDenied
    return recipient


def can_record_decisions(user) -> bool:
    return bool(scope_of(user).unit_ids(Role.BOARD_OFFICER))


def require_board(user) -> None:
    if not can_record_decisions(user):
        raise PermissionDenied


# --- imports ------------------------------------------------------------------------------------


def can_import(user) -> bool:
    return bool(scope_of(user).unit_ids(Role.BOARD_OFFICER, Role.UNIT_OFFICER))


def require_importer(user) -> None:
    if not can_import(user):
        raise PermissionDenied


def import_for_user(user, token: str) -> ImportUpload:
    """A staged import, only for the user who uploaded it (anyone else: 404)."""
    return get_object_or_404(
        ImportUpload.objects.filter(user=user, status=ImportStatus.STAGED), token=token
    )
