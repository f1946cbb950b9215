"""Copy a version's content into another version (an amendment, next year's pledge).

Every row keeps its `key`, so the two versions can be compared row by row afterwards.
"""

from __future__ import annotations

from ..models import (
    AdjustmentRule,
    ContentGroup,
    Criterion,
    GradeThreshold,
    KeyTask,
    PledgeVersion,
    TieBreakStep,
)

PART = ("position", "key", "is_sample")


def _copy(obj, fields, **extra) -> dict:
    return {**{f: getattr(obj, f) for f in fields}, **extra}


def copy_content(source: PledgeVersion, target: PledgeVersion) -> dict[str, int]:
    """Copy key tasks, groups, criteria, rules, grades and tie-breaks; return the counts."""
    KeyTask.objects.bulk_create(
        KeyTask(**_copy(t, (*PART, "text"), pledge_version=target))
        for t in source.key_tasks.order_by("position", "pk")
    )
    old_groups = list(source.groups.order_by("position", "pk"))
    new_groups = ContentGroup.objects.bulk_create(
        ContentGroup(
            **_copy(g, (*PART, "title", "bonus_cap", "penalty_cap"), pledge_version=target)
        )
        for g in old_groups
    )
    groups = {old.pk: new for old, new in zip(old_groups, new_groups, strict=True)}
    criterion_fields = (
        *PART,
        "code",
        "text",
        "max_score",
        "method",
        "target_value",
        "target_unit",
        "threshold_value",
        "levels",
        "evidence",
        "bonus_cap",
        "penalty_cap",
    )
    old_criteria = list(source.criteria.order_by("position", "pk"))
    new_criteria = Criterion.objects.bulk_create(
        Criterion(**_copy(c, criterion_fields, pledge_version=target, group=groups[c.group_id]))
        for c in old_criteria
    )
    criteria = {old.pk: new for old, new in zip(old_criteria, new_criteria, strict=True)}
    rules = AdjustmentRule.objects.bulk_create(
        AdjustmentRule(
            **_copy(r, (*PART, "kind", "text", "points"), pledge_version=target),
            criterion=criteria.get(r.criterion_id),
            group=groups.get(r.group_id),
        )
        for r in source.rules.order_by("position", "pk")
    )
    GradeThreshold.objects.bulk_create(
        GradeThreshold(
            **_copy(g, ("position", "label", "min_score", "excluded_by_zero_criterion")),
            pledge_version=target,
        )
        for g in source.grades.all()
    )
    TieBreakStep.objects.bulk_create(
        TieBreakStep(
            pledge_version=target, position=s.position, kind=s.kind, group=groups.get(s.group_id)
        )
        for s in source.tie_breaks.all()
    )
    return {"groups": len(new_groups), "criteria": len(new_criteria), "rules": len(rules)}
