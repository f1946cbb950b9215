"""The JSON contract of ``contracts/eligibility.md``: its examples, the exact output shape,
blocked subjects, regime selection, route restriction, and invariants over random histories."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.rules import evaluate_payload, known_routes, regime_for_year
from thidua.awards.rules.builder import collective, individual
from thidua.awards.rules.catalog import CATALOG
from thidua.awards.rules.history import FACTS, PENDING_MATTERS

# --- The four examples of the contract -----------------------------------------------------


def test_example_1_an_advanced_worker_is_eligible():
    case = individual("vd-1").rating(2025, "httnv").fact(2025, "active_in_movements")
    result = case.request("lao_dong_tien_tien", 2025).evaluate()
    assert result["verdict"] == "eligible"
    assert result["routes"][0]["conditions"][0]["basis"].startswith("Điều 24 khoản 1")


def test_example_2_a_grassroots_fighter_without_excellence_initiative_or_project_is_not():
    case = individual("vd-2").rating(2025, "httnv").fact(2025, "active_in_movements")
    result = case.request("chien_si_thi_dua_co_so", 2025).evaluate()
    assert result["verdict"] == "not_eligible"
    failing = [c for c in result["routes"][0]["conditions"] if not c["met"]]
    assert [c["basis"] for c in failing] == ["Điều 23 khoản 2 Luật Thi đua, khen thưởng 2022"]


def test_example_3_seven_of_ten_advanced_workers_make_an_advanced_collective():
    case = collective("vd-3").members(2025, 10, completed=10, lao_dong_tien_tien=7)
    case.rating(2025, "httnv").fact(2025, "united").request("tap_the_lao_dong_tien_tien", 2025)
    assert case.evaluate()["verdict"] == "eligible"


@pytest.mark.parametrize("builder", [individual, collective])
def test_example_4_a_pending_complaint_blocks_any_subject(builder):
    case = builder("vd-4").pending("complaint").request("giay_khen", 2025)
    result = case.rating(2025, "htxsnv").fact(2025, "excellent_in_movement").evaluate()
    assert result["verdict"] == "blocked"
    assert {r["verdict"] for r in result["routes"]} == {"blocked"}
    # The conditions stay listed: the substantive ones are met, the pending one is not.
    conditions = result["routes"][0]["conditions"]
    assert [c["met"] for c in conditions] == [True, True, False]
    assert conditions[-1]["basis"] == "Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP"


# --- Output shape --------------------------------------------------------------------------


def test_output_has_exactly_the_fields_of_the_contract():
    payload = individual("x").rating(2025, "httnv").request("lao_dong_tien_tien", 2025).payload()
    output = evaluate_payload(payload)
    assert set(output) == {"results"}
    (result,) = output["results"]
    assert set(result) == {"id", "verdict", "regime", "routes"}
    (route,) = result["routes"]
    assert set(route) == {"route", "verdict", "conditions"}
    for condition in route["conditions"]:
        assert set(condition) == {"basis", "met", "message"}
        assert isinstance(condition["met"], bool)


def test_cases_are_answered_in_order_with_their_ids_echoed():
    payload = {
        "cases": [
            individual("một").request("lao_dong_tien_tien", 2025).build(),
            collective("hai").request("tap_the_lao_dong_tien_tien", 2024).build(),
        ]
    }
    results = evaluate_payload(payload)["results"]
    assert [r["id"] for r in results] == ["một", "hai"]
    assert [r["regime"] for r in results] == ["luat_2022_nd_152_2025", "luat_2022_nd_98_2023"]


def test_an_empty_list_of_cases_gives_an_empty_list_of_results():
    assert evaluate_payload({"cases": []}) == {"results": []}


def test_input_strings_are_nfc_normalised_before_use():
    decomposed = unicodedata.normalize("NFD", "Phường Dịch Vọng")
    result = individual(decomposed).request("lao_dong_tien_tien", 2025).evaluate()
    assert result["id"] == "Phường Dịch Vọng"
    assert unicodedata.is_normalized("NFC", result["id"])


# --- Blocked subjects ----------------------------------------------------------------------


@pytest.mark.parametrize("matter", PENDING_MATTERS)
def test_every_kind_of_pending_matter_blocks_the_subject(matter):
    case = individual().pending(matter).titles("chien_si_thi_dua_co_so", 2024, 2025)
    result = case.request("bang_khen_cap_tinh", 2025).evaluate()
    assert result["verdict"] == "blocked"
    assert all(r["verdict"] == "blocked" for r in result["routes"])


@pytest.mark.parametrize(
    ("year", "basis"),
    [
        (2025, "Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP"),
        (2024, "Nghị định 98/2023/NĐ-CP (nguyên tắc khen thưởng)"),
        (2023, "Thông tư 08/2017/TT-BNV hướng dẫn Nghị định 91/2017/NĐ-CP"),
    ],
)
def test_a_blocked_verdict_cites_the_rule_of_its_regime(year, basis):
    result = individual().pending("investigation").request("lao_dong_tien_tien", year).evaluate()
    pending = result["routes"][0]["conditions"][-1]
    assert pending == {
        "basis": basis,
        "met": False,
        "message": "Đang có vụ việc chưa kết thúc (đang điều tra): chưa xét, đề nghị khen thưởng",
    }


def test_a_subject_with_nothing_pending_shows_the_check_as_met():
    result = individual().request("lao_dong_tien_tien", 2025).evaluate()
    assert result["routes"][0]["conditions"][-1]["met"] is True


# --- Regime selection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "regime"),
    [
        (2017, "luat_2013_nd_91_2017"),
        (2023, "luat_2013_nd_91_2017"),
        (2024, "luat_2022_nd_98_2023"),
        (2025, "luat_2022_nd_152_2025"),
        (2030, "luat_2022_nd_152_2025"),
    ],
)
def test_the_regime_is_the_one_in_force_at_the_end_of_the_year(year, regime):
    assert regime_for_year(year) == regime
    result = individual().request("lao_dong_tien_tien", year).evaluate()
    assert result["regime"] == regime


def test_no_regime_before_the_earliest_of_the_catalogue():
    assert regime_for_year(2016) is None


# --- Route restriction ---------------------------------------------------------------------


def test_a_requested_route_restricts_the_answer_to_that_route():
    case = collective().cluster(2025, organised_by="central")
    result = case.request("co_thi_dua_chinh_phu", 2025, route="25.2").evaluate()
    assert [r["route"] for r in result["routes"]] == ["25.2"]
    assert result["verdict"] == "eligible"


def test_without_a_route_every_known_route_is_reported():
    result = collective().request("co_thi_dua_chinh_phu", 2025).evaluate()
    assert [r["route"] for r in result["routes"]] == ["25.1", "25.2", "25.3"]


# --- Invariants over random histories -------------------------------------------------------

YEARS = st.integers(2015, 2026)
CODES = {
    "individual": [
        c for c in (*CATALOG.titles, *CATALOG.forms) if CATALOG.award(c).applies_to("individual")
    ],
    "collective": [
        c for c in (*CATALOG.titles, *CATALOG.forms) if CATALOG.award(c).applies_to("collective")
    ],
}
SHARED_ITEMS = [
    st.builds(lambda c: {"title": c}, st.sampled_from(sorted(CATALOG.titles))),
    st.builds(
        lambda c, b: {"award": c, "basis": b},
        st.sampled_from(sorted((*CATALOG.titles, *CATALOG.forms))),
        st.sampled_from(["merit", "sudden", "thematic"]),
    ),
    st.builds(lambda f: {"fact": f}, st.sampled_from(FACTS)),
    st.builds(
        lambda d, e: {"discipline": d, **({"ended": e} if e else {})},
        st.sampled_from(sorted(CATALOG.disciplines)),
        st.sampled_from([None, "2026-12-31"]),
    ),
    st.builds(
        lambda lead, by, n, t: {
            "movement": {"leading": lead, "launched_by": by, "years": n, "thematic": t}
        },
        st.booleans(),
        st.sampled_from(["province", "prime_minister"]),
        st.integers(1, 8),
        st.booleans(),
    ),
]
KIND_ITEMS = {
    "individual": [st.just({"maternity_leave": True})],
    "collective": [
        st.builds(
            lambda lead, by: {"cluster": {"leading": lead, "organised_by": by}},
            st.booleans(),
            st.sampled_from(["province", "central"]),
        )
    ],
}


@st.composite
def cases(draw):
    kind = draw(st.sampled_from(["individual", "collective"]))
    items = [
        {"year": y, **item}
        for y, item in draw(
            st.lists(st.tuples(YEARS, st.one_of(*SHARED_ITEMS, *KIND_ITEMS[kind])), max_size=25)
        )
    ]
    for year in draw(st.sets(YEARS, max_size=10)):
        items.append({"year": year, "rating": draw(st.sampled_from(sorted(CATALOG.ratings)))})
    for n, year in enumerate(draw(st.lists(YEARS, max_size=4))):
        scope = draw(st.sampled_from(sorted(CATALOG.scopes)))
        items.append({"year": year, "initiative": {"id": f"SK-{n}", "scope": scope}})
    subject = {
        "kind": kind,
        "pending": draw(st.lists(st.sampled_from(PENDING_MATTERS), max_size=1)),
    }
    if kind == "collective":
        for year in draw(st.sets(YEARS, max_size=3)):
            total = draw(st.integers(1, 30))
            counts = [draw(st.integers(0, total)) for _ in range(4)]
            items.append(
                {
                    "year": year,
                    "members": dict(
                        zip(
                            [
                                "completed",
                                "lao_dong_tien_tien",
                                "chien_si_thi_dua_co_so",
                                "disciplined_canh_cao_or_heavier",
                            ],
                            counts,
                            strict=True,
                        ),
                        total=total,
                    ),
                }
            )
        subject["founded"] = "2001-02-03"
        subject["can_receive_flag"] = draw(st.booleans())
    request = {"code": draw(st.sampled_from(CODES[kind])), "year": draw(st.integers(2017, 2026))}
    return {"id": "x", "subject": subject, "history": items, "request": request}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_any_valid_history_gets_a_consistent_verdict_with_cited_conditions(case):
    (result,) = evaluate_payload({"cases": [case]})["results"]
    kind, code = case["subject"]["kind"], case["request"]["code"]
    assert [r["route"] for r in result["routes"]] == known_routes(code, kind)
    for route in result["routes"]:
        assert route["conditions"]
        for condition in route["conditions"]:
            assert condition["basis"] and condition["message"]
        all_met = all(c["met"] for c in route["conditions"])
        expected = (
            "blocked" if case["subject"]["pending"] else ("eligible" if all_met else "not_eligible")
        )
        assert route["verdict"] == expected
    verdicts = {r["verdict"] for r in result["routes"]}
    if case["subject"]["pending"]:
        assert result["verdict"] == "blocked"
    else:
        assert result["verdict"] == ("eligible" if "eligible" in verdicts else "not_eligible")
