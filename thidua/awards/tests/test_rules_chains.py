"""Chains of years: gaps, sudden and thematic awards, maternity leave, used initiatives and
discipline periods, through the contract and in the pure helpers."""

import datetime

import pytest

from thidua.awards.rules import chains
from thidua.awards.rules.builder import collective, individual, unmet
from thidua.awards.rules.history import Discipline, Honour

CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
BK_TINH = "bang_khen_cap_tinh"
BK_TTG = "bang_khen_thu_tuong"
ND_152_ART_4_3 = "Điều 4 khoản 3 Nghị định 152/2025/NĐ-CP"


def unmet_text(result):
    return " | ".join(c["message"] for c in unmet(result))


def provincial_fighter(*years, basis_2024=None):
    case = individual().initiative(2024, "SK-T", "cap_tinh").request(CSTD_TINH, 2025)
    for year in years:
        case.title(year, CSTDCS, basis=basis_2024 if year == 2024 else None)
    return case


# --- Gaps and awards that never count in a chain --------------------------------------------


def test_a_year_without_the_title_breaks_the_run():
    result = provincial_fighter(2022, 2023, 2025).evaluate()
    assert result["verdict"] == "not_eligible"
    assert "01 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2025)" in unmet_text(result)


@pytest.mark.parametrize(
    ("basis", "label"), [("thematic", "theo chuyên đề"), ("sudden", "đột xuất")]
)
def test_a_thematic_or_sudden_title_breaks_the_run_citing_decree_152(basis, label):
    result = provincial_fighter(2023, 2024, 2025, basis_2024=basis).evaluate()
    assert result["verdict"] == "not_eligible"
    text = unmet_text(result)
    assert f"không tính Chiến sĩ thi đua cơ sở năm 2024 (khen thưởng {label})" in text
    assert ND_152_ART_4_3 in text


def test_a_sudden_provincial_certificate_is_no_prerequisite_for_the_prime_minister_one():
    case = (
        individual()
        .award(2020, BK_TINH, basis="sudden")
        .ratings("httnv", 2021, 2022, 2023, 2024, 2025)
        .titles(CSTDCS, 2021, 2022, 2023)
        .request(BK_TTG, 2025)
    )
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "không tính Bằng khen của bộ, ban, ngành, tỉnh năm 2020 (khen thưởng đột xuất)" in (
        unmet_text(result)
    )


def test_a_thematic_provincial_flag_does_not_count_toward_a_labour_order():
    case = (
        collective(founded="2000-01-01")
        .award(2020, BK_TTG)
        .ratings("htxsnv", 2021, 2022, 2023, 2024, 2025)
        .award(2022, "co_thi_dua_cap_tinh")
        .award(2024, "co_thi_dua_cap_tinh", basis="thematic")
        .request("huan_chuong_lao_dong_hang_ba", 2025)
    )
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "01 Cờ thi đua của bộ, ban, ngành, tỉnh (2022)" in unmet_text(result)
    assert ND_152_ART_4_3 in unmet_text(result)


def test_the_chain_exclusion_cites_decree_98_for_2024():
    result = provincial_fighter(2022, 2023, 2024, basis_2024="thematic")
    result = result.request(CSTD_TINH, 2024).evaluate()
    assert result["regime"] == "luat_2022_nd_98_2023"
    assert "Nghị định 98/2023/NĐ-CP" in unmet_text(result)


# --- Maternity leave -----------------------------------------------------------------------


def prime_minister_certificate():
    return individual().award(2019, BK_TINH).titles(CSTDCS, 2021, 2022, 2025).request(BK_TTG, 2025)


def test_maternity_leave_counts_as_the_rating_before_it_and_rescues_the_run():
    case = prime_minister_certificate().ratings("httnv", 2021, 2022, 2024, 2025).maternity(2023)
    result = case.evaluate()
    assert result["verdict"] == "eligible"
    messages = " | ".join(c["message"] for c in result["routes"][0]["conditions"])
    assert "2023: nghỉ thai sản, tính theo xếp loại năm 2022: Hoàn thành tốt nhiệm vụ" in messages


