"""Commendation forms for individuals (Điều 42–44, 73–75) through the contract."""

import pytest

from thidua.awards.rules.builder import individual, route_result, unmet

CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
BK_TINH = "bang_khen_cap_tinh"
BK_TTG = "bang_khen_thu_tuong"
HC_BA = "huan_chuong_lao_dong_hang_ba"
HC_NHI = "huan_chuong_lao_dong_hang_nhi"
HC_NHAT = "huan_chuong_lao_dong_hang_nhat"
LAW = "Luật Thi đua, khen thưởng 2022"


def assert_route_fails_at(result, route, basis, *fragments):
    assert result["verdict"] == "not_eligible"
    failing = unmet(result, route)
    assert {c["basis"] for c in failing} == {basis}
    text = " | ".join(c["message"] for c in failing)
    for fragment in fragments:
        assert fragment in text


# --- Bằng khen cấp tỉnh (Điều 74 khoản 1) ---------------------------------------------------


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        (
            lambda: individual().titles(CSTDCS, 2024, 2025),
            "02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2024, 2025)",
        ),
        (
            lambda: (
                individual()
                .ratings("htxsnv", 2024, 2025)
                .initiative(2024, "SK-1")
                .initiative(2025, "SK-2")
            ),
            "02 năm liên tục Hoàn thành xuất sắc nhiệm vụ (2024, 2025)",
        ),
        (
            lambda: (
                individual()
                .ratings("htxsnv", 2023, 2024, 2025)
                .research(2023, "DT-1")
                .research(2025, "DT-2", "cap_tinh")
            ),
            "03 năm liên tục",
        ),
    ],
    ids=["two-grassroots-titles", "excellent-with-two-initiatives", "three-years-two-projects"],
)
def test_provincial_certificate_by_merit_route_d(case, fragment):
    result = case().request(BK_TINH, 2025, route="74.1.d").evaluate()
    assert result["verdict"] == "eligible"
    assert fragment in result["routes"][0]["conditions"][0]["message"]


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        (lambda: individual().titles(CSTDCS, 2023, 2025), ["01 lần liên tục", "(2025)"]),
        (
            lambda: (
                individual()
                .ratings("htxsnv", 2024, 2025)
                .initiative(2024, "SK-1")
                .research(2025, "DT-1")
            ),
            ["01 sáng kiến, 01 đề tài"],
        ),
        (
            lambda: (
                individual()
                .ratings("htxsnv", 2024, 2025)
                .initiative(2024, "SK-1")
                .initiative(2025, "SK-2")
                .title(2025, CSTDCS, based_on=["SK-2"])
            ),
            ["SK-2 đã dùng cho Chiến sĩ thi đua cơ sở năm 2025"],
        ),
        (
            lambda: (
                individual()
                .rating(2024, "htxsnv")
                .rating(2025, "httnv")
                .initiative(2024, "A")
                .initiative(2025, "B")
            ),
            ["00 năm liên tục Hoàn thành xuất sắc nhiệm vụ (không có)"],
        ),
        (
            lambda: (
                individual()
                .ratings("htxsnv", 2024, 2025)
                .initiative(2023, "SK-1")
                .initiative(2023, "SK-2")
            ),
            ["00 sáng kiến"],
        ),
    ],
    ids=[
        "grassroots-titles-with-a-gap",
        "one-initiative-one-project",
        "initiative-used",
        "excellent-only-once",
        "initiatives-before-the-period",
    ],
)
def test_provincial_certificate_by_merit_fails_at_point_d(case, fragments):
    result = case().request(BK_TINH, 2025, route="74.1.d").evaluate()
    assert_route_fails_at(result, "74.1.d", f"Điều 74 khoản 1 điểm d {LAW}", *fragments)


def test_provincial_certificate_for_an_excellent_result_in_a_movement_route_a():
    case = individual().fact(2025, "excellent_in_movement").request(BK_TINH, 2025)
    result = case.evaluate()
    assert result["verdict"] == "eligible"
    assert [r["route"] for r in result["routes"]] == ["74.1.d", "74.1.a"]
    assert route_result(result, "74.1.a")["verdict"] == "eligible"
    assert route_result(result, "74.1.d")["verdict"] == "not_eligible"


def test_provincial_certificate_by_movement_needs_the_recorded_fact():
    result = individual().request(BK_TINH, 2025, route="74.1.a").evaluate()
    assert_route_fails_at(result, "74.1.a", f"Điều 74 khoản 1 điểm a {LAW}", "Thiếu dữ kiện")


# --- Bằng khen của Thủ tướng Chính phủ (Điều 73 khoản 1 điểm b) ----------------------------


def prime_minister_certificate(certificate_year=2019):
    return (
        individual()
        .award(certificate_year, BK_TINH)
        .ratings("httnv", 2021, 2022, 2023, 2024, 2025)
        .titles(CSTDCS, 2021, 2023, 2025)
        .request(BK_TTG, 2025)
    )


