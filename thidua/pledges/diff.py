"""The difference between two pledge versions: an amendment against the text it amends, or this
year's pledge against last year's. Pure: it compares two snapshots (`queries.snapshot`).

Rows are matched by their `key` (kept when a version is copied), then, for rows left over, by
their code (criteria), title (groups) or text (key tasks, rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

SETTINGS_LABELS = {
    "title": _("Title"),
    "theme": _("Theme of the year"),
    "commitments": _("General commitments and rules"),
    "scale": _("Scale"),
    "bonus_cap": _("Maximum bonus for the pledge"),
    "penalty_cap": _("Maximum penalty for the pledge"),
}
GROUP_LABELS = {
    "title": _("Content group"),
    "bonus_cap": _("Maximum bonus"),
    "penalty_cap": _("Maximum penalty"),
}
CRITERION_LABELS = {
    "code": _("Code"),
    "group": _("Content group"),
    "text": _("Criterion"),
    "max_score": _("Maximum score"),
    "method": _("Scoring method"),
    "target": _("Target"),
    "threshold_value": _("Threshold"),
    "levels": _("Levels"),
    "evidence": _("Evidence required"),
    "bonus_cap": _("Maximum bonus"),
    "penalty_cap": _("Maximum penalty"),
}
RULE_LABELS = {
    "kind": _("Kind"),
    "text": _("Rule"),
    "points": _("Points each time"),
    "scope": _("Applies to"),
}


@dataclass
class Change:
    field: str
    label: Any
    old: Any
    new: Any


@dataclass
class RowDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict, list[Change]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class VersionDiff:
    settings: list[Change]
    key_tasks: RowDiff
    groups: RowDiff
    criteria: RowDiff
    rules: RowDiff
    grades: tuple[list, list] | None
    tie_breaks: tuple[list, list] | None

    @property
    def is_empty(self) -> bool:
        return not (
            self.settings
            or self.key_tasks
            or self.groups
            or self.criteria
            or self.rules
            or self.grades
            or self.tie_breaks
        )


def _changes(old: dict, new: dict, labels: dict) -> list[Change]:
    return [
        Change(f, label, old.get(f), new.get(f))
        for f, label in labels.items()
        if old.get(f) != new.get(f)
    ]


def _rows(old: list[dict], new: list[dict], labels: dict, fallback: str) -> RowDiff:
    result = RowDiff()
    pairs: list[tuple[dict, dict]] = []
    new_by_key = {row["key"]: row for row in new}
    left_old = []
    for row in old:
        match = new_by_key.pop(row["key"], None)
        if match is None:
            left_old.append(row)
        else:
            pairs.append((row, match))
    unmatched = [row for row in new if row["key"] in new_by_key]
    for row in left_old:
        index = next((i for i, r in enumerate(unmatched) if r[fallback] == row[fallback]), None)
        if index is None:
            result.removed.append(row)
        else:
            pairs.append((row, unmatched.pop(index)))
    result.added = unmatched
    for a, b in pairs:
        changes = _changes(a, b, labels)
        if changes:
            result.changed.append((a, b, changes))
    result.changed.sort(key=lambda item: item[1]["order"])
    return result


def compare(old: dict, new: dict) -> VersionDiff:
    """What changed from `old` to `new` (two snapshots)."""
    return VersionDiff(
        settings=_changes(old["settings"], new["settings"], SETTINGS_LABELS),
        key_tasks=_rows(old["key_tasks"], new["key_tasks"], {"text": _("Key task")}, "text"),
        groups=_rows(old["groups"], new["groups"], GROUP_LABELS, "title"),
        criteria=_rows(old["criteria"], new["criteria"], CRITERION_LABELS, "code"),
        rules=_rows(old["rules"], new["rules"], RULE_LABELS, "text"),
        grades=None if old["grades"] == new["grades"] else (old["grades"], new["grades"]),
        tie_breaks=(
            None
            if old["tie_breaks"] == new["tie_breaks"]
            else (old["tie_breaks"], new["tie_breaks"])
        ),
    )
