"""The catalogue as dated configuration, loaded by the data migration."""

import datetime
import json

import pytest

from thidua.awards.models import AwardType, BaseSalary, BonusMultiple, Regime
from thidua.awards.queries import bonus_amount, bonus_amounts, regime_on
from thidua.awards.rules.catalog import CATALOG_PATH

pytestmark = pytest.mark.django_db

DATA = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


def test_the_data_migration_loads_every_catalogue_code_unchanged():
    expected = {row["code"]: row for row in [*DATA["titles"], *DATA["forms"]]}
    loaded = {t.code: t for t in AwardType.objects.all()}
    assert set(loaded) == set(expected)
    for code, row in expected.items():
        award_type = loaded[code]
        assert (award_type.kind, award_type.subject, award_type.name, award_type.article) == (
            row["kind"],
            row["subject"],
            row["vi"],
            row["article"],
        )
        assert award_type.name_hanoi == row.get("vi_hanoi", "")
    assert loaded["co_thi_dua_cap_tinh"].display_name == "Cờ thi đua của Ủy ban nhân dân Thành phố"


def test_the_data_migration_loader_loads_every_code_into_empty_tables():
    from importlib import import_module

    from django.apps import apps

    for model in (BonusMultiple, AwardType, BaseSalary, Regime):
        model.objects.all().delete()
    import_module("thidua.awards.migrations.0002_load_award_catalogue").load(apps, None)
    expected = {row["code"] for row in [*DATA["titles"], *DATA["forms"]]}
    assert set(AwardType.objects.values_list("code", flat=True)) == expected
    assert Regime.objects.count() == 3 and BaseSalary.objects.count() == 2
    assert BonusMultiple.objects.count() == 15  # 8 titles, Giấy khen twice, 5 other forms


def test_ensure_catalogue_restores_a_flushed_catalogue():
    from thidua.awards.actions import ensure_catalogue

    assert ensure_catalogue() is False
    BonusMultiple.objects.all().delete()
    AwardType.objects.all().delete()
    assert ensure_catalogue() is True
    assert AwardType.objects.count() == len(DATA["titles"]) + len(DATA["forms"])


def test_titles_come_before_forms_in_catalogue_order():
    kinds = list(AwardType.objects.values_list("kind", flat=True))
    assert kinds == sorted(kinds, key=lambda k: k != "title")


def test_regimes_and_base_salaries_are_dated_rows():
    assert list(Regime.objects.values_list("code", flat=True)) == [
        r["code"] for r in sorted(DATA["regimes"], key=lambda r: r["from"])
    ]
    assert {(b.valid_from, b.amount) for b in BaseSalary.objects.all()} == {
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2024, 7, 1), 2_340_000),
    }
    multiples = {(m.award_type.code, m.subject_kind) for m in BonusMultiple.objects.all()}
    assert ("giay_khen", "individual") in multiples and ("giay_khen", "collective") in multiples
    assert ("bang_khen_cap_tinh", "individual") not in multiples


def test_regime_follows_the_date():
    assert regime_on(datetime.date(2019, 12, 20)).code == "luat_2013_nd_91_2017"
    assert regime_on(datetime.date(2025, 6, 30)).code == "luat_2022_nd_98_2023"
    assert regime_on(datetime.date(2025, 7, 1)).code == "luat_2022_nd_152_2025"
    assert regime_on(datetime.date(2016, 1, 1)) is None


@pytest.mark.parametrize(
    ("code", "kind", "on", "amount"),
    [
        ("chien_si_thi_dua_co_so", "individual", datetime.date(2024, 7, 1), 2_340_000),
        ("chien_si_thi_dua_co_so", "individual", datetime.date(2024, 6, 30), 1_800_000),
        ("lao_dong_tien_tien", "individual", datetime.date(2025, 1, 20), 702_000),
        ("co_thi_dua_cap_tinh", "collective", datetime.date(2025, 1, 20), 18_720_000),
        ("giay_khen", "individual", datetime.date(2025, 1, 20), 702_000),
        ("giay_khen", "collective", datetime.date(2025, 1, 20), 1_404_000),
        ("huan_chuong_lao_dong_hang_ba", "collective", datetime.date(2025, 1, 20), 21_060_000),
    ],
)
def test_bonus_is_the_multiple_times_the_base_salary_of_the_date(code, kind, on, amount):
    assert bonus_amount(code, kind, on=on) == amount
    award_type = AwardType.objects.get(code=code)
    assert bonus_amounts(on)[(award_type.pk, kind)] == amount


def test_no_bonus_without_a_configured_multiple_or_salary():
    assert bonus_amount("bang_khen_cap_tinh", "individual", on=datetime.date(2025, 1, 1)) is None
    assert bonus_amount("lao_dong_tien_tien", "individual", on=datetime.date(2023, 6, 30)) is None


def test_a_new_decree_is_a_new_dated_row():
    BaseSalary.objects.create(valid_from=datetime.date(2026, 7, 1), amount=2_530_000, basis="x")
    on = datetime.date(2026, 8, 1)
    assert bonus_amount("chien_si_thi_dua_co_so", "individual", on=on) == 2_530_000
    assert (
        bonus_amount("chien_si_thi_dua_co_so", "individual", on=datetime.date(2026, 6, 1))
        == 2_340_000
    )