def test_two_years_of_maternity_leave_carry_the_same_rating():
    case = prime_minister_certificate().ratings("httnv", 2021, 2022, 2025).maternity(2023)
    assert case.maternity(2024).evaluate()["verdict"] == "eligible"


def test_maternity_leave_after_a_year_without_rating_does_not_rescue_the_run():
    case = prime_minister_certificate().ratings("httnv", 2021, 2024, 2025).maternity(2023)
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "năm 2022: không có xếp loại; năm 2023: không có xếp loại" in unmet_text(result)


def test_maternity_leave_after_an_excellent_year_rescues_the_excellent_run():
    case = (
        individual()
        .rating(2024, "htxsnv")
        .maternity(2025)
        .initiative(2024, "SK-1")
        .initiative(2025, "SK-2")
        .request(BK_TINH, 2025, route="74.1.d")
    )
    assert case.evaluate()["verdict"] == "eligible"


def test_an_advanced_worker_on_maternity_leave_still_needs_the_recorded_fact():
    case = individual().rating(2024, "htxsnv").maternity(2025).request("lao_dong_tien_tien", 2025)
    result = case.evaluate()
    assert [c["met"] for c in result["routes"][0]["conditions"][:2]] == [True, False]
    with_fact = case.fact(2025, "active_in_movements").evaluate()
    assert with_fact["verdict"] == "eligible"


# --- Initiatives are used once -------------------------------------------------------------


def test_an_initiative_used_for_a_certificate_cannot_make_a_grassroots_fighter():
    case = (
        individual()
        .rating(2025, "httnv")
        .fact(2025, "active_in_movements")
        .initiative(2025, "SK-1")
        .award(2025, BK_TINH, based_on=["SK-1"])
        .request(CSTDCS, 2025)
    )
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "SK-1 đã dùng cho Bằng khen của bộ, ban, ngành, tỉnh năm 2025" in unmet_text(result)


def test_the_title_being_checked_does_not_use_up_its_own_initiative():
    case = (
        individual()
        .rating(2025, "httnv")
        .fact(2025, "active_in_movements")
        .initiative(2025, "SK-1")
        .title(2025, CSTDCS, based_on=["SK-1"])
        .request(CSTDCS, 2025)
    )
    assert case.evaluate()["verdict"] == "eligible"


def test_an_initiative_used_only_after_the_year_under_review_is_still_available():
    case = provincial_fighter(2023, 2024, 2025).title(2026, CSTDCS, based_on=["SK-T"])
    assert case.evaluate()["verdict"] == "eligible"


def test_initiative_ids_are_compared_after_unicode_normalisation():
    decomposed = "SK-Hoa\u0300"  # "SK-Hoà" typed with a combining grave accent
    case = (
        individual()
        .titles(CSTDCS, 2023, 2024, 2025)
        .initiative(2024, "SK-Hoà", "cap_tinh")
        .award(2024, BK_TINH, based_on=[decomposed])
        .request(CSTD_TINH, 2025)
    )
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "SK-Hoà đã dùng cho" in unmet_text(result)


# --- Discipline periods --------------------------------------------------------------------


def advanced_worker(review_year, discipline):
    case = individual().rating(review_year, "htxsnv").fact(review_year, "active_in_movements")
    case.discipline(discipline["year"], discipline["code"], discipline.get("ended"))
    return case.request("lao_dong_tien_tien", review_year)


def test_achievements_count_again_after_the_discipline_period_ends():
    case = advanced_worker(2025, {"year": 2024, "code": "khien_trach", "ended": "2024-12-31"})
    result = case.evaluate()
    assert result["verdict"] == "eligible"
    discipline = result["routes"][0]["conditions"][2]
    assert discipline["basis"] == "Điều 4 Nghị định 152/2025/NĐ-CP"
    assert "Khiển trách năm 2024 (hết thời hạn ngày 31/12/2024)" in discipline["message"]
    assert "từ năm 2025" in discipline["message"]


