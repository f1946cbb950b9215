"""Caps on bonus and penalty points: per criterion, per content group, per pledge.

Pure functions over a `Caps` tree (built by `queries.caps_of(version, kind)`): the actions use
`problems` to refuse a pledge whose caps contradict each other, scoring uses `capped_total` to
bound what a unit earns. A cap of None means "only the caps above apply".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .validation import number_text


@dataclass(frozen=True)
class Caps:
    kind: str  # "bonus" or "penalty"
    pledge: Decimal
    groups: dict[int, Decimal | None] = field(default_factory=dict)
    group_titles: dict[int, str] = field(default_factory=dict)
    # criterion id → (group id, cap, code)
    criteria: dict[int, tuple[int, Decimal | None, str]] = field(default_factory=dict)
    # rule id → (criterion id or None, group id or None, points, text)
    rules: dict[int, tuple[int | None, int | None, Decimal, str]] = field(default_factory=dict)

    def limit_for_rule(self, criterion_id: int | None, group_id: int | None) -> Decimal:
        """The tightest cap above a rule attached to a criterion, a group or the pledge."""
        limits = [self.pledge]
        if criterion_id is not None:
            group_id, cap, _code = self.criteria[criterion_id]
            if cap is not None:
                limits.append(cap)
        if group_id is not None and self.groups.get(group_id) is not None:
            limits.append(self.groups[group_id])
        return min(limits)


def problems(caps: Caps) -> list[str]:
    """Every contradiction: a lower level capped above a higher one, a rule above its cap."""
    out: list[str] = []
    what = _("bonus") if caps.kind == "bonus" else _("penalty")
    for group_id, cap in caps.groups.items():
        if cap is not None and cap > caps.pledge:
            out.append(
                _(
                    "The %(what)s cap of group “%(group)s” (%(cap)s) is above the pledge's "
                    "(%(top)s)."
                )
                % {
                    "what": what,
                    "group": caps.group_titles[group_id],
                    "cap": number_text(cap),
                    "top": number_text(caps.pledge),
                }
            )
    for group_id, cap, code in caps.criteria.values():
        if cap is None:
            continue
        above = caps.groups.get(group_id)
        top = min(caps.pledge, above) if above is not None else caps.pledge
        if cap > top:
            out.append(
                _(
                    "The %(what)s cap of criterion %(code)s (%(cap)s) is above its group's or "
                    "the pledge's (%(top)s)."
                )
                % {"what": what, "code": code, "cap": number_text(cap), "top": number_text(top)}
            )
    for criterion_id, group_id, points, text in caps.rules.values():
        limit = caps.limit_for_rule(criterion_id, group_id)
        if points > limit:
            out.append(
                _("The rule “%(rule)s” gives %(points)s points, above its %(what)s cap (%(cap)s).")
                % {
                    "rule": text[:60],
                    "points": number_text(points),
                    "what": what,
                    "cap": number_text(limit),
                }
            )
    return out


def capped_total(caps: Caps, awarded: Mapping[int, Decimal]) -> Decimal:
    """The bonus (or penalty) a unit gets from the points awarded per rule (rule id → points,
    i.e. points × occurrences), bounded by the criterion, then the group, then the pledge cap."""
    by_criterion: dict[int, Decimal] = defaultdict(Decimal)
    by_group: dict[int, Decimal] = defaultdict(Decimal)
    pledge_level = Decimal(0)
    for rule_id, points in awarded.items():
        criterion_id, group_id, _points, _text = caps.rules[rule_id]
        if criterion_id is not None:
            by_criterion[criterion_id] += points
        elif group_id is not None:
            by_group[group_id] += points
        else:
            pledge_level += points
    for criterion_id, points in by_criterion.items():
        group_id, cap, _code = caps.criteria[criterion_id]
        by_group[group_id] += points if cap is None else min(points, cap)
    total = pledge_level
    for group_id, points in by_group.items():
        cap = caps.groups.get(group_id)
        total += points if cap is None else min(points, cap)
    return min(total, caps.pledge)
