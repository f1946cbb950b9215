"""Writes to scores: self scores and their evidence, cross scores, validated scores.

Every write locks the round's row first (so publishing and scoring never interleave), then
updates the line only if it still has the version the editor saw: a stale save raises
StaleEditError with the current line, never overwrites it.
"""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit, vn
from thidua.core.errors import StaleEditError
from thidua.core.uploads import check_upload
from thidua.organizations.models import Unit
from thidua.pledges.validation import number_text

from ..models import CrossAssignment, CrossScore, Evidence, RoundStatus, RoundUnit, ScoreLine
from ..points import Entry, free_points, score_criterion, score_rule
from ._common import (
    LINE_SELF_FIELDS,
    LINE_VALIDATED_FIELDS,
    line_snapshot,
    lock_round,
    long_text,
    require_not_published,
    require_self_scoring_open,
    stored,
    user_or_none,
)

CROSS_FIELDS = ("line", "scorer", "value", "choice", "points", "reason")
MAX_RULE_POINTS = Decimal("99999.99")


def entry_for(line: ScoreLine, *, value: Any = None, choice: str = "", points: Any = None) -> Entry:
    """What the input is worth on this line, by its criterion's method or its rule."""
    if line.criterion_id:
        return score_criterion(line.criterion, value=value, choice=choice or "", points=points)
    return score_rule(line.rule, value=value)


def _current(line: ScoreLine) -> ScoreLine:
    """The line as stored now, keeping the related objects already loaded on `line`."""
    fresh = ScoreLine.objects.get(pk=line.pk)
    for name in ("round", "unit", "criterion", "rule"):
        if name in line._state.fields_cache:
            setattr(fresh, name, getattr(line, name))
    return fresh


def _updated(line: ScoreLine, values: dict, version: int) -> ScoreLine:
    """The line as just saved (no re-read: the update matched `version`)."""
    for name, value in values.items():
        setattr(line, name, value)
    line.version = version + 1
    return line


@transaction.atomic
def save_self_score(
    *,
    line: ScoreLine,
    version: int,
    value: Any = None,
    choice: str = "",
    points: Any = None,
    note: str = "",
    today: datetime.date | None = None,
    by,
) -> ScoreLine:
    """A unit scores one of its lines (a criterion by its method, a rule by occurrences)."""
    scoring_round = lock_round(line.round)
    require_self_scoring_open(scoring_round, today)
    entry = entry_for(line, value=value, choice=choice, points=points)
    note = long_text(note, "note")
    before = stored(line, LINE_SELF_FIELDS)
    values = {
        "self_value": entry.value,
        "self_choice": entry.choice,
        "self_points": entry.points,
        "self_note": note,
        "self_by": user_or_none(by),
        "self_at": timezone.now(),
    }
    changed = ScoreLine.objects.filter(pk=line.pk, version=version).update(
        **values, version=F("version") + 1
    )
    if not changed:
        raise StaleEditError(current=_current(line))
    saved = _updated(line, values, version)
    audit.record(
        actor=by,
        action="scoring.self_score.saved",
        obj=saved,
        before=before,
        after=line_snapshot(saved, LINE_SELF_FIELDS),
        unit=saved.unit,
    )
    return saved


def missing_for_submission(member: RoundUnit) -> tuple[list[str], list[str]]:
    """(codes of criteria not scored, codes of criteria scored above 0 that lack evidence the
    criterion requires)."""
    lines = ScoreLine.objects.filter(
        round_id=member.round_id, unit_id=member.unit_id, criterion__isnull=False
    ).select_related("criterion")
    unscored = [
        line.criterion.code
        for line in lines.filter(self_points__isnull=True).order_by(
            "criterion__group__position", "criterion__position", "criterion_id"
        )
    ]
    lacking = [
        line.criterion.code
        for line in lines.filter(self_points__gt=0)
        .exclude(criterion__evidence="")
        .exclude(Exists(Evidence.objects.filter(line=OuterRef("pk"))))
        .order_by("criterion__group__position", "criterion__position", "criterion_id")
    ]
    return unscored, lacking


@transaction.atomic
def submit_self_scoring(*, member: RoundUnit, by, today: datetime.date | None = None) -> RoundUnit:
    """A unit hands in its self-scoring: every criterion scored, required evidence attached."""
    scoring_round = lock_round(member.round)
    require_self_scoring_open(scoring_round, today)
    unscored, lacking = missing_for_submission(member)
    problems = []
    if unscored:
        problems.append(
            _("Score every criterion first; not scored yet: %(codes)s.")
            % {"codes": ", ".join(unscored)}
        )
    if lacking:
        problems.append(
            _("Attach the evidence these criteria require: %(codes)s.")
            % {"codes": ", ".join(lacking)}
        )
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    changed = RoundUnit.objects.filter(pk=member.pk, submitted_at__isnull=True).update(
        submitted_at=now, submitted_by=user_or_none(by), version=F("version") + 1
    )
    if not changed:
        raise ValidationError(_("This unit has already handed in its self-scoring."))
    member.refresh_from_db()
    audit.record(
        actor=by,
        action="scoring.self_scoring.submitted",
        obj=member,
        after={"submitted_at": now},
        unit=member.unit,
    )
    return member


