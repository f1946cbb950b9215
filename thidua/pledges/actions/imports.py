"""Import the criteria table of a draft from Excel: all rows or none.

Every row is checked before anything is written; the error names each bad row and column in
Vietnamese. Rows are matched to existing criteria by code (kept: same identity, so scores and
diffs follow them), groups by title; criteria and groups absent from the file are removed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit, uploads

from .. import excel, validation
from ..models import AdjustmentRule, ContentGroup, Criterion, PledgeVersion, TieBreakStep
from ._base import check_caps, leader_of, lock_version

XLSX = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
ORDER = ("group", *validation.CRITERION_FIELDS)


def _row_errors(sheet: excel.Sheet, rows) -> tuple[list[tuple[int, str, dict]], list[str]]:
    errors: list[str] = []
    cleaned: list[tuple[int, str, dict]] = []
    first_row_of: dict[str, int] = {}
    for number, raw in rows:
        group = validation.text(raw.get("group"))
        data, found = validation.clean_criterion(raw)
        if not group:
            found["group"] = _("This field cannot be empty.")
        elif len(group) > 255:
            found["group"] = _("The title is at most 255 characters long.")
        code = data["code"]
        if code and code in first_row_of and "code" not in found:
            found["code"] = _("The code %(code)s is already used on row %(row)s.") % {
                "code": code,
                "row": first_row_of[code],
            }
        first_row_of.setdefault(code, number)
        for field in ORDER:
            if field in found:
                letter = sheet.letters.get(field) or excel.column_of(field)[0]
                errors.append(
                    _("Row %(row)s, column %(column)s (%(header)s): %(message)s")
                    % {
                        "row": number,
                        "column": letter,
                        "header": excel.column_of(field)[1],
                        "message": found[field],
                    }
                )
        cleaned.append((number, group, data))
    return cleaned, errors


def _blocked(locked: PledgeVersion, codes: set[str], titles: set[str]) -> list[str]:
    """Rows the import would remove that a rule or a tie-break step still refers to."""
    errors = []
    for rule in AdjustmentRule.objects.filter(pledge_version=locked).select_related(
        "criterion", "group"
    ):
        if rule.criterion_id and rule.criterion.code not in codes:
            errors.append(
                _("Criterion %(code)s is not in the file but the rule “%(rule)s” refers to it.")
                % {"code": rule.criterion.code, "rule": rule.text[:60]}
            )
        if rule.group_id and rule.group.title not in titles:
            errors.append(
                _("Group “%(group)s” is not in the file but the rule “%(rule)s” refers to it.")
                % {"group": rule.group.title, "rule": rule.text[:60]}
            )
    steps = TieBreakStep.objects.filter(pledge_version=locked, group__isnull=False)
    for step in steps.select_related("group"):
        if step.group.title not in titles:
            errors.append(
                _("Group “%(group)s” is not in the file but the tie-break chain refers to it.")
                % {"group": step.group.title}
            )
    return errors


@transaction.atomic
def import_criteria(*, pledge_version: PledgeVersion, upload, by) -> dict[str, int]:
    """Replace a draft's criteria table with the workbook's; return what was created, updated
    and removed. Any bad row: nothing changes, and the error lists every bad row and column."""
    uploads.check_upload(upload, allowed=XLSX, field="file")
    locked = lock_version(pledge_version)
    sheet = excel.read_criteria(upload)
    if sheet.errors:
        raise ValidationError({"file": sheet.errors})
    if not sheet.rows:
        raise ValidationError({"file": _("The file holds no criteria.")})
    cleaned, errors = _row_errors(sheet, sheet.rows)
    if not errors:
        total = sum((data["max_score"] for _n, _g, data in cleaned), Decimal(0))
        if total != locked.scale:
            errors.append(
                _("The total of maximum scores is %(total)s, not the scale of %(scale)s.")
                % {"total": validation.number_text(total), "scale": locked.scale}
            )
    codes = {data["code"] for _n, _g, data in cleaned}
    titles = {group for _n, group, _d in cleaned}
    errors.extend(_blocked(locked, codes, titles))
    if errors:
        raise ValidationError({"file": errors})

    before = list(locked.criteria.order_by("position", "pk").values_list("code", "max_score"))
    groups = {g.title: g for g in ContentGroup.objects.filter(pledge_version=locked)}
    existing = {c.code: c for c in Criterion.objects.filter(pledge_version=locked)}
    order = list(dict.fromkeys(group for _n, group, _d in cleaned))
    for position, title in enumerate(order, start=1):
        group = groups.get(title)
        if group is None:
            groups[title] = ContentGroup.objects.create(
                pledge_version=locked, title=title, position=position
            )
        elif group.position != position:
            group.position = position
            group.version += 1
            group.save(update_fields=["position", "version"])
    created = updated = 0
    for position, (_number, title, data) in enumerate(cleaned, start=1):
        criterion = existing.get(data["code"])
        if criterion is None:
            Criterion.objects.create(
                pledge_version=locked, group=groups[title], position=position, **data
            )
            created += 1
            continue
        for name, value in data.items():
            setattr(criterion, name, value)
        criterion.group, criterion.position = groups[title], position
        criterion.version += 1
        criterion.save(update_fields=[*data, "group", "position", "version"])
        updated += 1
    removed = Criterion.objects.filter(pledge_version=locked).exclude(code__in=codes).delete()[0]
    ContentGroup.objects.filter(pledge_version=locked).exclude(title__in=titles).delete()
    check_caps(locked, bonus_field="file", penalty_field="file")
    result = {"created": created, "updated": updated, "removed": removed}
    audit.record(
        actor=by,
        action="pledges.criteria.imported",
        obj=locked,
        before={"criteria": before},
        after={
            "criteria": [(d["code"], d["max_score"]) for _n, _g, d in cleaned],
            "file": upload.name,
            **result,
        },
        unit=leader_of(locked),
    )
    return result
