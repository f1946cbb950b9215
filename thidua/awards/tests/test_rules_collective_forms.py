"""Commendation forms for collectives (Điều 42–44, 73–75) through the contract."""

import pytest

from thidua.awards.rules.builder import collective, route_result, unmet

TTLDXS = "tap_the_lao_dong_xuat_sac"
CO_TINH = "co_thi_dua_cap_tinh"
CO_CP = "co_thi_dua_chinh_phu"
BK_TINH = "bang_khen_cap_tinh"
BK_TTG = "bang_khen_thu_tuong"
HC_BA = "huan_chuong_lao_dong_hang_ba"
HC_NHI = "huan_chuong_lao_dong_hang_nhi"
HC_NHAT = "huan_chuong_lao_dong_hang_nhat"
LAW = "Luật Thi đua, khen thưởng 2022"
FIVE_YEARS = (2021, 2022, 2023, 2024, 2025)


def assert_route_fails_at(result, route, basis, *fragments):
    assert result["verdict"] == "not_eligible"
    failing = unmet(result, route)
    assert {c["basis"] for c in failing} == {basis}
    text = " | ".join(c["message"] for c in failing)
    for fragment in fragments:
        assert fragment in text


# --- Bằng khen cấp tỉnh (Điều 74 khoản 3) ---------------------------------------------------


def provincial_certificate():
    return (
        collective()
        .rating(2024, "htxsnv")
        .title(2025, TTLDXS)
        .fact(2025, "grassroots_democracy", "thrift_anticorruption_lead")
        .request(BK_TINH, 2025, route="74.3.d")
    )


def test_collective_excellent_two_years_in_a_row_is_eligible_for_the_provincial_certificate():
    result = provincial_certificate().evaluate()
    assert result["verdict"] == "eligible"
    assert (
        "2024: Hoàn thành xuất sắc nhiệm vụ; 2025: Tập thể lao động xuất sắc"
        in (result["routes"][0]["conditions"][0]["message"])
    )


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda b: b.without(rating="htxsnv").rating(2024, "httnv"), "năm 2024: Hoàn thành tốt"),
        (lambda b: b.without(title=TTLDXS), "năm 2025: không có xếp loại"),
        (lambda b: b.without(fact="grassroots_democracy"), "quy chế dân chủ ở cơ sở"),
        (lambda b: b.without(fact="thrift_anticorruption_lead"), "tiết kiệm"),
    ],
    ids=["good-year", "missing-year", "no-grassroots-democracy", "no-thrift"],
)
def test_collective_provincial_certificate_fails_at_point_d(change, fragment):
    result = change(provincial_certificate()).evaluate()
    assert_route_fails_at(result, "74.3.d", f"Điều 74 khoản 3 điểm d {LAW}", fragment)


def test_non_leading_cluster_member_is_proposed_by_an_excellent_movement_result():
    case = collective().fact(2025, "excellent_in_movement").request(BK_TINH, 2025)
    result = case.evaluate()
    assert result["verdict"] == "eligible"
    assert route_result(result, "74.3.a")["verdict"] == "eligible"
    missing = collective().request(BK_TINH, 2025, route="74.3.a").evaluate()
    assert_route_fails_at(missing, "74.3.a", f"Điều 74 khoản 3 điểm a {LAW}", "Thiếu dữ kiện")


# --- Bằng khen của Thủ tướng Chính phủ (Điều 73 khoản 4 điểm e) ----------------------------


def prime_minister_certificate():
    return (
        collective()
        .award(2019, BK_TINH)
        .ratings("htxsnv", 2021, 2022, 2023)
        .titles(TTLDXS, 2024, 2025)
        .award(2023, CO_TINH)
        .request(BK_TTG, 2025)
    )


def test_collective_prime_minister_certificate_with_a_provincial_flag():
    assert prime_minister_certificate().evaluate()["verdict"] == "eligible"


def test_collective_prime_minister_certificate_with_two_provincial_certificates():
    case = prime_minister_certificate().without(award=CO_TINH).awards(BK_TINH, 2022, 2024)
    result = case.evaluate()
    assert result["verdict"] == "eligible"
    assert (
        "02 Bằng khen của bộ, ban, ngành, tỉnh (2022, 2024)"
        in (result["routes"][0]["conditions"][2]["message"])
    )


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda b: b.without(award=CO_TINH).award(2024, BK_TINH), "chưa đạt phương án nào"),
        (lambda b: b.without(award=BK_TINH).award(2021, BK_TINH), "năm 2021 chưa đủ 05 năm"),
        (lambda b: b.without(rating="htxsnv", year=2022).rating(2022, "httnv"), "năm 2022"),
    ],
    ids=["one-certificate-no-flag", "certificate-inside-the-five-years", "good-year"],
)
def test_collective_prime_minister_certificate_fails_at_point_e(change, fragment):
    result = change(prime_minister_certificate()).evaluate()
    assert_route_fails_at(result, "73.4.e", f"Điều 73 khoản 4 điểm e {LAW}", fragment)


# --- Huân chương Lao động (Điều 42–44, khoản 4) ---------------------------------------------


def labour_order(code, prerequisite, *awards, founded="2010-01-01", can_receive_flag=True):
    subject = {"can_receive_flag": can_receive_flag}
    if founded is not None:
        subject["founded"] = founded
    case = collective(**subject)
    case.award(2020, prerequisite).ratings("htxsnv", *FIVE_YEARS).request(code, 2025)
    for year, award in awards:
        case.award(year, award)
    return case