@transaction.atomic
def add_evidence(
    *,
    line: ScoreLine,
    upload,
    by,
    today: datetime.date | None = None,
    is_sample: bool = False,
) -> Evidence:
    """Attach a file to a line: type sniffed from its content, size limited, stored outside the
    web root under a random name."""
    scoring_round = lock_round(line.round)
    require_self_scoring_open(scoring_round, today)
    content_type = check_upload(upload)
    name = vn.clean_text(os.path.basename(upload.name or ""))[:255] or "minh-chung"
    evidence = Evidence(
        line=line,
        name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user_or_none(by),
        is_sample=is_sample,
    )
    evidence.file.save(name, upload, save=False)
    stored = evidence.file.name
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    audit.record(
        actor=by,
        action="scoring.evidence.added",
        obj=evidence,
        after={
            "line": line.pk,
            "name": name,
            "content_type": content_type,
            "size": evidence.size,
            "file": stored,
        },
        unit=line.unit,
    )
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: Evidence, by, today: datetime.date | None = None) -> None:
    line = evidence.line
    scoring_round = lock_round(line.round)
    require_self_scoring_open(scoring_round, today)
    snapshot = {"line": line.pk, "name": evidence.name, "file": evidence.file.name}
    storage, stored = evidence.file.storage, evidence.file.name
    audit.record(
        actor=by,
        action="scoring.evidence.removed",
        obj=evidence,
        before=snapshot,
        unit=line.unit,
    )
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def save_cross_score(
    *,
    line: ScoreLine,
    scorer: Unit,
    version: int,
    value: Any = None,
    choice: str = "",
    points: Any = None,
    reason: str = "",
    by,
) -> CrossScore:
    """The assigned unit cross-scores a line; any difference from the self score needs a reason.
    `version` is 0 for a first cross score."""
    scoring_round = lock_round(line.round)
    if scoring_round.status == RoundStatus.PUBLISHED:
        raise ValidationError(_("The round is published: its scores can no longer change."))
    if not CrossAssignment.objects.filter(
        round=scoring_round, scorer=scorer, scored_id=line.unit_id
    ).exists():
        raise ValidationError(_("This unit is not assigned to cross-score that unit."))
    entry = entry_for(line, value=value, choice=choice, points=points)
    reason = long_text(reason, "reason")
    current = _current(line)
    if entry.points != current.self_points and not reason:
        self_text = (
            number_text(current.self_points) if current.self_points is not None else _("not scored")
        )
        raise ValidationError(
            {
                "reason": _("Give the reason for the difference from the self score (%(self)s).")
                % {"self": self_text}
            }
        )
    existing = CrossScore.objects.filter(line=line, scorer=scorer).first()
    before = audit.snapshot(existing, CROSS_FIELDS) if existing else None
    fields = {
        "value": entry.value,
        "choice": entry.choice,
        "points": entry.points,
        "reason": reason,
        "scored_by": user_or_none(by),
        "scored_at": timezone.now(),
    }
    if version == 0:
        if existing is not None:
            raise StaleEditError(current=existing)
        try:
            with transaction.atomic():
                cross = CrossScore.objects.create(
                    round=scoring_round, line=line, scorer=scorer, **fields
                )
        except IntegrityError as exc:
            raise StaleEditError(
                current=CrossScore.objects.filter(line=line, scorer=scorer).first()
            ) from exc
    else:
        changed = CrossScore.objects.filter(line=line, scorer=scorer, version=version).update(
            **fields, version=F("version") + 1
        )
        if not changed:
            raise StaleEditError(
                current=CrossScore.objects.filter(line=line, scorer=scorer).first()
            )
        cross = CrossScore.objects.get(line=line, scorer=scorer)
    audit.record(
        actor=by,
        action="scoring.cross_score.saved",
        obj=cross,
        before=before,
        after=audit.snapshot(cross, CROSS_FIELDS),
        reason=reason,
        unit=scorer,
    )
    return cross


@transaction.atomic
def validate_score(*, line: ScoreLine, version: int, points: Any, reason: str, by) -> ScoreLine:
    """The leader (the deputy for the leader's own unit) sets the score that counts, with a
    written reason. Only while the round is closed."""
    scoring_round = lock_round(line.round)
    require_not_published(scoring_round)
    if scoring_round.status != RoundStatus.CLOSED:
        raise ValidationError(_("Scores are validated once self-scoring is closed."))
    maximum = line.criterion.max_score if line.criterion_id else MAX_RULE_POINTS
    value = free_points(points, maximum)
    reason = long_text(reason, "reason", required=True)
    before = stored(line, LINE_VALIDATED_FIELDS)
    values = {
        "validated_points": value,
        "validated_reason": reason,
        "validated_by": user_or_none(by),
        "validated_at": timezone.now(),
    }
    changed = ScoreLine.objects.filter(pk=line.pk, version=version).update(
        **values, version=F("version") + 1
    )
    if not changed:
        raise StaleEditError(current=_current(line))
    saved = _updated(line, values, version)
    audit.record(
        actor=by,
        action="scoring.score.validated",
        obj=saved,
        before=before,
        after=line_snapshot(saved, LINE_VALIDATED_FIELDS),
        reason=reason,
        unit=saved.unit,
    )
    return saved