@pytest.mark.parametrize(
    ("discipline", "fragment"),
    [
        ({"year": 2025, "code": "canh_cao", "ended": "2025-12-31"}, "từ năm 2026"),
        ({"year": 2024, "code": "canh_cao", "ended": "2025-06-30"}, "từ năm 2026"),
        ({"year": 2025, "code": "khien_trach"}, "cần ghi ngày hết thời hạn kỷ luật"),
    ],
    ids=["disciplined-in-the-year", "period-ends-mid-year", "end-date-missing"],
)
def test_achievements_inside_the_discipline_period_do_not_count(discipline, fragment):
    result = advanced_worker(2025, discipline).evaluate()
    assert result["verdict"] == "not_eligible"
    assert fragment in unmet_text(result)
    assert "Điều 4 Nghị định 152/2025/NĐ-CP" in {c["basis"] for c in unmet(result)}


def test_a_discipline_cuts_a_chain_of_titles_before_its_end():
    case = provincial_fighter(2023, 2024, 2025).discipline(2023, "khien_trach", "2023-12-31")
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    text = unmet_text(result)
    assert "02 lần liên tục" in text
    assert "thành tích chỉ được tính từ năm 2024 (sau thời hạn kỷ luật)" in text


def test_a_discipline_voids_awards_given_before_it_as_prerequisites():
    case = (
        individual()
        .award(2019, BK_TTG)
        .discipline(2020, "khien_trach", "2020-12-31")
        .ratings("httnv", 2021, 2022, 2023, 2024)
        .rating(2025, "htxsnv")
        .titles(CSTDCS, 2021, 2023, 2025)
        .request("huan_chuong_lao_dong_hang_ba", 2025)
    )
    result = case.evaluate()
    assert result["verdict"] == "not_eligible"
    assert "không tính Bằng khen của Thủ tướng Chính phủ năm 2019" in unmet_text(result)


def test_a_discipline_after_the_year_under_review_is_ignored():
    result = advanced_worker(2024, {"year": 2025, "code": "canh_cao"}).evaluate()
    assert result["verdict"] == "eligible"
    assert len(result["routes"][0]["conditions"]) == 3


# --- The pure helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held", "run"),
    [({2023, 2024, 2025}, [2023, 2024, 2025]), ({2022, 2024, 2025}, [2024, 2025]), ({2024}, [])],
)
def test_run_ending_at_stops_at_the_first_gap(held, run):
    assert chains.run_ending_at(2025, held.__contains__) == run


def test_effective_rating_carries_the_rating_before_maternity_leave():
    ratings = {2022: "htxsnv", 2025: "htnv"}

    def view(year):
        return chains.effective_rating(ratings, {2023, 2024}, year, lambda y: True)

    assert view(2024) == chains.RatingView(2024, "htxsnv", carried_from=2022)
    assert view(2025) == chains.RatingView(2025, "htnv")
    assert view(2021) == chains.RatingView(2021, None)


def test_counted_from_takes_the_latest_end_of_the_disciplines_up_to_the_year():
    disciplines = [
        Discipline(2020, "canh_cao", datetime.date(2021, 6, 30)),
        Discipline(2023, "khien_trach"),
        Discipline(2026, "canh_cao", datetime.date(2026, 12, 31)),
    ]
    assert chains.counted_from(disciplines, 2025) == 2024
    assert chains.counted_from(disciplines, 2022) == 2022
    assert chains.counted_from([], 2025) is None


def test_used_ids_skip_the_request_itself_and_later_years():
    honours = [
        Honour(2023, CSTDCS, based_on=("A",)),
        Honour(2025, CSTDCS, based_on=("B",)),
        Honour(2026, BK_TINH, based_on=("C",)),
    ]
    used = chains.used_ids(honours, year=2025, exclude=(CSTDCS, 2025))
    assert set(used) == {"A"}