ORDER_COMBOS = [
    (HC_BA, BK_TTG, True, [(2024, CO_CP)], "eligible"),
    (HC_BA, BK_TTG, True, [(2022, CO_TINH), (2024, CO_TINH)], "eligible"),
    (HC_BA, BK_TTG, True, [(2022, CO_TINH), (2024, BK_TINH)], "eligible"),
    (HC_BA, BK_TTG, True, [(2022, BK_TINH), (2024, BK_TINH)], "not_eligible"),
    (HC_BA, BK_TTG, False, [(2022, BK_TINH), (2024, BK_TINH)], "eligible"),
    (HC_BA, BK_TTG, True, [(2024, CO_TINH)], "not_eligible"),
    (HC_NHI, HC_BA, True, [(2023, CO_CP), (2023, CO_TINH)], "eligible"),
    (HC_NHI, HC_BA, True, [(2021, CO_TINH), (2023, CO_TINH), (2025, CO_TINH)], "eligible"),
    (HC_NHI, HC_BA, True, [(2021, CO_TINH), (2023, CO_TINH)], "not_eligible"),
    (HC_NHI, HC_BA, False, [(2021, BK_TINH), (2023, BK_TINH), (2025, BK_TINH)], "eligible"),
    (HC_NHAT, HC_NHI, True, [(2022, CO_CP), (2024, CO_CP)], "eligible"),
    (HC_NHAT, HC_NHI, True, [(2022, CO_CP), (2023, CO_TINH), (2024, CO_TINH)], "eligible"),
    (HC_NHAT, HC_NHI, True, [(y, CO_TINH) for y in (2021, 2022, 2024, 2025)], "eligible"),
    (HC_NHAT, HC_NHI, True, [(y, CO_TINH) for y in (2021, 2022, 2024)], "not_eligible"),
    (HC_NHAT, HC_NHI, False, [(y, BK_TINH) for y in (2021, 2022, 2024, 2025)], "eligible"),
    (HC_NHAT, HC_NHI, True, [(y, BK_TINH) for y in (2021, 2022, 2024, 2025)], "not_eligible"),
]


@pytest.mark.parametrize(
    ("code", "prerequisite", "can_receive_flag", "awards", "verdict"),
    ORDER_COMBOS,
    ids=[
        "third-one-government-flag",
        "third-two-provincial-flags",
        "third-flag-and-certificate",
        "third-two-certificates-flag-eligible-collective",
        "third-two-certificates-flagless-collective",
        "third-one-provincial-flag",
        "second-government-and-provincial-flag",
        "second-three-provincial-flags",
        "second-two-provincial-flags",
        "second-three-certificates-flagless",
        "first-two-government-flags",
        "first-government-and-two-provincial-flags",
        "first-four-provincial-flags",
        "first-three-provincial-flags",
        "first-four-certificates-flagless",
        "first-four-certificates-flag-eligible-collective",
    ],
)
def test_collective_labour_orders_need_one_of_the_award_combinations(
    code, prerequisite, can_receive_flag, awards, verdict
):
    case = labour_order(code, prerequisite, *awards, can_receive_flag=can_receive_flag)
    result = case.evaluate()
    assert result["verdict"] == verdict
    if verdict == "not_eligible":
        combos = [c for c in unmet(result) if "chưa đạt phương án nào" in c["message"]]
        assert len(combos) == 1
        assert "Luật Thi đua, khen thưởng 2022" in combos[0]["basis"]
        assert "2021–2025" in combos[0]["message"]


@pytest.mark.parametrize(
    ("founded", "fragment"),
    [("2016-01-01", "chưa đủ 10 năm"), (None, "Thiếu ngày thành lập")],
    ids=["founded-in-2016", "founding-date-unknown"],
)
def test_collective_labour_order_third_class_needs_ten_years_since_founding(founded, fragment):
    result = labour_order(HC_BA, BK_TTG, (2024, CO_CP), founded=founded).evaluate()
    assert_route_fails_at(result, "44.4.đ", f"Điều 44 khoản 4 điểm đ {LAW}", fragment)


def test_collective_founded_exactly_ten_years_before_the_end_of_the_year_qualifies():
    case = labour_order(HC_BA, BK_TTG, (2024, CO_CP), founded="2015-12-31")
    assert case.evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("code", "prerequisite", "basis"),
    [
        (HC_BA, BK_TTG, f"Điều 44 khoản 4 điểm đ {LAW}"),
        (HC_NHI, HC_BA, f"Điều 43 khoản 4 điểm d {LAW}"),
        (HC_NHAT, HC_NHI, f"Điều 42 khoản 4 điểm d {LAW}"),
    ],
)
def test_collective_labour_order_needs_its_prerequisite_five_years_before(
    code, prerequisite, basis
):
    case = labour_order(code, prerequisite, *[(y, CO_CP) for y in (2022, 2024)])
    case.without(award=prerequisite).award(2023, prerequisite)
    result = case.evaluate()
    assert_route_fails_at(result, result["routes"][0]["route"], basis, "năm 2023 chưa đủ 05 năm")


def test_certificate_of_commendation_model_for_a_collective():
    case = collective().rating(2025, "httnv").fact(2025, "excellent_in_movement")
    assert case.request("giay_khen", 2025).evaluate()["verdict"] == "eligible"
    missing = collective().rating(2025, "httnv").request("giay_khen", 2025).evaluate()
    assert_route_fails_at(missing, "75", f"Điều 75 {LAW}", "Thiếu dữ kiện năm 2025")
