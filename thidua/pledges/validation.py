"""Parsing and checking of pledge content, shared by the actions, the API and the Excel import.

Each `clean_*` function takes raw values (strings from a form or a spreadsheet cell, numbers from
the API) and returns `(cleaned, errors)`: the typed values, and a message per bad field. Nothing
here touches the database; the actions raise the errors as a ValidationError with field keys, the
import names the row and column.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from thidua.core import vn

from .models import ScoringMethod, TieBreakKind

TWO_PLACES = Decimal("0.01")
MAX_SCORE = Decimal("999999.99")


def text(value: Any) -> str:
    """A single-line text: NFC, single spaces (vn.clean_text)."""
    if value is None:
        return ""
    return vn.clean_text(str(value))


def long_text(value: Any) -> str:
    """A text of several lines: each line cleaned, blank lines at the ends dropped."""
    if value is None:
        return ""
    lines = [vn.clean_text(line) for line in vn.nfc(str(value)).splitlines()]
    return "\n".join(lines).strip()


def parse_number(value: Any) -> Decimal | None:
    """A number from a form, a cell or JSON: "2,5", "2.5", "1.234,5", 2.5 → Decimal; blank → None.

    Raises ValueError when the value is not a number.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        raw = vn.clean_text(str(value)).replace(" ", "")
        if not raw:
            return None
        if "," in raw and "." in raw:  # Vietnamese grouping: 1.234,5
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
            raise ValueError(value)
        number = Decimal(raw)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _score(value: Any, errors: dict, field: str, *, required: bool, positive: bool = False):
    """A score with at most two decimals, not negative (positive when asked)."""
    try:
        number = parse_number(value)
    except (ValueError, InvalidOperation):
        errors[field] = _("Enter a number, for example 10 or 2,5.")
        return None
    if number is None:
        if required:
            errors[field] = _("This field cannot be empty.")
        return None
    if number < 0:
        errors[field] = _("The score cannot be negative.")
        return None
    if positive and number == 0:
        errors[field] = _("The score must be greater than 0.")
        return None
    if number != number.quantize(TWO_PLACES) or number > MAX_SCORE:
        errors[field] = _("Use at most two decimal places and a value below one million.")
        return None
    return number.quantize(TWO_PLACES)


def score(
    value: Any, field: str = "score", *, required: bool = True
) -> tuple[Decimal | None, dict]:
    errors: dict = {}
    return _score(value, errors, field, required=required), errors


def _quantity(value: Any, errors: dict, field: str):
    try:
        number = parse_number(value)
    except (ValueError, InvalidOperation):
        errors[field] = _("Enter a number, for example 80 or 14,6.")
        return None
    if number is not None and (abs(number) >= Decimal(10) ** 14 or -number.as_tuple().exponent > 2):
        errors[field] = _("Use at most two decimal places and a value below one million.")
        return None
    return number


METHOD_ALIASES = {
    **{m.value: m.value for m in ScoringMethod},
    "dinh luong": ScoringMethod.TARGET,
    "chi tieu": ScoringMethod.TARGET,
    "co/khong": ScoringMethod.YES_NO,
    "co / khong": ScoringMethod.YES_NO,
    "co khong": ScoringMethod.YES_NO,
    "theo muc": ScoringMethod.LEVELS,
    "muc": ScoringMethod.LEVELS,
    "tu do": ScoringMethod.FREE,
    "cham tu do": ScoringMethod.FREE,
}

# How each method is written in the Excel template (and read back).
METHOD_LABELS_VI = {
    ScoringMethod.TARGET: "Định lượng",
    ScoringMethod.YES_NO: "Có/Không",
    ScoringMethod.LEVELS: "Theo mức",
    ScoringMethod.FREE: "Chấm tự do",
}


def parse_method(value: Any) -> str | None:
    raw = vn.fold(text(value)) if value is not None else ""
    return METHOD_ALIASES.get(raw) or METHOD_ALIASES.get(str(value or "").strip())


