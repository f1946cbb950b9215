"""Writes to a draft version's content: key tasks, content groups, criteria, bonus and penalty
rules, grades and the tie-break chain. Each locks the version's row, refuses a version that is
no longer a draft and a stale edit, checks totals and caps, and writes one audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from thidua.core import audit

from .. import validation
from ..models import (
    AdjustmentKind,
    AdjustmentRule,
    ContentGroup,
    Criterion,
    GradeThreshold,
    KeyTask,
    PledgeVersion,
    TieBreakStep,
)
from ._base import check_caps, check_total, check_version, leader_of, lock_version, raise_if

TASK_FIELDS = ("text", "position")
GROUP_FIELDS = ("title", "position", "bonus_cap", "penalty_cap")
CRITERION_FIELDS = ("group", "position", *validation.CRITERION_FIELDS)
RULE_FIELDS = ("kind", "text", "points", "criterion", "group")


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _position(value: Any, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    try:
        position = int(value)
    except (TypeError, ValueError):
        position = -1
    if not 1 <= position <= 999:
        errors["position"] = _("Enter a whole number from 1 to 999.")
        return None
    return position


# --- key tasks --------------------------------------------------------------------------------


@transaction.atomic
def add_key_task(*, pledge_version: PledgeVersion, text: str, by, is_sample=False) -> KeyTask:
    locked = lock_version(pledge_version)
    text = validation.long_text(text)
    if not text:
        raise ValidationError({"text": _("This field cannot be empty.")})
    task = KeyTask.objects.create(
        pledge_version=locked,
        text=text,
        position=_next_position(locked.key_tasks),
        is_sample=is_sample,
    )
    audit.record(
        actor=by,
        action="pledges.key_task.added",
        obj=task,
        after=audit.snapshot(task, TASK_FIELDS),
        unit=leader_of(locked),
    )
    return task


@transaction.atomic
def update_key_task(*, task: KeyTask, version: int, text: str, position=None, by) -> KeyTask:
    locked = lock_version(task.pledge_version)
    current = KeyTask.objects.get(pk=task.pk)
    check_version(current, version)
    errors: dict = {}
    text = validation.long_text(text)
    if not text:
        errors["text"] = _("This field cannot be empty.")
    position = _position(position, errors)
    raise_if(errors)
    before = audit.snapshot(current, TASK_FIELDS)
    current.text = text
    current.position = position or current.position
    current.version += 1
    current.save(update_fields=["text", "position", "version"])
    audit.record(
        actor=by,
        action="pledges.key_task.updated",
        obj=current,
        before=before,
        after=audit.snapshot(current, TASK_FIELDS),
        unit=leader_of(locked),
    )
    return current


@transaction.atomic
def delete_key_task(*, task: KeyTask, by) -> None:
    locked = lock_version(task.pledge_version)
    audit.record(
        actor=by,
        action="pledges.key_task.deleted",
        obj=task,
        before=audit.snapshot(task, TASK_FIELDS),
        unit=leader_of(locked),
    )
    KeyTask.objects.filter(pk=task.pk).delete()


# --- content groups ---------------------------------------------------------------------------


def _check_group_title(locked: PledgeVersion, title: str, exclude=None) -> None:
    clash = ContentGroup.objects.filter(pledge_version=locked, title=title).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"title": _("This pledge already has a content group of this name.")})


@transaction.atomic
def add_group(
    *,
    pledge_version: PledgeVersion,
    title: str,
    bonus_cap=None,
    penalty_cap=None,
    by,
    is_sample=False,
) -> ContentGroup:
    locked = lock_version(pledge_version)
    data, errors = validation.clean_group(
        {"title": title, "bonus_cap": bonus_cap, "penalty_cap": penalty_cap}
    )
    raise_if(errors)
    _check_group_title(locked, data["title"])
    group = ContentGroup.objects.create(
        pledge_version=locked,
        position=_next_position(locked.groups),
        is_sample=is_sample,
        **data,
    )
    check_caps(locked, bonus_field="bonus_cap", penalty_field="penalty_cap")
    audit.record(
        actor=by,
        action="pledges.group.added",
        obj=group,
        after=audit.snapshot(group, GROUP_FIELDS),
        unit=leader_of(locked),
    )
    return group


@transaction.atomic
def update_group(
    *, group: ContentGroup, version: int, title: str, bonus_cap, penalty_cap, position=None, by
) -> ContentGroup:
    locked = lock_version(group.pledge_version)
    current = ContentGroup.objects.get(pk=group.pk)
    check_version(current, version)
    data, errors = validation.clean_group(
        {"title": title, "bonus_cap": bonus_cap, "penalty_cap": penalty_cap}
    )
    position = _position(position, errors)
    raise_if(errors)
    _check_group_title(locked, data["title"], exclude=current.pk)
    before = audit.snapshot(current, GROUP_FIELDS)
    for name, value in data.items():
        setattr(current, name, value)
    current.position = position or current.position
    current.version += 1
    current.save(update_fields=[*data, "position", "version"])
    check_caps(locked, bonus_field="bonus_cap", penalty_field="penalty_cap")
    audit.record(
        actor=by,
        action="pledges.group.updated",
        obj=current,
        before=before,
        after=audit.snapshot(current, GROUP_FIELDS),
        unit=leader_of(locked),
    )
    return current


@transaction.atomic
def delete_group(*, group: ContentGroup, by) -> None:
    locked = lock_version(group.pledge_version)
    if group.criteria.exists():
        raise ValidationError(
            {"__all__": _("This group still holds criteria: move or delete them first.")}
        )
    if group.rules.exists() or TieBreakStep.objects.filter(group=group).exists():
        raise ValidationError(
            {
                "__all__": _(
                    "A bonus or penalty rule or a tie-break step refers to this group: "
                    "change it first."
                )
            }
        )
    audit.record(
        actor=by,
        action="pledges.group.deleted",
        obj=group,
        before=audit.snapshot(group, GROUP_FIELDS),
        unit=leader_of(locked),
    )
    ContentGroup.objects.filter(pk=group.pk).delete()


# --- criteria ---------------------------------------------------------------------------------


def _clean_criterion(locked: PledgeVersion, fields: dict, exclude=None) -> dict:
    unknown = set(fields) - set(validation.CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"unknown criterion fields: {sorted(unknown)}")
    data, errors = validation.clean_criterion(fields)
    raise_if(errors)
    clash = Criterion.objects.filter(pledge_version=locked, code=data["code"]).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(
            {
                "code": _("The code %(code)s is already used in this pledge.")
                % {"code": data["code"]}
            }
        )
    check_total(locked, max_score=data["max_score"], excluding=exclude)
    return data


@transaction.atomic
def add_criterion(*, group: ContentGroup, by, is_sample=False, **fields: Any) -> Criterion:
    """Add a criterion (fields: validation.CRITERION_FIELDS, raw or typed) at the group's end."""
    locked = lock_version(group.pledge_version)
    data = _clean_criterion(locked, fields)
    criterion = Criterion.objects.create(
        pledge_version=locked,
        group=group,
        position=_next_position(group.criteria),
        is_sample=is_sample,
        **data,
    )
    if data["bonus_cap"] is not None or data["penalty_cap"] is not None:
        check_caps(locked, bonus_field="bonus_cap", penalty_field="penalty_cap")
    audit.record(
        actor=by,
        action="pledges.criterion.added",
        obj=criterion,
        after=audit.snapshot(criterion, CRITERION_FIELDS),
        unit=leader_of(locked),
    )
    return criterion