@pytest.mark.parametrize("certificate_year", [2019, 2024], ids=["before", "within-the-five-years"])
def test_prime_minister_certificate_does_not_require_the_five_years_to_follow(certificate_year):
    assert prime_minister_certificate(certificate_year).evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda b: b.without(award=BK_TINH), ["Chưa được tặng Bằng khen của bộ, ban, ngành, tỉnh"]),
        (lambda b: b.without(rating="httnv", year=2023), ["năm 2023: không có xếp loại"]),
        (
            lambda b: b.without(rating="httnv", year=2022).rating(2022, "htnv"),
            ["năm 2022: Hoàn thành nhiệm vụ"],
        ),
        (
            lambda b: b.without(title=CSTDCS, year=2023),
            ["02 năm đạt danh hiệu Chiến sĩ thi đua cơ sở trong 2021–2025 (2021, 2025)"],
        ),
    ],
    ids=[
        "no-provincial-certificate",
        "year-without-rating",
        "year-only-completed",
        "two-grassroots-titles",
    ],
)
def test_prime_minister_certificate_fails_at_point_b(change, fragments):
    result = change(prime_minister_certificate()).evaluate()
    assert_route_fails_at(result, "73.1.b", f"Điều 73 khoản 1 điểm b {LAW}", *fragments)


# --- Huân chương Lao động (Điều 42–44, khoản 1) ---------------------------------------------


def labour_order_third(prerequisite_year=2020):
    return (
        individual()
        .award(prerequisite_year, BK_TTG)
        .ratings("httnv", 2021, 2022, 2023, 2024)
        .rating(2025, "htxsnv")
        .titles(CSTDCS, 2021, 2023, 2025)
        .request(HC_BA, 2025)
    )


def test_labour_order_third_class_after_the_prime_minister_certificate():
    result = labour_order_third().evaluate()
    assert result["verdict"] == "eligible"
    assert (
        "Đã được tặng Bằng khen của Thủ tướng Chính phủ năm 2020; xét 05 năm tiếp theo "
        "2021–2025" in result["routes"][0]["conditions"][0]["message"]
    )


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (
            lambda b: b.without(award=BK_TTG).award(2022, BK_TTG),
            ["năm 2022 chưa đủ 05 năm tiếp theo", "từ năm 2020 trở về trước"],
        ),
        (
            lambda b: b.without(rating="htxsnv").rating(2025, "httnv"),
            ["00 năm Hoàn thành xuất sắc"],
        ),
        (lambda b: b.without(title=CSTDCS, year=2021), ["02 năm đạt danh hiệu Chiến sĩ thi đua"]),
        (lambda b: b.without(rating="httnv", year=2024), ["năm 2024: không có xếp loại"]),
    ],
    ids=["certificate-too-recent", "never-excellent", "two-grassroots-titles", "gap-in-2024"],
)
def test_labour_order_third_class_fails_at_article_44(change, fragments):
    result = change(labour_order_third()).evaluate()
    assert_route_fails_at(result, "44.1.e", f"Điều 44 khoản 1 điểm e {LAW}", *fragments)


def labour_order_second():
    return (
        individual()
        .award(2020, HC_BA)
        .ratings("httnv", 2021, 2022, 2023)
        .ratings("htxsnv", 2024, 2025)
        .title(2025, CSTD_TINH)
        .request(HC_NHI, 2025)
    )


def test_labour_order_second_class_after_the_third():
    assert labour_order_second().evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            lambda b: b.without(rating="htxsnv", year=2024).rating(2024, "httnv"),
            "01 năm Hoàn thành",
        ),
        (lambda b: b.without(title=CSTD_TINH), "00 năm đạt danh hiệu Chiến sĩ thi đua bộ"),
        (lambda b: b.without(award=HC_BA).award(2021, HC_BA), "năm 2021 chưa đủ 05 năm"),
    ],
    ids=["one-excellent-year", "no-provincial-fighter", "third-class-too-recent"],
)
def test_labour_order_second_class_fails_at_article_43(change, fragment):
    result = change(labour_order_second()).evaluate()
    assert_route_fails_at(result, "43.1.đ", f"Điều 43 khoản 1 điểm đ {LAW}", fragment)


def labour_order_first():
    return (
        individual()
        .award(2019, HC_NHI)
        .ratings("httnv", 2021, 2022)
        .ratings("htxsnv", 2023, 2024, 2025)
        .titles(CSTD_TINH, 2022, 2025)
        .request(HC_NHAT, 2025)
    )


def test_labour_order_first_class_after_the_second():
    assert labour_order_first().evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            lambda b: b.without(rating="htxsnv", year=2023).rating(2023, "httnv"),
            "02 năm Hoàn thành",
        ),
        (lambda b: b.without(title=CSTD_TINH, year=2022), "01 năm đạt danh hiệu"),
        (lambda b: b.without(award=HC_NHI), "Chưa được tặng Huân chương Lao động hạng Nhì"),
    ],
    ids=["two-excellent-years", "one-provincial-fighter", "no-second-class"],
)
def test_labour_order_first_class_fails_at_article_42(change, fragment):
    result = change(labour_order_first()).evaluate()
    assert_route_fails_at(result, "42.1.đ", f"Điều 42 khoản 1 điểm đ {LAW}", fragment)


# --- Giấy khen (Điều 75) -------------------------------------------------------------------


def test_certificate_of_commendation_model_for_an_individual():
    case = individual().rating(2025, "httnv").fact(2025, "excellent_in_movement")
    assert case.request("giay_khen", 2025).evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    "case",
    [
        lambda: individual().rating(2025, "htnv").fact(2025, "excellent_in_movement"),
        lambda: individual().rating(2025, "htxsnv"),
    ],
    ids=["only-completed", "no-movement-achievement"],
)
def test_certificate_of_commendation_for_an_individual_fails_at_article_75(case):
    result = case().request("giay_khen", 2025).evaluate()
    assert_route_fails_at(result, "75", f"Điều 75 {LAW}", "2025")