def parse_levels(value: Any) -> list[dict]:
    """Levels as written in a form or a cell: "Tốt: 10; Khá: 7" (or one per line), or a list of
    {"label", "score"} from the API. Raises ValueError with a message on a bad level."""
    if value in (None, ""):
        return []
    if isinstance(value, list):
        items = [(text(i.get("label")), i.get("score")) for i in value if isinstance(i, dict)]
        if len(items) != len(value):
            raise ValueError(_("Each level needs a label and a score."))
    else:
        items = []
        for part in re.split(r"[;\n]", vn.nfc(str(value))):
            if not part.strip():
                continue
            label, sep, number = part.rpartition(":")
            if not sep:
                raise ValueError(
                    _(
                        "Write each level as “label: score”, separated by “;”, "
                        "e.g. “Tốt: 10; Khá: 7”."
                    )
                )
            items.append((text(label), number))
    levels = []
    for label, number in items:
        if not label:
            raise ValueError(_("Each level needs a label and a score."))
        try:
            parsed = parse_number(number)
        except (ValueError, InvalidOperation):
            parsed = None
        if parsed is None or parsed < 0:
            raise ValueError(
                _("The score of level “%(label)s” is not a number.") % {"label": label}
            )
        levels.append({"label": label, "score": str(parsed.quantize(TWO_PLACES))})
    return levels


def format_levels(levels: list[dict]) -> str:
    """The text form of levels, read back by parse_levels: "Tốt: 10; Khá: 7,5"."""
    return "; ".join(f"{lv['label']}: {number_text(Decimal(lv['score']))}" for lv in levels)


def number_text(value: Decimal | None) -> str:
    """A number without grouping, decimal comma, no trailing zeros: 7.50 → "7,5"."""
    if value is None:
        return ""
    plain = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain.replace(".", ",")


