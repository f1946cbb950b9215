"""Individual titles (Điều 21–24 Luật Thi đua, khen thưởng 2022) through the contract."""

import pytest

from thidua.awards.rules.builder import individual, unmet

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
CSTD_TQ = "chien_si_thi_dua_toan_quoc"
LAW = "Luật Thi đua, khen thưởng 2022"


def assert_fails_only_at(result, basis, *fragments):
    """Not eligible, every unmet condition cites ``basis``, and its message names the figures."""
    assert result["verdict"] == "not_eligible"
    failing = unmet(result)
    assert failing, "a not_eligible verdict must show an unmet condition"
    assert {c["basis"] for c in failing} == {basis}
    text = " | ".join(c["message"] for c in failing)
    for fragment in fragments:
        assert fragment in text


# --- Lao động tiên tiến (Điều 24 khoản 1) ----------------------------------------------------


def advanced_worker():
    return individual().rating(2025, "httnv").fact(2025, "active_in_movements").request(LDTT, 2025)


@pytest.mark.parametrize("rating", ["httnv", "htxsnv"])
def test_advanced_worker_needs_a_good_rating_and_activity_in_movements(rating):
    result = advanced_worker().without(rating="httnv").rating(2025, rating).evaluate()
    assert result["verdict"] == "eligible"
    assert result["routes"][0]["route"] == "24.1"
    assert result["routes"][0]["conditions"][0]["basis"] == f"Điều 24 khoản 1 {LAW}"


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda b: b.without(rating="httnv").rating(2025, "htnv"), ["2025", "Hoàn thành nhiệm vụ"]),
        (lambda b: b.without(rating="httnv"), ["Năm 2025 chưa có xếp loại"]),
        (lambda b: b.without(fact="active_in_movements"), ["Thiếu dữ kiện năm 2025"]),
        (
            lambda b: b.without(fact="active_in_movements").fact(2024, "active_in_movements"),
            ["Thiếu dữ kiện năm 2025", "tích cực tham gia phong trào thi đua"],
        ),
    ],
    ids=["completed-only", "no-rating", "fact-missing", "fact-of-another-year"],
)
def test_advanced_worker_fails_at_article_24(change, fragments):
    result = change(advanced_worker()).evaluate()
    assert_fails_only_at(result, f"Điều 24 khoản 1 {LAW}", *fragments)


# --- Chiến sĩ thi đua cơ sở (Điều 23) --------------------------------------------------------


def grassroots_fighter(rating="htxsnv"):
    return individual().rating(2025, rating).fact(2025, "active_in_movements").request(CSTDCS, 2025)


@pytest.mark.parametrize(
    "case",
    [
        lambda: grassroots_fighter("htxsnv"),
        lambda: grassroots_fighter("httnv").initiative(2025, "SK-1", "co_so"),
        lambda: grassroots_fighter("httnv").initiative(2025, "SK-1", "toan_quoc"),
        lambda: grassroots_fighter("httnv").research(2025, "DT-1", "co_so"),
        lambda: (
            grassroots_fighter("httnv")
            .without(fact="active_in_movements")
            .title(2025, LDTT)
            .initiative(2025, "SK-1")
        ),
    ],
    ids=["excellent-rating", "initiative", "national-initiative", "research", "holds-ldtt"],
)
def test_grassroots_fighter_is_eligible_by_excellence_or_an_initiative_or_a_project(case):
    assert case().evaluate()["verdict"] == "eligible"


def test_grassroots_fighter_without_excellence_initiative_or_project_fails_at_clause_2():
    # Example 2 of the contract.
    result = grassroots_fighter("httnv").evaluate()
    assert_fails_only_at(
        result, f"Điều 23 khoản 2 {LAW}", "Hoàn thành tốt nhiệm vụ", "được công nhận năm 2025"
    )


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda b: b.initiative(2024, "SK-1"), ["năm 2025"]),
        (
            lambda b: b.initiative(2025, "SK-1").title(2024, LDTT, based_on=["SK-1"]),
            ["SK-1 đã dùng cho Lao động tiên tiến năm 2024"],
        ),
    ],
    ids=["initiative-of-last-year", "initiative-already-used"],
)
def test_grassroots_fighter_initiative_must_be_recognised_in_the_year_and_unused(change, fragments):
    result = change(grassroots_fighter("httnv")).evaluate()
    assert_fails_only_at(result, f"Điều 23 khoản 2 {LAW}", *fragments)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda b: b.without(fact="active_in_movements"), "thiếu dữ kiện năm 2025"),
        (lambda b: b.without(rating="httnv").rating(2025, "htnv").research(2025, "DT-1"), "2025"),
    ],
    ids=["not-active", "only-completed"],
)
def test_grassroots_fighter_must_meet_the_advanced_worker_standard(change, fragment):
    result = change(grassroots_fighter("httnv").initiative(2025, "SK-1")).evaluate()
    assert_fails_only_at(result, f"Điều 23 khoản 1 {LAW}", "Lao động tiên tiến", fragment)


