"""From what a unit enters to points, by the criterion's scoring method (pure; no database).

- quantitative target: the figure reached; the target or more earns the maximum, below the
  threshold earns 0, in between the maximum in proportion (rounded half-up to 0,01);
- yes / no: the maximum or 0;
- graded levels: the chosen level's score (or "not reached": 0);
- free: a score from 0 to the maximum, two decimals at most;
- a bonus or penalty rule: the number of occurrences times the rule's points (the caps of the
  criterion, the group and the pledge are applied when the round is consolidated).

Every function raises a ValidationError keyed by the field ("value", "choice", "points") with a
Vietnamese message, and returns an `Entry` that is stored as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.pledges.models import AdjustmentRule, Criterion, ScoringMethod
from thidua.pledges.validation import number_text, parse_number

TWO_PLACES = Decimal("0.01")
YES, NO, NOT_REACHED = "yes", "no", "none"
MAX_OCCURRENCES = 999
MAX_QUANTITY = Decimal(10) ** 14


@dataclass(frozen=True)
class Entry:
    value: Decimal | None
    choice: str
    points: Decimal


def _number(raw: Any, field: str) -> Decimal | None:
    try:
        number = parse_number(raw)
    except (ValueError, InvalidOperation):
        raise ValidationError({field: _("Enter a number, for example 10 or 2,5.")}) from None
    if number is None:
        return None
    if number < 0:
        raise ValidationError({field: _("The value cannot be negative.")})
    if number != number.quantize(TWO_PLACES) or number >= MAX_QUANTITY:
        raise ValidationError(
            {field: _("Use at most two decimal places and a value below 100 000 billion.")}
        )
    return number.quantize(TWO_PLACES)


def target_points(criterion: Criterion, value: Decimal) -> Decimal:
    """Points for a figure reached against the criterion's target and threshold."""
    maximum, target = criterion.max_score, criterion.target_value
    threshold = criterion.threshold_value
    if threshold is not None and value < threshold:
        return Decimal("0.00")
    if target is None or target <= 0 or value >= target:
        return Decimal(maximum).quantize(TWO_PLACES)
    return (Decimal(maximum) * value / target).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def level_choices(criterion: Criterion) -> list[tuple[str, str]]:
    """(label, "label (score)") for each level, best first, then "not reached"."""
    out = [
        (lv["label"], f"{lv['label']} ({number_text(Decimal(lv['score']))})")
        for lv in criterion.levels or []
    ]
    return [*out, (NOT_REACHED, _("Not reached (0)"))]


def score_criterion(
    criterion: Criterion, *, value: Any = None, choice: str = "", points: Any = None
) -> Entry:
    """The entry for a criterion from the input its method asks for."""
    method = criterion.method
    if method == ScoringMethod.TARGET:
        number = _number(value, "value")
        if number is None:
            raise ValidationError({"value": _("Enter the figure reached.")})
        return Entry(number, "", target_points(criterion, number))
    if method == ScoringMethod.YES_NO:
        if choice not in (YES, NO):
            raise ValidationError({"choice": _("Choose yes or no.")})
        earned = criterion.max_score if choice == YES else Decimal(0)
        return Entry(None, choice, Decimal(earned).quantize(TWO_PLACES))
    if method == ScoringMethod.LEVELS:
        if choice == NOT_REACHED:
            return Entry(None, choice, Decimal("0.00"))
        for level in criterion.levels or []:
            if level["label"] == choice:
                return Entry(None, choice, Decimal(level["score"]).quantize(TWO_PLACES))
        raise ValidationError({"choice": _("Choose one of the levels of this criterion.")})
    return Entry(None, "", free_points(points, criterion.max_score))


def free_points(raw: Any, maximum: Decimal, field: str = "points") -> Decimal:
    """A score typed in directly: from 0 to `maximum`, two decimals at most."""
    number = _number(raw, field)
    if number is None:
        raise ValidationError({field: _("Enter a score.")})
    if number > maximum:
        raise ValidationError(
            {
                field: _("The score cannot be above the maximum of %(max)s.")
                % {"max": number_text(Decimal(maximum))}
            }
        )
    return number


def score_rule(rule: AdjustmentRule, *, value: Any = None) -> Entry:
    """A bonus or penalty rule: how many times it applies (0 when blank)."""
    number = _number(value, "value")
    count = number if number is not None else Decimal(0)
    if count != count.to_integral_value() or count > MAX_OCCURRENCES:
        raise ValidationError(
            {
                "value": _("Enter how many times, a whole number from 0 to %(max)s.")
                % {"max": MAX_OCCURRENCES}
            }
        )
    return Entry(count.quantize(TWO_PLACES), "", (count * rule.points).quantize(TWO_PLACES))


def describe(line_or_score, criterion: Criterion | None) -> str:
    """What was entered, in words: "92 %", "Có", "Tốt", "2 lần"; "" when nothing."""
    value, choice = line_or_score
    if criterion is None:
        return _("%(n)s time(s)") % {"n": number_text(value)} if value is not None else ""
    if criterion.method == ScoringMethod.TARGET and value is not None:
        return f"{number_text(value)} {criterion.target_unit}".strip()
    if criterion.method == ScoringMethod.YES_NO and choice:
        return _("Yes") if choice == YES else _("No")
    if criterion.method == ScoringMethod.LEVELS and choice:
        return _("Not reached") if choice == NOT_REACHED else choice
    return ""