CRITERION_FIELDS = (
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


def clean_criterion(raw: dict) -> tuple[dict, dict]:
    """Check one criterion; return (fields, errors by field)."""
    errors: dict = {}
    data: dict = {
        "code": text(raw.get("code")),
        "text": long_text(raw.get("text")),
        "target_unit": text(raw.get("target_unit")),
        "evidence": long_text(raw.get("evidence")),
    }
    if not data["code"]:
        errors["code"] = _("This field cannot be empty.")
    elif len(data["code"]) > 20:
        errors["code"] = _("The code is at most 20 characters long.")
    if not data["text"]:
        errors["text"] = _("This field cannot be empty.")
    if len(data["target_unit"]) > 60:
        errors["target_unit"] = _("The unit is at most 60 characters long.")
    data["max_score"] = _score(
        raw.get("max_score"), errors, "max_score", required=True, positive=True
    )
    method = parse_method(raw.get("method"))
    if method is None:
        errors["method"] = _("Choose a scoring method: %(methods)s.") % {
            "methods": ", ".join(METHOD_LABELS_VI.values())
        }
    data["method"] = method
    data["target_value"] = _quantity(raw.get("target_value"), errors, "target_value")
    data["threshold_value"] = _quantity(raw.get("threshold_value"), errors, "threshold_value")
    try:
        data["levels"] = parse_levels(raw.get("levels"))
    except ValueError as exc:
        errors["levels"] = str(exc)
        data["levels"] = []
    data["bonus_cap"] = _score(raw.get("bonus_cap"), errors, "bonus_cap", required=False)
    data["penalty_cap"] = _score(raw.get("penalty_cap"), errors, "penalty_cap", required=False)
    _check_method(data, errors)
    return data, errors


def _check_method(data: dict, errors: dict) -> None:
    method, top = data["method"], data["max_score"]
    if method == ScoringMethod.TARGET:
        target, threshold = data["target_value"], data["threshold_value"]
        if target is None and "target_value" not in errors:
            errors["target_value"] = _("A quantitative criterion needs a target.")
        elif target is not None and target <= 0:
            errors["target_value"] = _("The target must be greater than 0.")
        if threshold is not None and target is not None and not 0 <= threshold <= target:
            errors["threshold_value"] = _("The threshold must lie between 0 and the target.")
        if not data["target_unit"] and "target_unit" not in errors:
            errors["target_unit"] = _("Give the unit of the target, e.g. %, hộ, tỷ đồng.")
    elif method is not None:
        data["target_value"] = data["threshold_value"] = None
        data["target_unit"] = ""
    if method == ScoringMethod.LEVELS and "levels" not in errors:
        levels = data["levels"]
        scores = [Decimal(lv["score"]) for lv in levels]
        if len(levels) < 2:
            errors["levels"] = _(
                "Graded scoring needs at least two levels, e.g. “Tốt: 10; Khá: 7”."
            )
        elif len({lv["label"] for lv in levels}) != len(levels):
            errors["levels"] = _("Two levels have the same label.")
        elif scores != sorted(scores, reverse=True) or len(set(scores)) != len(scores):
            errors["levels"] = _(
                "List the levels from the best down, each worth less than the one before."
            )
        elif top is not None and scores[0] != top:
            errors["levels"] = _("The best level must be worth the maximum score (%(max)s).") % {
                "max": number_text(top)
            }
    elif method is not None and method != ScoringMethod.LEVELS:
        data["levels"] = []
    if data["penalty_cap"] is not None and top is not None and data["penalty_cap"] > top:
        errors["penalty_cap"] = _("The penalty of a criterion cannot exceed its maximum score.")


def clean_group(raw: dict) -> tuple[dict, dict]:
    errors: dict = {}
    data = {"title": text(raw.get("title"))}
    if not data["title"]:
        errors["title"] = _("This field cannot be empty.")
    elif len(data["title"]) > 255:
        errors["title"] = _("The title is at most 255 characters long.")
    data["bonus_cap"] = _score(raw.get("bonus_cap"), errors, "bonus_cap", required=False)
    data["penalty_cap"] = _score(raw.get("penalty_cap"), errors, "penalty_cap", required=False)
    return data, errors


def clean_grades(rows: list[dict], *, scale: int) -> tuple[list[dict], list[str]]:
    """Grades best first, each from a lower score than the one before, none above the scale."""
    errors: list[str] = []
    grades: list[dict] = []
    for i, row in enumerate(rows, start=1):
        label = text(row.get("label"))
        row_errors: dict = {}
        minimum = _score(row.get("min_score"), row_errors, "min_score", required=True)
        if not label:
            errors.append(_("Grade %(n)s: give its name.") % {"n": i})
        for message in row_errors.values():
            errors.append(_("Grade %(n)s: %(message)s") % {"n": i, "message": message})
        if minimum is not None and minimum > scale:
            errors.append(
                _("Grade %(n)s: the threshold %(min)s is above the scale (%(scale)s).")
                % {"n": i, "min": number_text(minimum), "scale": scale}
            )
        grades.append(
            {
                "label": label,
                "min_score": minimum,
                "excluded_by_zero_criterion": bool(row.get("excluded_by_zero_criterion")),
            }
        )
    labels = [g["label"] for g in grades if g["label"]]
    if len(set(labels)) != len(labels):
        errors.append(_("Two grades have the same name."))
    minima = [g["min_score"] for g in grades if g["min_score"] is not None]
    if not errors and any(a <= b for a, b in itertools.pairwise(minima)):
        errors.append(_("List the grades from the best down, each from fewer points."))
    return grades, errors


def clean_tie_breaks(rows: list[dict], *, group_ids: set[int]) -> tuple[list[dict], list[str]]:
    errors: list[str] = []
    steps: list[dict] = []
    seen: set = set()
    for i, row in enumerate(rows, start=1):
        kind, group_id = row.get("kind"), row.get("group_id") or None
        if kind not in TieBreakKind.values:
            errors.append(_("Step %(n)s: choose a rule.") % {"n": i})
            continue
        if kind == TieBreakKind.GROUP_SCORE and group_id not in group_ids:
            errors.append(_("Step %(n)s: choose a content group of this pledge.") % {"n": i})
            continue
        if kind != TieBreakKind.GROUP_SCORE:
            group_id = None
        if (kind, group_id) in seen:
            errors.append(_("Step %(n)s repeats an earlier step.") % {"n": i})
        seen.add((kind, group_id))
        steps.append({"kind": kind, "group_id": group_id})
    bodies = [i for i, s in enumerate(steps) if s["kind"] == TieBreakKind.ASSESSING_BODY]
    if bodies and bodies[0] != len(steps) - 1:
        errors.append(_("“Decided by the assessing body” can only be the last step."))
    return steps, errors