@transaction.atomic
def update_criterion(
    *, criterion: Criterion, version: int, by, group=None, position=None, **fields: Any
) -> Criterion:
    locked = lock_version(criterion.pledge_version)
    current = Criterion.objects.get(pk=criterion.pk)
    check_version(current, version)
    errors: dict = {}
    position = _position(position, errors)
    if group is not None and group.pledge_version_id != locked.pk:
        errors["group"] = _("Choose a content group of this pledge.")
    raise_if(errors)
    data = _clean_criterion(locked, fields, exclude=current.pk)
    before = audit.snapshot(current, CRITERION_FIELDS)
    for name, value in data.items():
        setattr(current, name, value)
    if group is not None and group.pk != current.group_id:
        current.group = group
        current.position = _next_position(group.criteria)
    current.position = position or current.position
    current.version += 1
    current.save(update_fields=[*data, "group", "position", "version"])
    check_caps(locked, bonus_field="bonus_cap", penalty_field="penalty_cap")
    audit.record(
        actor=by,
        action="pledges.criterion.updated",
        obj=current,
        before=before,
        after=audit.snapshot(current, CRITERION_FIELDS),
        unit=leader_of(locked),
    )
    return current


@transaction.atomic
def delete_criterion(*, criterion: Criterion, by) -> None:
    """Delete a criterion of a draft, with the bonus and penalty rules attached to it."""
    locked = lock_version(criterion.pledge_version)
    rules = list(criterion.rules.values_list("text", flat=True))
    audit.record(
        actor=by,
        action="pledges.criterion.deleted",
        obj=criterion,
        before={**audit.snapshot(criterion, CRITERION_FIELDS), "rules": rules},
        unit=leader_of(locked),
    )
    Criterion.objects.filter(pk=criterion.pk).delete()


# --- bonus and penalty rules --------------------------------------------------------------------


