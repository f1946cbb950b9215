"""The regime before 2024 (Luật 2003 sửa đổi 2013, Nghị định 91/2017/NĐ-CP): the listed
differences apply, and every other rule says it is not modelled instead of using the 2022 one."""

import pytest

from thidua.awards.rules import RULES, rules_for
from thidua.awards.rules.builder import collective, individual, unmet
from thidua.awards.rules.catalog import CATALOG

LAW_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013)"
REGIME = "luat_2013_nd_91_2017"
MODELLED = {
    ("lao_dong_tien_tien", "individual"),
    ("chien_si_thi_dua_co_so", "individual"),
    ("tap_the_lao_dong_tien_tien", "collective"),
}


def test_an_advanced_worker_of_2023_is_judged_under_the_2003_law():
    case = individual().rating(2023, "httnv").fact(2023, "active_in_movements")
    result = case.request("lao_dong_tien_tien", 2023).evaluate()
    assert result["regime"] == REGIME
    assert result["verdict"] == "eligible"
    assert result["routes"][0]["conditions"][0]["basis"] == f"Điều 24 {LAW_2013}"


def grassroots_fighter_2023():
    return (
        individual()
        .rating(2023, "htxsnv")
        .fact(2023, "active_in_movements")
        .request("chien_si_thi_dua_co_so", 2023)
    )


def test_an_excellent_rating_alone_did_not_make_a_grassroots_fighter_before_2024():
    result = grassroots_fighter_2023().evaluate()
    assert result["verdict"] == "not_eligible"
    (failing,) = unmet(result)
    assert failing["basis"] == f"Điều 23 {LAW_2013}; Nghị định 91/2017/NĐ-CP"
    assert "xếp loại không thay thế được" in failing["message"]
    assert "năm 2023" in failing["message"]


@pytest.mark.parametrize("kind", ["initiative", "research"])
def test_a_grassroots_fighter_before_2024_needed_an_initiative_or_a_project(kind):
    case = grassroots_fighter_2023()
    getattr(case, kind)(2023, "X-1")
    assert case.evaluate()["verdict"] == "eligible"


def test_the_grassroots_fighter_quota_of_decree_91_is_kept_as_data_for_the_unit_check():
    (rule,) = rules_for("chien_si_thi_dua_co_so", "individual", REGIME)
    assert rule.quota.percent == 15
    assert rule.quota.of == "lao_dong_tien_tien"
    (rule_2025,) = rules_for("chien_si_thi_dua_co_so", "individual", "luat_2022_nd_152_2025")
    assert rule_2025.quota is None


def advanced_collective(year, advanced):
    return (
        collective()
        .rating(year, "httnv")
        .members(year, 10, lao_dong_tien_tien=advanced)
        .fact(year, "united")
        .request("tap_the_lao_dong_tien_tien", year)
    )


@pytest.mark.parametrize(
    ("year", "advanced", "verdict"),
    [
        (2023, 6, "eligible"),
        (2023, 5, "not_eligible"),
        (2025, 6, "not_eligible"),
        (2025, 7, "eligible"),
    ],
    ids=["2023-60-percent", "2023-exactly-half", "2025-60-percent", "2025-70-percent"],
)
def test_an_advanced_collective_needed_over_half_before_2024_and_seventy_percent_after(
    year, advanced, verdict
):
    result = advanced_collective(year, advanced).evaluate()
    assert result["verdict"] == verdict
    if year == 2023 and verdict == "not_eligible":
        (failing,) = unmet(result)
        assert failing["basis"] == f"Điều 28 khoản 1 điểm c {LAW_2013}"
        assert "5/10 thành viên (50%)" in failing["message"]
        assert "trên 50%" in failing["message"]


UNMODELLED = sorted({(r.code, r.subject) for r in RULES if REGIME in r.regimes and not r.modelled})


def test_every_title_and_form_of_the_catalogue_is_either_modelled_or_said_not_to_be():
    every = {
        (code, kind)
        for code in (*CATALOG.titles, *CATALOG.forms)
        for kind in ("individual", "collective")
        if CATALOG.award(code).applies_to(kind)
    }
    assert set(UNMODELLED) | MODELLED == every
    assert not set(UNMODELLED) & MODELLED


@pytest.mark.parametrize(("code", "kind"), UNMODELLED)
def test_a_rule_of_the_earlier_regime_that_is_not_listed_says_so(code, kind):
    builder = individual() if kind == "individual" else collective()
    result = builder.request(code, 2023).evaluate()
    assert result["verdict"] == "not_eligible"
    assert result["regime"] == REGIME
    for route in result["routes"]:
        first = route["conditions"][0]
        assert first["met"] is False
        assert "chưa được mô hình hóa" in first["message"]
        assert "không áp dụng thay quy định của Luật Thi đua, khen thưởng 2022" in first["message"]
        assert "Nghị định 91/2017/NĐ-CP" in first["basis"]


def test_the_government_flag_cap_of_decree_91_stays_with_its_unmodelled_routes():
    rules = rules_for("co_thi_dua_chinh_phu", "collective", REGIME)
    assert [r.route for r in rules] == ["25.1", "25.2", "25.3"]
    assert {r.quota.percent for r in rules} == {20}


def test_route_ids_are_the_same_under_every_regime():
    case = collective().request("co_thi_dua_chinh_phu", 2023, route="25.2").evaluate()
    assert [r["route"] for r in case["routes"]] == ["25.2"]
