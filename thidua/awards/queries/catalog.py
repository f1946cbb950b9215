"""The catalogue and its dated money settings."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from ..models import AwardSubject, AwardType, BaseSalary, BonusMultiple, Regime
from ..rules import catalog as rules_catalog


def award_types(kind: str | None = None) -> QuerySet[AwardType]:
    """Titles and forms in catalogue order (titles first)."""
    types = AwardType.objects.all()
    return types.filter(kind=kind) if kind else types


def award_types_for(subject_kind: str) -> QuerySet[AwardType]:
    """The titles and forms that may be given to an individual or a collective."""
    return AwardType.objects.filter(subject__in=[subject_kind, AwardSubject.BOTH])


def regime_on(day: datetime.date) -> Regime | None:
    """The regime row in force on ``day`` (computed by the rules' catalogue), or None."""
    found = rules_catalog.regime_on(day)
    return Regime.objects.filter(code=found.code).first() if found else None


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def _amount(multiple: Decimal, salary: int) -> int:
    return int((multiple * salary).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def bonus_amount(
    award_type: AwardType | str, subject_kind: str, *, on: datetime.date
) -> int | None:
    """The bonus in đồng for a title or form given to an individual or collective on a date:
    the multiple in force on that date × the base salary in force on that date.

    None when either is not configured for that date (e.g. Bằng khen for an individual, whose
    multiple the catalogue does not give, or a date before the first base salary).
    """
    code = award_type if isinstance(award_type, str) else award_type.code
    multiple = (
        BonusMultiple.objects.filter(
            award_type__code=code, subject_kind=subject_kind, valid_from__lte=on
        )
        .order_by("-valid_from")
        .values_list("multiple", flat=True)
        .first()
    )
    salary = base_salary_on(on)
    if multiple is None or salary is None:
        return None
    return _amount(multiple, salary.amount)


def bonus_amounts(on: datetime.date) -> dict[tuple[int, str], int]:
    """Every (award type id, subject kind) → bonus in đồng on a date, in two queries."""
    salary = base_salary_on(on)
    if salary is None:
        return {}
    table: dict[tuple[int, str], int] = {}
    rows = BonusMultiple.objects.filter(valid_from__lte=on).order_by(
        "award_type_id", "subject_kind", "-valid_from"
    )
    for row in rows.values_list("award_type_id", "subject_kind", "multiple"):
        table.setdefault((row[0], row[1]), _amount(row[2], salary.amount))
    return table