def _clean_rule(locked: PledgeVersion, *, kind, text, points, criterion, group) -> dict:
    errors: dict = {}
    if kind not in AdjustmentKind.values:
        errors["kind"] = _("Choose bonus or penalty.")
    text = validation.long_text(text)
    if not text:
        errors["text"] = _("This field cannot be empty.")
    parsed, point_errors = validation.score(points, "points")
    errors.update(point_errors)
    if parsed is not None and parsed == 0:
        errors["points"] = _("The score must be greater than 0.")
    if criterion is not None and criterion.pledge_version_id != locked.pk:
        errors["criterion"] = _("Choose a criterion of this pledge.")
    if group is not None and group.pledge_version_id != locked.pk:
        errors["group"] = _("Choose a content group of this pledge.")
    if criterion is not None and group is not None:
        errors["group"] = _("A rule applies to a criterion or to a group, not both.")
    raise_if(errors)
    return {"kind": kind, "text": text, "points": parsed, "criterion": criterion, "group": group}


@transaction.atomic
def add_rule(
    *,
    pledge_version: PledgeVersion,
    kind: str,
    text: str,
    points,
    criterion: Criterion | None = None,
    group: ContentGroup | None = None,
    by,
    is_sample=False,
) -> AdjustmentRule:
    """A bonus or penalty rule for a criterion, a group or (neither given) the whole pledge."""
    locked = lock_version(pledge_version)
    data = _clean_rule(
        locked, kind=kind, text=text, points=points, criterion=criterion, group=group
    )
    rule = AdjustmentRule.objects.create(
        pledge_version=locked,
        position=_next_position(locked.rules),
        is_sample=is_sample,
        **data,
    )
    check_caps(locked, bonus_field="points", penalty_field="points")
    audit.record(
        actor=by,
        action="pledges.rule.added",
        obj=rule,
        after=audit.snapshot(rule, RULE_FIELDS),
        unit=leader_of(locked),
    )
    return rule


@transaction.atomic
def update_rule(
    *, rule: AdjustmentRule, version: int, kind, text, points, criterion, group, by
) -> AdjustmentRule:
    locked = lock_version(rule.pledge_version)
    current = AdjustmentRule.objects.get(pk=rule.pk)
    check_version(current, version)
    data = _clean_rule(
        locked, kind=kind, text=text, points=points, criterion=criterion, group=group
    )
    before = audit.snapshot(current, RULE_FIELDS)
    for name, value in data.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*data, "version"])
    check_caps(locked, bonus_field="points", penalty_field="points")
    audit.record(
        actor=by,
        action="pledges.rule.updated",
        obj=current,
        before=before,
        after=audit.snapshot(current, RULE_FIELDS),
        unit=leader_of(locked),
    )
    return current


@transaction.atomic
def delete_rule(*, rule: AdjustmentRule, by) -> None:
    locked = lock_version(rule.pledge_version)
    audit.record(
        actor=by,
        action="pledges.rule.deleted",
        obj=rule,
        before=audit.snapshot(rule, RULE_FIELDS),
        unit=leader_of(locked),
    )
    AdjustmentRule.objects.filter(pk=rule.pk).delete()


# --- grades and the tie-break chain -------------------------------------------------------------


@transaction.atomic
def set_grades(
    *, pledge_version: PledgeVersion, version: int, grades: list[dict], by
) -> list[GradeThreshold]:
    """Replace the grades (best first): [{"label", "min_score", "excluded_by_zero_criterion"}]."""
    locked = lock_version(pledge_version)
    check_version(locked, version)
    cleaned, errors = validation.clean_grades(grades, scale=locked.scale)
    if errors:
        raise ValidationError({"grades": errors})
    before = list(locked.grades.values("label", "min_score", "excluded_by_zero_criterion"))
    GradeThreshold.objects.filter(pledge_version=locked).delete()
    rows = GradeThreshold.objects.bulk_create(
        GradeThreshold(pledge_version=locked, position=i, **g) for i, g in enumerate(cleaned, 1)
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    audit.record(
        actor=by,
        action="pledges.grades.set",
        obj=locked,
        before={"grades": before},
        after={"grades": cleaned},
        unit=leader_of(locked),
    )
    return rows


@transaction.atomic
def set_tie_breaks(
    *, pledge_version: PledgeVersion, version: int, steps: list[dict], by
) -> list[TieBreakStep]:
    """Replace the tie-break chain: [{"kind": TieBreakKind, "group_id": id or None}] in order."""
    locked = lock_version(pledge_version)
    check_version(locked, version)
    group_ids = set(locked.groups.values_list("pk", flat=True))
    cleaned, errors = validation.clean_tie_breaks(steps, group_ids=group_ids)
    if errors:
        raise ValidationError({"tie_breaks": errors})
    before = list(locked.tie_breaks.values("kind", "group_id"))
    TieBreakStep.objects.filter(pledge_version=locked).delete()
    rows = TieBreakStep.objects.bulk_create(
        TieBreakStep(pledge_version=locked, position=i, **s) for i, s in enumerate(cleaned, 1)
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    audit.record(
        actor=by,
        action="pledges.tie_breaks.set",
        obj=locked,
        before={"tie_breaks": before},
        after={"tie_breaks": cleaned},
        unit=leader_of(locked),
    )
    return rows