# --- Chiến sĩ thi đua cấp tỉnh (Điều 22) -----------------------------------------------------


def provincial_fighter():
    return (
        individual()
        .titles(CSTDCS, 2023, 2024, 2025)
        .initiative(2024, "SK-T", "cap_tinh")
        .request(CSTD_TINH, 2025)
    )


def test_provincial_fighter_needs_three_consecutive_grassroots_titles_and_a_provincial_initiative():
    result = provincial_fighter().evaluate()
    assert result["verdict"] == "eligible"
    messages = [c["message"] for c in result["routes"][0]["conditions"]]
    assert "03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2023, 2024, 2025)" in messages


def test_provincial_fighter_accepts_a_national_research_project():
    case = provincial_fighter().without(initiative={"id": "SK-T", "scope": "cap_tinh"})
    assert case.research(2023, "DT-1", "toan_quoc").evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda b: b.without(title=CSTDCS, year=2024), ["01 lần liên tục", "(2025)", "2023–2025"]),
        (lambda b: b.without(title=CSTDCS, year=2025), ["00 lần liên tục"]),
        (lambda b: b.without(title=CSTDCS, year=2023), ["02 lần liên tục", "(2024, 2025)"]),
    ],
    ids=["gap-in-2024", "none-in-2025", "only-two"],
)
def test_provincial_fighter_fails_without_three_consecutive_grassroots_titles(change, fragments):
    result = change(provincial_fighter()).evaluate()
    assert_fails_only_at(result, f"Điều 22 khoản 1 điểm a {LAW}", *fragments)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            lambda b: b.without(initiative={"id": "SK-T", "scope": "cap_tinh"}).initiative(
                2024, "SK-C", "co_so"
            ),
            "00 sáng kiến hoặc đề tài phạm vi bộ, ban, ngành, tỉnh trở lên",
        ),
        (
            lambda b: b.without(initiative={"id": "SK-T", "scope": "cap_tinh"}).initiative(
                2022, "SK-T", "cap_tinh"
            ),
            "trong 2023–2025",
        ),
        (
            lambda b: b.without(title=CSTDCS, year=2024).title(2024, CSTDCS, based_on=["SK-T"]),
            "SK-T đã dùng cho Chiến sĩ thi đua cơ sở năm 2024",
        ),
    ],
    ids=["grassroots-scope", "outside-window", "used-by-a-grassroots-title"],
)
def test_provincial_fighter_needs_an_unused_provincial_initiative_in_the_window(change, fragment):
    result = change(provincial_fighter()).evaluate()
    assert_fails_only_at(result, f"Điều 22 khoản 1 điểm b và khoản 2 {LAW}", fragment)


# --- Chiến sĩ thi đua toàn quốc (Điều 21) ----------------------------------------------------


def national_fighter():
    return (
        individual()
        .titles(CSTD_TINH, 2022, 2025)
        .initiative(2024, "SK-Q", "toan_quoc")
        .request(CSTD_TQ, 2025)
    )


def test_national_fighter_holds_the_provincial_title_for_two_consecutive_cycles():
    result = national_fighter().evaluate()
    assert result["verdict"] == "eligible"
    assert result["routes"][0]["route"] == "21.1"


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda b: b.without(title=CSTD_TINH, year=2022), ["năm 2022", "2022, 2025"]),
        (
            lambda b: b.without(title=CSTD_TINH, year=2022).title(2023, CSTD_TINH),
            ["Thiếu Chiến sĩ thi đua bộ, ban, ngành, tỉnh năm 2022"],
        ),
        (lambda b: b.without(title=CSTD_TINH, year=2025), ["năm 2025"]),
        (
            lambda b: b.without(initiative={"id": "SK-Q", "scope": "toan_quoc"}).initiative(
                2024, "SK-Q", "cap_tinh"
            ),
            ["phạm vi toàn quốc", "2020–2025"],
        ),
        (
            lambda b: b.without(initiative={"id": "SK-Q", "scope": "toan_quoc"}).initiative(
                2019, "SK-Q", "toan_quoc"
            ),
            ["2020–2025"],
        ),
    ],
    ids=[
        "first-cycle-missing",
        "cycles-not-three-years-apart",
        "current-cycle-missing",
        "provincial-scope",
        "initiative-too-old",
    ],
)
def test_national_fighter_fails_at_article_21(change, fragments):
    result = change(national_fighter()).evaluate()
    assert_fails_only_at(result, f"Điều 21 khoản 1 {LAW}", *fragments)
