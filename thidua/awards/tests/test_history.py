"""history_for builds valid contract input from the registry, set-wise, following lineage."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.awards import actions
from thidua.awards.queries import (
    check_all,
    check_many,
    check_subject,
    histories_for,
    history_for,
    member_counts,
    with_request,
)
from thidua.awards.rules.parsing import parse_payload
from thidua.organizations import actions as org_actions
from thidua.organizations.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _rate(subject, *pairs, by=None):
    for year, rating in pairs:
        actions.record_rating(subject=subject, year=year, rating=rating, by=by)


@pytest.fixture
def fighter(person, decide, cast):
    """Htxsnv 2023–2025, CSTĐ cơ sở 2023 and 2024 (the first on an initiative), a provincial
    initiative in 2025, active in movements 2025, a reprimand that ended in 2021."""
    board = cast["board"]
    _rate(person, (2023, "htxsnv"), (2024, "htxsnv"), (2025, "htxsnv"))
    first = actions.record_initiative(
        subject=person, title="Số hóa hồ sơ một cửa", scope="co_so", recognised_year=2023, by=board
    )
    actions.record_initiative(
        subject=person,
        title="Phần mềm chấm điểm thi đua",
        scope="cap_tinh",
        recognised_year=2025,
        kind="research",
        by=board,
    )
    decide(person, "chien_si_thi_dua_co_so", 2023, based_on=[first])
    decide(person, "chien_si_thi_dua_co_so", 2024)
    decide(person, "lao_dong_tien_tien", 2025)
    actions.record_fact(subject=person, year=2025, fact="active_in_movements", by=board)
    actions.record_discipline(
        subject=person,
        code="khien_trach",
        decided_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 12, 31),
        by=board,
    )
    actions.record_maternity_leave(person=person, year=2022, by=board)
    return person


def test_history_for_is_valid_contract_input(fighter):
    case = history_for(fighter, 2025)
    cases = parse_payload({"cases": [with_request(case, "chien_si_thi_dua_cap_tinh", 2025)]})
    history = cases[0].history
    assert history.ratings == {2023: "htxsnv", 2024: "htxsnv", 2025: "htxsnv"}
    assert {(h.year, h.code) for h in history.honours} == {
        (2023, "chien_si_thi_dua_co_so"),
        (2024, "chien_si_thi_dua_co_so"),
        (2025, "lao_dong_tien_tien"),
    }
    first = next(h for h in history.honours if h.year == 2023)
    assert first.based_on and first.based_on[0].startswith("SK-")
    assert {(i.kind, i.scope) for i in history.innovations} == {
        ("initiative", "co_so"),
        ("research", "cap_tinh"),
    }
    assert history.maternity_years == {2022}
    assert history.disciplines[0].ended == datetime.date(2021, 12, 31)
    assert (2025, "active_in_movements") in history.facts
    assert case["subject"] == {"kind": "individual", "pending": []}


def test_history_for_a_year_leaves_out_later_years(fighter):
    case = history_for(fighter, 2024)
    assert max(item["year"] for item in case["history"]) == 2024
    assert {"year": 2025, "rating": "htxsnv"} not in case["history"]


def test_engine_verdicts_come_from_the_registry(fighter):
    result = check_subject(fighter, "chien_si_thi_dua_cap_tinh", 2025)
    assert result["verdict"] == "not_eligible"  # CSTĐ cơ sở only twice in a row so far
    messages = " ".join(c["message"] for r in result["routes"] for c in r["conditions"])
    assert "Chiến sĩ thi đua cơ sở" in messages
    assert check_subject(fighter, "chien_si_thi_dua_co_so", 2025)["verdict"] == "eligible"
    assert check_subject(fighter, "bang_khen_cap_tinh", 2024)["verdict"] == "eligible"


def test_an_open_matter_blocks_and_closing_it_unblocks(fighter, cast):
    matter = actions.open_matter(
        subject=fighter, kind="complaint", opened_on=datetime.date(2026, 1, 5), by=cast["board"]
    )
    assert history_for(fighter, 2025)["subject"]["pending"] == ["complaint"]
    assert check_subject(fighter, "lao_dong_tien_tien", 2025)["verdict"] == "blocked"
    actions.close_matter(
        matter=matter, version=matter.version, closed_on=datetime.date(2026, 2, 1), by=None
    )
    assert check_subject(fighter, "lao_dong_tien_tien", 2025)["verdict"] == "eligible"


def test_check_all_answers_every_title_and_form_of_the_subject_kind(fighter, types):
    verdicts = check_all(fighter, 2025)
    individual = {c for c, t in types.items() if t.applies_to("individual")}
    assert {v.award_type.code for v in verdicts} == individual
    assert all(v.result["routes"] for v in verdicts)
    assert check_all(fighter, 2015) == []  # before the earliest regime the engine knows


# --- a collective's members ---------------------------------------------------------------------


@pytest.fixture
def staff(tree, decide):
    """Six people of d2: rated for 2025 except the last; titles and disciplines of 2025."""
    unit = tree["d2"]
    people = [PersonFactory(unit=unit) for _ in range(6)]
    for p, rating in zip(people, ["htxsnv", "httnv", "htnv", "khtnv", "httnv"], strict=False):
        _rate(p, (2025, rating))
    _rate(people[5], (2024, "httnv"))
    decide(people[0], "lao_dong_tien_tien", 2025)
    decide(people[0], "chien_si_thi_dua_co_so", 2025)
    decide(people[1], "lao_dong_tien_tien", 2025)
    for p, code in ((people[3], "canh_cao"), (people[4], "khien_trach")):
        actions.record_discipline(
            subject=p, code=code, decided_on=datetime.date(2025, 6, 1), by=None
        )
    return people


def test_members_counts_are_one_query_over_the_ratings(tree, staff, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = member_counts([tree["d2"].pk], until=2025)
    assert counts[(tree["d2"].pk, 2025)] == {
        "total": 5,
        "completed": 4,
        "lao_dong_tien_tien": 2,
        "chien_si_thi_dua_co_so": 1,
        "disciplined_canh_cao_or_heavier": 1,  # Khiển trách does not count
    }
    assert counts[(tree["d2"].pk, 2024)]["total"] == 1


def test_a_collective_history_has_its_members_and_is_valid(tree, staff, cast):
    _rate(tree["d2"], (2025, "httnv"))
    actions.record_fact(subject=tree["d2"], year=2025, fact="united", by=cast["board"])
    case = history_for(tree["d2"], 2025)
    members = next(i["members"] for i in case["history"] if "members" in i and i["year"] == 2025)
    assert members["total"] == 5
    parse_payload({"cases": [with_request(case, "tap_the_lao_dong_tien_tien", 2025)]})
    result = check_subject(tree["d2"], "tap_the_lao_dong_tien_tien", 2025)
    assert result["verdict"] == "not_eligible"
    assert any("2/5 thành viên (40%)" in c["message"] for c in result["routes"][0]["conditions"])


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_history_queries_do_not_grow_with_the_number_of_people(tree, staff, decide):
    few = _queries(lambda: history_for(tree["d2"], 2025))
    for _ in range(15):
        p = PersonFactory(unit=tree["d2"])
        _rate(p, (2024, "httnv"), (2025, "htxsnv"))
        decide(p, "lao_dong_tien_tien", 2025)
    assert _queries(lambda: history_for(tree["d2"], 2025)) == few
    assert history_for(tree["d2"], 2025)["history"][-1]["members"]["total"] == 20


def test_bulk_checks_read_set_wise(tree, staff, cast):
    for p in staff:
        actions.record_fact(subject=p, year=2025, fact="active_in_movements", by=cast["board"])
    two = _queries(lambda: check_many(staff[:2], "lao_dong_tien_tien", 2025))
    results = {}
    assert _queries(lambda: results.update(check_many(staff, "lao_dong_tien_tien", 2025))) == two
    verdicts = [results[f"person-{p.pk}"]["verdict"] for p in staff]
    # htnv, khtnv, a reprimand still running, and no 2025 rating are not LĐTT.
    assert verdicts == ["eligible", "eligible"] + ["not_eligible"] * 4


# --- lineage ------------------------------------------------------------------------------------


@pytest.fixture
def merger(tree):
    """Two wards of d1 merged into a new ward on 01/07/2025."""
    old_a = UnitFactory(parent=tree["d1"], short_name="Phường A", kind="xa")
    old_b = UnitFactory(parent=tree["d1"], short_name="Phường B", kind="xa")
    new = UnitFactory(
        parent=tree["d1"], short_name="Phường Mới", kind="xa", valid_from=datetime.date(2025, 7, 1)
    )
    for old in (old_a, old_b):
        org_actions.end_unit(
            unit=old,
            ended_on=datetime.date(2025, 6, 30),
            successors=[new],
            kind="merger",
            by=None,
        )
    return old_a, old_b, new


def test_a_predecessors_awards_count_for_its_successor(merger, decide, cast):
    old_a, _, new = merger
    _rate(old_a, (2024, "htxsnv"))
    decide(old_a, "tap_the_lao_dong_xuat_sac", 2025)
    for fact in ("grassroots_democracy", "thrift_anticorruption_lead"):
        actions.record_fact(subject=new, year=2025, fact=fact, by=cast["board"])
    result = check_subject(new, "bang_khen_cap_tinh", 2025)
    assert result["verdict"] == "eligible"
    alone = UnitFactory(parent=old_a.parent, short_name="Phường C", kind="xa")
    assert check_subject(alone, "bang_khen_cap_tinh", 2025)["verdict"] == "not_eligible"


def test_lineage_ratings_prefer_the_unit_itself_then_the_lowest(merger):
    old_a, old_b, new = merger
    _rate(old_a, (2023, "httnv"), (2024, "htxsnv"))
    _rate(old_b, (2023, "htnv"))
    _rate(new, (2024, "httnv"))
    ratings = {i["year"]: i["rating"] for i in history_for(new, 2025)["history"] if "rating" in i}
    assert ratings == {2023: "htnv", 2024: "httnv"}


def test_a_successors_members_include_the_people_of_the_units_it_took_over(merger):
    old_a, _, new = merger
    for rating in ("httnv", "htxsnv"):
        _rate(PersonFactory(unit=old_a), (2024, rating))
    _rate(PersonFactory(unit=new), (2024, "htnv"))
    case = history_for(new, 2025)
    members = [i["members"] for i in case["history"] if "members" in i]
    assert members == [
        {
            "total": 3,
            "completed": 3,
            "lao_dong_tien_tien": 0,
            "chien_si_thi_dua_co_so": 0,
            "disciplined_canh_cao_or_heavier": 0,
        }
    ]
    assert case["subject"]["founded"] == "2025-07-01"  # the earliest known start in the lineage


def test_bulk_histories_follow_lineage_like_single_ones(merger, decide):
    old_a, old_b, new = merger
    decide(old_a, "tap_the_lao_dong_xuat_sac", 2024)
    bulk = histories_for([new, old_a, old_b], 2025)
    assert bulk[f"unit-{new.pk}"]["history"] == history_for(new, 2025)["history"]
    assert any(
        i.get("title") == "tap_the_lao_dong_xuat_sac" for i in bulk[f"unit-{new.pk}"]["history"]
    )
    assert not bulk[f"unit-{old_b.pk}"]["history"]
