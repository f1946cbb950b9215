"""Load the award catalogue (awards/data/awards-catalog.json, codes unchanged): titles and forms,
legal regimes, base salaries and bonus multiples as dated configuration."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

CATALOG = Path(__file__).resolve().parent.parent / "data" / "awards-catalog.json"
# The catalogue gives the multiples of the 2022 Law's decrees without a date: they are loaded as
# in force from the Law's first day; a later decree adds rows with its own date.
MULTIPLES_FROM = datetime.date(2024, 1, 1)
MULTIPLES_BASIS = "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP Điều 50–54"


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def load(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Regime = apps.get_model("awards", "Regime")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BonusMultiple = apps.get_model("awards", "BonusMultiple")
    data = json.loads(CATALOG.read_text(encoding="utf-8"))

    for row in data["regimes"]:
        Regime.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["vi"],
                "valid_from": _date(row["from"]),
                "valid_to": _date(row["to"]),
            },
        )
    for row in data["base_salary_vnd"]:
        BaseSalary.objects.update_or_create(
            valid_from=_date(row["from"]),
            defaults={"amount": row["amount"], "basis": row["basis"]},
        )
    for position, row in enumerate([*data["titles"], *data["forms"]], start=1):
        award_type, _ = AwardType.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "subject": row["subject"],
                "name": row["vi"],
                "name_hanoi": row.get("vi_hanoi", ""),
                "article": row["article"],
                "position": position,
            },
        )
        multiples = row.get("bonus_multiple")
        if multiples is None:
            continue
        if not isinstance(multiples, dict):
            multiples = {row["subject"]: multiples}
        for subject_kind, multiple in multiples.items():
            BonusMultiple.objects.update_or_create(
                award_type=award_type,
                subject_kind=subject_kind,
                valid_from=MULTIPLES_FROM,
                defaults={"multiple": Decimal(str(multiple)), "basis": MULTIPLES_BASIS},
            )


def unload(apps, schema_editor):
    for name in ("BonusMultiple", "BaseSalary", "AwardType", "Regime"):
        apps.get_model("awards", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_award_catalogue_and_registry")]

    operations = [migrations.RunPython(load, unload)]
