"""The catalogue copy and the rules as data: codes, ranks, regimes, articles, thresholds."""

import datetime
import json

import pytest

from thidua.awards.rules import RULES, rules_for
from thidua.awards.rules.catalog import (
    CATALOG,
    CATALOG_PATH,
    award_name,
    rating_rank,
    regime,
    regime_for_year,
    scope_rank,
)
from thidua.awards.rules.conditions import MemberShare, TitleRun, YearlyRun

TITLES = [
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_cap_tinh",
    "co_thi_dua_chinh_phu",
]
FORMS = [
    "giay_khen",
    "bang_khen_cap_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
    "huan_chuong_lao_dong_hang_nhi",
    "huan_chuong_lao_dong_hang_nhat",
]


def test_the_catalogue_copy_keeps_the_shared_codes():
    data = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    assert [t["code"] for t in data["titles"]] == TITLES
    assert [f["code"] for f in data["forms"]] == FORMS
    assert list(CATALOG.titles) == TITLES
    assert list(CATALOG.forms) == FORMS


def test_ranks_order_ratings_scopes_and_disciplines():
    assert rating_rank("htxsnv") > rating_rank("httnv") > rating_rank("htnv") > rating_rank("khtnv")
    assert scope_rank("toan_quoc") > scope_rank("cap_tinh") > scope_rank("co_so")
    ranks = [CATALOG.disciplines[c].rank for c in ("khien_trach", "canh_cao", "buoc_thoi_viec")]
    assert ranks == sorted(ranks)


def test_regimes_carry_their_dates():
    nd_98 = regime("luat_2022_nd_98_2023")
    assert (nd_98.start, nd_98.end) == (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
    assert regime("luat_2022_nd_152_2025").end is None
    # Mid-2025 is under NĐ 98, but the review of 2025 is held under NĐ 152.
    assert CATALOG.regime_on(datetime.date(2025, 6, 30)).code == "luat_2022_nd_98_2023"
    assert regime_for_year(2025) == "luat_2022_nd_152_2025"


def test_award_names_are_vietnamese():
    assert award_name("chien_si_thi_dua_co_so") == "Chiến sĩ thi đua cơ sở"
    assert award_name("huan_chuong_lao_dong_hang_ba") == "Huân chương Lao động hạng Ba"


EXPECTED_ROUTES = {
    ("lao_dong_tien_tien", "individual"): ["24.1"],
    ("chien_si_thi_dua_co_so", "individual"): ["23"],
    ("chien_si_thi_dua_cap_tinh", "individual"): ["22.1"],
    ("chien_si_thi_dua_toan_quoc", "individual"): ["21.1"],
    ("tap_the_lao_dong_tien_tien", "collective"): ["28.1"],
    ("tap_the_lao_dong_xuat_sac", "collective"): ["27.1"],
    ("co_thi_dua_cap_tinh", "collective"): ["26.1", "26.2"],
    ("co_thi_dua_chinh_phu", "collective"): ["25.1", "25.2", "25.3"],
    ("bang_khen_cap_tinh", "individual"): ["74.1.d", "74.1.a"],
    ("bang_khen_cap_tinh", "collective"): ["74.3.d", "74.3.a"],
    ("bang_khen_thu_tuong", "individual"): ["73.1.b"],
    ("bang_khen_thu_tuong", "collective"): ["73.4.e"],
    ("huan_chuong_lao_dong_hang_ba", "individual"): ["44.1.e"],
    ("huan_chuong_lao_dong_hang_ba", "collective"): ["44.4.đ"],
    ("huan_chuong_lao_dong_hang_nhi", "individual"): ["43.1.đ"],
    ("huan_chuong_lao_dong_hang_nhi", "collective"): ["43.4.d"],
    ("huan_chuong_lao_dong_hang_nhat", "individual"): ["42.1.đ"],
    ("huan_chuong_lao_dong_hang_nhat", "collective"): ["42.4.d"],
    ("giay_khen", "individual"): ["75"],
    ("giay_khen", "collective"): ["75"],
}


@pytest.mark.parametrize("regime_code", [r.code for r in CATALOG.regimes])
@pytest.mark.parametrize(("code", "subject"), sorted(EXPECTED_ROUTES))
def test_every_row_of_the_regulations_has_its_routes_under_every_regime(regime_code, code, subject):
    routes = [r.route for r in rules_for(code, subject, regime_code)]
    assert routes == EXPECTED_ROUTES[(code, subject)]


def test_every_rule_is_tagged_with_code_route_article_subject_and_regimes():
    regimes = {r.code for r in CATALOG.regimes}
    for rule in RULES:
        assert rule.code in CATALOG.titles or rule.code in CATALOG.forms
        assert rule.subject in ("individual", "collective")
        assert set(rule.regimes) <= regimes
        assert rule.article.startswith(("Điều", "Luật"))
        assert not rule.modelled or rule.conditions
        for condition in rule.conditions:
            assert "Luật Thi đua, khen thưởng" in condition.basis


def test_thresholds_are_data_on_the_rules():
    (provincial,) = rules_for("chien_si_thi_dua_cap_tinh", "individual", "luat_2022_nd_152_2025")
    (run,) = [c for c in provincial.conditions if isinstance(c, TitleRun)]
    assert (run.title, run.length) == ("chien_si_thi_dua_co_so", 3)
    (collective,) = rules_for("tap_the_lao_dong_tien_tien", "collective", "luat_2022_nd_98_2023")
    (share,) = [c for c in collective.conditions if isinstance(c, MemberShare)]
    assert (share.field, share.percent, share.strictly_above) == ("lao_dong_tien_tien", 70, False)
    (order,) = rules_for("huan_chuong_lao_dong_hang_ba", "individual", "luat_2022_nd_152_2025")
    (years,) = [c for c in order.conditions if isinstance(c, YearlyRun)]
    assert (years.length, years.minimum) == (5, "httnv")
