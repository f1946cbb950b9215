"""Collective titles (Điều 25–28 Luật Thi đua, khen thưởng 2022) through the contract."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.rules.builder import collective, route_result, unmet

TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
CO_TINH = "co_thi_dua_cap_tinh"
CO_CP = "co_thi_dua_chinh_phu"
LAW = "Luật Thi đua, khen thưởng 2022"


def assert_fails_only_at(result, basis, *fragments):
    assert result["verdict"] == "not_eligible"
    failing = unmet(result)
    assert {c["basis"] for c in failing} == {basis}
    text = " | ".join(c["message"] for c in failing)
    for fragment in fragments:
        assert fragment in text


# --- Tập thể lao động tiên tiến (Điều 28 khoản 1) --------------------------------------------


def advanced_collective(total=10, advanced=7, disciplined=0, with_members=True):
    case = collective().rating(2025, "httnv").fact(2025, "united").request(TTLDTT, 2025)
    if with_members:
        case.members(2025, total, lao_dong_tien_tien=advanced, disciplined=disciplined)
    return case


def test_advanced_collective_with_seven_of_ten_advanced_workers_is_eligible():
    # Example 3 of the contract: 7 of 10 is exactly 70%.
    result = advanced_collective().evaluate()
    assert result["verdict"] == "eligible"
    messages = [c["message"] for c in result["routes"][0]["conditions"]]
    assert any("7/10 thành viên (70%) đạt Lao động tiên tiến năm 2025" in m for m in messages)


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        (lambda: advanced_collective(advanced=6), ["6/10 thành viên (60%)", "từ 70% trở lên"]),
        (lambda: advanced_collective(total=3, advanced=2), ["2/3 thành viên (66,7%)"]),
        (lambda: advanced_collective(disciplined=1), ["1/10 thành viên bị kỷ luật từ Cảnh cáo"]),
        (lambda: advanced_collective(with_members=False), ["Thiếu số liệu thành viên năm 2025"]),
        (lambda: advanced_collective().without(rating="httnv").rating(2025, "htnv"), ["2025"]),
        (lambda: advanced_collective().without(fact="united"), ["nội bộ đoàn kết"]),
    ],
    ids=[
        "60-percent",
        "two-thirds",
        "a-member-warned",
        "no-member-counts",
        "only-completed",
        "not-united",
    ],
)
def test_advanced_collective_fails_at_article_28(case, fragments):
    assert_fails_only_at(case().evaluate(), f"Điều 28 khoản 1 {LAW}", *fragments)


@given(total=st.integers(1, 300), data=st.data())
def test_advanced_collective_share_is_met_exactly_from_seventy_percent(total, data):
    advanced = data.draw(st.integers(0, total))
    result = advanced_collective(total=total, advanced=advanced).evaluate()
    assert (result["verdict"] == "eligible") == (advanced * 10 >= total * 7)
    messages = [c["message"] for c in result["routes"][0]["conditions"]]
    assert any(f"{advanced}/{total} thành viên" in m for m in messages)


# --- Tập thể lao động xuất sắc (Điều 27 khoản 1) ---------------------------------------------


def excellent_collective(completed=20, advanced=14, fighters=1):
    return (
        collective()
        .rating(2025, "htxsnv")
        .members(
            2025,
            20,
            completed=completed,
            lao_dong_tien_tien=advanced,
            chien_si_thi_dua_co_so=fighters,
        )
        .fact(2025, "united")
        .request(TTLDXS, 2025)
    )


def test_excellent_collective_is_eligible():
    assert excellent_collective().evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        (
            lambda: excellent_collective().without(rating="htxsnv").rating(2025, "httnv"),
            ["Hoàn thành tốt nhiệm vụ", "yêu cầu Hoàn thành xuất sắc nhiệm vụ"],
        ),
        (lambda: excellent_collective(completed=19), ["19/20 thành viên (95%)", "yêu cầu 100%"]),
        (lambda: excellent_collective(advanced=13), ["13/20 thành viên (65%)"]),
        (lambda: excellent_collective(fighters=0), ["0/20 thành viên đạt Chiến sĩ thi đua cơ sở"]),
        (lambda: excellent_collective().without(fact="united"), ["nội bộ đoàn kết"]),
    ],
    ids=[
        "good-rating",
        "a-member-not-completed",
        "65-percent",
        "no-grassroots-fighter",
        "not-united",
    ],
)
def test_excellent_collective_fails_at_article_27(case, fragments):
    assert_fails_only_at(case().evaluate(), f"Điều 27 khoản 1 {LAW}", *fragments)


# --- Cờ thi đua cấp tỉnh (Điều 26) ----------------------------------------------------------

FLAG_FACTS = ("exceeded_targets", "exemplary", "united", "party_clean_strong")


def provincial_flag_by_cluster():
    return collective().cluster(2025).fact(2025, *FLAG_FACTS).request(CO_TINH, 2025, route="26.1")


def test_leading_unit_of_a_provincial_cluster_is_eligible_for_the_provincial_flag():
    result = provincial_flag_by_cluster().evaluate()
    assert result["verdict"] == "eligible"
    assert [r["route"] for r in result["routes"]] == ["26.1"]


@pytest.mark.parametrize("fact", FLAG_FACTS)
def test_provincial_flag_needs_each_recorded_judgement(fact):
    result = provincial_flag_by_cluster().without(fact=fact).evaluate()
    assert_fails_only_at(result, f"Điều 26 khoản 1 {LAW}", "Thiếu dữ kiện năm 2025")


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        (
            lambda: (
                provincial_flag_by_cluster()
                .without(cluster={"leading": True, "organised_by": "province"})
                .cluster(2025, leading=False)
            ),
            "tham gia 1 cụm, khối",
        ),
        (
            lambda: (
                provincial_flag_by_cluster()
                .without(cluster={"leading": True, "organised_by": "province"})
                .cluster(2025, organised_by="central")
            ),
            "do bộ, ban, ngành",
        ),
        (
            lambda: (
                provincial_flag_by_cluster()
                .without(cluster={"leading": True, "organised_by": "province"})
                .cluster(2024)
            ),
            "Năm 2025 không dẫn đầu",
        ),
    ],
    ids=["member-not-leader", "central-cluster", "led-last-year"],
)
def test_provincial_flag_needs_leading_a_provincial_cluster_in_the_year(case, fragment):
    assert_fails_only_at(case().evaluate(), f"Điều 26 khoản 1 {LAW}", fragment)


def provincial_flag_by_movement(**movement):
    options = {"years": 3, "thematic": True, **movement}
    return collective().movement(2025, **options).request(CO_TINH, 2025, route="26.2")


def test_leader_of_a_three_year_thematic_provincial_movement_is_eligible_for_the_flag():
    assert provincial_flag_by_movement().evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    "movement",
    [{"years": 2}, {"thematic": False}, {"launched_by": "prime_minister"}, {"leading": False}],
    ids=["two-years", "not-thematic", "not-provincial", "not-leading"],
)
def test_provincial_flag_by_movement_fails_at_clause_2(movement):
    result = provincial_flag_by_movement(**movement).evaluate()
    assert_fails_only_at(result, f"Điều 26 khoản 2 {LAW}", "từ 03 năm trở lên", "ghi nhận:")


def test_provincial_flag_without_a_route_reports_both_routes():
    result = provincial_flag_by_cluster().without(
        cluster={"leading": True, "organised_by": "province"}
    )
    result = result.request(CO_TINH, 2025).evaluate()
    assert [r["route"] for r in result["routes"]] == ["26.1", "26.2"]
    assert result["verdict"] == "not_eligible"


# --- Cờ thi đua của Chính phủ (Điều 25) -----------------------------------------------------


def government_flag():
    return (
        collective()
        .cluster(2025)
        .award(2025, CO_TINH)
        .fact(2025, "exemplary", "thrift_anticorruption_lead")
        .request(CO_CP, 2025, route="25.1")
    )


def test_most_exemplary_cluster_leader_with_the_provincial_flag_is_eligible():
    assert government_flag().evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        (lambda: government_flag().without(award=CO_TINH).award(2024, CO_TINH), "năm 2025"),
        (
            lambda: government_flag().without(award=CO_TINH).award(2025, CO_TINH, basis="thematic"),
            "khen thưởng theo chuyên đề",
        ),
        (lambda: government_flag().without(fact="exemplary"), "tiêu biểu xuất sắc"),
        (lambda: government_flag().without(fact="thrift_anticorruption_lead"), "đi đầu"),
        (
            lambda: government_flag().without(
                cluster={"leading": True, "organised_by": "province"}
            ),
            "không dẫn đầu",
        ),
    ],
    ids=[
        "flag-of-last-year",
        "thematic-flag",
        "not-most-exemplary",
        "not-thrift-leader",
        "no-cluster",
    ],
)
def test_government_flag_fails_at_clause_1(case, fragment):
    assert_fails_only_at(case().evaluate(), f"Điều 25 khoản 1 {LAW}", fragment)


def test_leader_of_a_central_cluster_is_eligible_for_the_government_flag():
    result = collective().cluster(2025, organised_by="central").request(CO_CP, 2025).evaluate()
    assert result["verdict"] == "eligible"
    assert route_result(result, "25.2")["verdict"] == "eligible"
    assert route_result(result, "25.1")["verdict"] == "not_eligible"


def test_leader_of_a_provincial_cluster_is_not_eligible_by_the_central_route():
    result = collective().cluster(2025).request(CO_CP, 2025, route="25.2").evaluate()
    assert_fails_only_at(result, f"Điều 25 khoản 2 {LAW}", "Hội đồng Thi đua - Khen thưởng")


@pytest.mark.parametrize(
    ("movement", "verdict"),
    [
        ({"launched_by": "prime_minister", "years": 5}, "eligible"),
        ({"launched_by": "prime_minister", "years": 7, "thematic": True}, "eligible"),
        ({"launched_by": "prime_minister", "years": 4}, "not_eligible"),
        ({"launched_by": "province", "years": 5}, "not_eligible"),
    ],
    ids=["five-years", "seven-years", "four-years", "provincial-movement"],
)
def test_government_flag_for_leading_a_prime_minister_movement_of_five_years(movement, verdict):
    case = collective().movement(2025, **movement).request(CO_CP, 2025, route="25.3")
    result = case.evaluate()
    assert result["verdict"] == verdict
    if verdict == "not_eligible":
        assert_fails_only_at(result, f"Điều 25 khoản 3 {LAW}", "từ 05 năm trở lên")
