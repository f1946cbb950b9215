"""Bulk eligibility (queries.bulk) against the pure engine, and the bulk page."""

import datetime
import random

import pytest
from django.db.models import Exists, OuterRef
from django.urls import reverse

from thidua.awards import queries
from thidua.awards.models import (
    Decision,
    DecisionRecipient,
    Discipline,
    Initiative,
    JudgementFact,
    MaternityLeave,
    PendingMatter,
    YearlyRating,
)
from thidua.awards.queries import bulk
from thidua.organizations.models import Person
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
FIRST, LAST = 2014, 2025
CODES = ["chien_si_thi_dua_cap_tinh", "bang_khen_thu_tuong"]
GIVEN = ["An", "Ánh", "Bình", "Cường", "Dũng", "Đạt", "Hà", "Hường", "Lan", "Yến"]
GOOD, EXCELLENT = ["httnv", "htxsnv"], "htxsnv"
CSTDCS, CSTD_TINH = "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"


def _decisions(tree):
    return {
        y: Decision.objects.create(
            recorded_in=tree["city"],
            number=f"{y}/QĐ-UBND",
            signed_on=D(y + 1, 1, 15),
            issuer_name="UBND Thành phố Thử",
        )
        for y in range(FIRST, LAST + 1)
    }


class Plan:
    """One person's history before it is written: ratings, honours, innovations and the rest."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ratings: dict[int, str] = {}
        self.honours: list[list] = []  # [code, year, basis]
        self.innovations: list[list] = []  # [kind, scope, year]
        self.uses: list[tuple[int, int]] = []  # (innovation index, honour index)
        self.facts: set[tuple[int, str]] = set()
        self.maternity: set[int] = set()
        self.disciplines: list[tuple[str, D, D | None]] = []
        self.matter: str | None = None  # "open" | "closed"

    def honour(self, code, *years, basis="merit"):
        for y in years:
            self.honours.append([code, y, basis])

    def rate(self, codes, *years):
        for y in years:
            self.ratings[y] = self.rng.choice(codes) if isinstance(codes, list) else codes

    def innovation(self, scope, year, kind=None):
        self.innovations.append([kind or self.rng.choice(["initiative", "research"]), scope, year])


# Histories built to meet one title or form for 2025 (the perturbations below then break some).
def _ldtt(p):
    p.rate(GOOD, 2025)
    p.facts.add((2025, "active_in_movements"))


def _cstdcs(p):
    _ldtt(p)
    if p.rng.random() < 0.5:
        p.rate(EXCELLENT, 2025)
    else:
        p.rate("httnv", 2025)
        p.innovation("co_so", 2025)


def _cstd_tinh(p):
    p.honour(CSTDCS, 2023, 2024, 2025)
    p.innovation(p.rng.choice(["cap_tinh", "toan_quoc"]), p.rng.choice([2023, 2024, 2025]))


def _toan_quoc(p):
    p.honour(CSTD_TINH, 2022, 2025)
    p.innovation("toan_quoc", p.rng.randint(2020, 2025))


def _bktt(p):
    p.honour("bang_khen_cap_tinh", p.rng.randint(2014, 2025))
    p.rate(GOOD, *range(2021, 2026))
    p.honour(CSTDCS, *p.rng.sample(range(2021, 2026), 3))


def _labour_order(prerequisite, excellent, title, titles):
    def make(p):
        p.honour(prerequisite, p.rng.randint(2014, 2020))
        p.rate(GOOD, *range(2021, 2026))
        p.rate(EXCELLENT, *p.rng.sample(range(2021, 2026), excellent))
        p.honour(title, *p.rng.sample(range(2021, 2026), titles))

    return make


def _giay_khen(p):
    p.rate(GOOD, 2025)
    p.facts.add((2025, "excellent_in_movement"))


PROFILES = [
    _ldtt,
    _cstdcs,
    _cstd_tinh,
    _toan_quoc,
    _bktt,
    _labour_order("bang_khen_thu_tuong", 1, CSTDCS, 3),
    _labour_order("huan_chuong_lao_dong_hang_ba", 2, CSTD_TINH, 1),
    _labour_order("huan_chuong_lao_dong_hang_nhi", 3, CSTD_TINH, 2),
    _giay_khen,
]


def _noise(p):
    """Background years around the profile: ratings with gaps, titles, facts."""
    good = p.rng.random() < 0.7
    for y in range(FIRST, LAST + 1):
        if y not in p.ratings:
            weights = [5, 4, 1, 0.3, 0.4] if good else [2, 3, 2, 1, 1]
            rating = p.rng.choices(["htxsnv", "httnv", "htnv", "khtnv", None], weights)[0]
            if rating:
                p.ratings[y] = rating
        if p.rng.random() < (0.5 if good else 0.2):
            p.honour(CSTDCS, y, basis=p.rng.choices(["merit", "thematic", "sudden"], [10, 1, 1])[0])
        if p.rng.random() < 0.5:
            p.honour("lao_dong_tien_tien", y)
        if p.rng.random() < 0.6:
            p.facts.add((y, "active_in_movements"))
    if p.rng.random() < 0.3:
        p.innovation(p.rng.choice(["co_so", "cap_tinh", "toan_quoc"]), p.rng.randint(2019, 2025))


def _perturb(p):
    """One change that may (or may not) break the profile: each principle of the engine."""
    rng = p.rng
    kind = rng.choice(
        ["gap", "downgrade", "maternity", "maternity2", "maternity_rated", "basis", "drop",
         "discipline", "use", "use_self", "matter"]
    )  # fmt: skip
    y = rng.randint(2019, 2025)
    if kind == "gap":
        p.ratings.pop(y, None)
    elif kind == "downgrade":
        p.ratings[y] = rng.choice(["htnv", "khtnv", "httnv"])
    elif kind in ("maternity", "maternity2"):
        years = [y, y - 1] if kind == "maternity2" else [y]
        for m in years:
            p.ratings.pop(m, None)
            p.maternity.add(m)
        if rng.random() < 0.2:  # nothing to carry: the year before is not rated
            p.ratings.pop(min(years) - 1, None)
    elif kind == "maternity_rated":
        p.maternity.add(y)
    elif kind == "basis" and p.honours:
        rng.choice(p.honours)[2] = rng.choice(["thematic", "sudden"])
    elif kind == "drop" and p.honours:
        p.honours.remove(rng.choice(p.honours))
    elif kind == "discipline":
        decided = D(rng.randint(2018, 2025), rng.randint(1, 12), 1)
        ends = rng.choice([None, D(decided.year, 12, 31), D(decided.year + 1, 6, 30)])
        p.disciplines.append((rng.choice(["khien_trach", "canh_cao"]), decided, ends))
    elif kind in ("use", "use_self") and p.innovations:
        i = rng.randrange(len(p.innovations))
        code = "chien_si_thi_dua_cap_tinh" if kind == "use_self" else "bang_khen_cap_tinh"
        year = 2025 if kind == "use_self" else rng.randint(p.innovations[i][2], 2025)
        p.honour(code, year)
        p.uses.append((i, len(p.honours) - 1))
    elif kind == "matter":
        p.matter = rng.choice(["open", "closed"])


def _population(tree, types, n=180, seed=2025):
    """``n`` people, each built to meet one code of ``BULK_CODES`` for 2025 (or none), then
    changed at random in the ways the principles care about; seeded, bulk-created."""
    rng = random.Random(seed)
    decisions = _decisions(tree)
    units = [tree["city"], tree["d1"], tree["d2"], tree["d3"], tree["w1"]]
    people = [
        PersonFactory(unit=units[i % 5], given_name=GIVEN[i % 10], middle_name=f"M{i}")
        for i in range(n)
    ]
    plans = []
    for i, _p in enumerate(people):
        plan = Plan(rng)
        profile = (
            PROFILES[i % (len(PROFILES) + 1)] if i % (len(PROFILES) + 1) < len(PROFILES) else None
        )
        if profile:
            profile(plan)
        _noise(plan)
        for _ in range(rng.choice([0, 1, 1, 2])):
            _perturb(plan)
        plans.append(plan)
    ratings, facts, leaves, disciplines, matters, initiatives, recipients = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for person, plan in zip(people, plans, strict=True):
        ratings += [YearlyRating(person=person, year=y, rating=r) for y, r in plan.ratings.items()]
        facts += [JudgementFact(person=person, year=y, fact=f) for y, f in plan.facts]
        leaves += [MaternityLeave(person=person, year=y) for y in plan.maternity]
        disciplines += [
            Discipline(
                person=person, code=code, year=decided.year, decided_on=decided, ends_on=ends
            )
            for code, decided, ends in plan.disciplines
        ]
        if plan.matter:
            closed = plan.matter == "closed"
            matters.append(
                PendingMatter(person=person, kind="complaint", opened_on=D(2025, 3, 1),
                              status=plan.matter, closed_on=D(2025, 5, 1) if closed else None)
            )  # fmt: skip
        initiatives.append(
            [Initiative(person=person, kind=k, title="SK", scope=sc, recognised_year=y)
             for k, sc, y in plan.innovations]
        )  # fmt: skip
        seen = set()
        mine = []
        for code, y, basis in plan.honours:
            if (code, y) not in seen:  # one recipient per decision and title
                seen.add((code, y))
                mine.append(
                    DecisionRecipient(
                        person=person,
                        decision=decisions[y],
                        award_type=types[code],
                        year=y,
                        basis=basis,
                    )
                )
            else:
                mine.append(None)
        recipients.append(mine)
    YearlyRating.objects.bulk_create(ratings)
    JudgementFact.objects.bulk_create(facts)
    MaternityLeave.objects.bulk_create(leaves)
    Discipline.objects.bulk_create(disciplines)
    PendingMatter.objects.bulk_create(matters)
    Initiative.objects.bulk_create([i for mine in initiatives for i in mine])
    DecisionRecipient.objects.bulk_create([r for mine in recipients for r in mine if r])
    through = DecisionRecipient.based_on.through
    uses = [
        through(decisionrecipient=recipients[k][h], initiative=initiatives[k][i])
        for k, plan in enumerate(plans)
        for i, h in plan.uses
        if recipients[k][h] is not None
    ]
    through.objects.bulk_create(uses)
    return people


def _engine_set(people, code, year):
    route = bulk.BULK_CODES[code]
    results = queries.check_many(people, code, year)
    return {p.pk for p in people if bulk.engine_eligible(results[f"person-{p.pk}"], route)}


@pytest.fixture
def population(tree, types):
    return _population(tree, types)


def test_set_wise_equals_the_engine_for_everyone(population, tree):
    """For every code of the bulk page, three years and every person: the query's answer is
    the engine's verdict (2023 is under the 2013 Law, 2024 under NĐ 98, 2025 under NĐ 152)."""
    people = list(Person.objects.filter(unit__path__startswith=tree["city"].path))
    sizes = {}
    for year in (2023, 2024, 2025):
        for code in bulk.BULK_CODES:
            expected = _engine_set(people, code, year)
            got = set(bulk.eligible_people(tree["city"], year, code).values_list("pk", flat=True))
            assert got == expected, (code, year, sorted(got ^ expected))
            sizes[code, year] = len(expected)
            if year == 2025:  # the whole registry: the same query without the unit's subtree
                everyone = set(bulk.eligible_people(None, year, code).values_list("pk", flat=True))
                assert everyone == expected, (code, "country")
    # Varied enough: in 2025 each code has eligible people and people who are not.
    for code in bulk.BULK_CODES:
        assert 2 <= sizes[code, 2025] <= len(people) - 20, (code, sizes[code, 2025])
    _exercises_every_principle(population)
    _someone_is_eligible_through_a_carried_maternity_year(tree)


def _exercises_every_principle(population):
    """The population holds every case the principles of the engine care about."""
    rated = YearlyRating.objects.filter(person=OuterRef("person"), year=OuterRef("year"))
    carried = MaternityLeave.objects.filter(~Exists(rated), year__gte=2021)
    assert carried.count() >= 5  # maternity years without a rating: carried or not
    assert MaternityLeave.objects.filter(Exists(rated)).exists()
    assert PendingMatter.objects.filter(status="open").exists()
    assert PendingMatter.objects.filter(status="closed").exists()
    assert Discipline.objects.filter(ends_on__isnull=True).exists()
    assert Discipline.objects.filter(ends_on__year__lt=2025).exists()
    assert DecisionRecipient.objects.exclude(basis="merit").exists()
    used = DecisionRecipient.based_on.through.objects
    assert used.filter(decisionrecipient__award_type__code=CSTD_TINH).exists()
    assert used.exclude(decisionrecipient__award_type__code=CSTD_TINH).exists()
    assert len(population) == 180


def _someone_is_eligible_through_a_carried_maternity_year(tree):
    """The maternity branch of the query decides real people, not only the empty set."""
    rated = YearlyRating.objects.filter(person=OuterRef("person"), year=OuterRef("year"))
    leave = MaternityLeave.objects.filter(
        ~Exists(rated), person=OuterRef("pk"), year__gte=2021, year__lte=2025
    )
    found = 0
    for code in ("bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba", "lao_dong_tien_tien"):
        found += bulk.eligible_people(tree["city"], 2025, code).filter(Exists(leave)).count()
    assert found >= 1


# --- edge cases, one person each ------------------------------------------------------------------


@pytest.fixture
def strong(tree, decide):
    """A person eligible for CSTĐ cấp tỉnh 2025 and Bằng khen Thủ tướng (73.1.b) 2025."""

    def make(thematic_year=None):
        p = PersonFactory(unit=tree["d2"])
        for y in range(2021, 2026):
            YearlyRating.objects.create(person=p, year=y, rating="htxsnv")
        for y in range(2023, 2026):
            basis = "thematic" if y == thematic_year else "merit"
            decide(p, "chien_si_thi_dua_co_so", y, basis=basis)
        decide(p, "bang_khen_cap_tinh", 2020)
        initiative = Initiative.objects.create(
            person=p, title="SK tỉnh", scope="cap_tinh", recognised_year=2024
        )
        return p, initiative

    return make


def _eligible(unit, year, code):
    return set(bulk.eligible_people(unit, year, code))


def test_the_strong_person_is_eligible_for_both(strong, tree):
    p, _ = strong()
    for code in CODES:
        assert p in _eligible(tree["city"], 2025, code)


def test_a_gap_year_breaks_the_run(strong, tree):
    p, _ = strong()
    DecisionRecipient.objects.filter(person=p, year=2024).delete()
    YearlyRating.objects.filter(person=p, year=2022).delete()
    assert p not in _eligible(tree["city"], 2025, "chien_si_thi_dua_cap_tinh")
    assert p not in _eligible(tree["city"], 2025, "bang_khen_thu_tuong")


def test_a_thematic_title_does_not_count(strong, tree):
    p, _ = strong(thematic_year=2024)
    assert p not in _eligible(tree["city"], 2025, "chien_si_thi_dua_cap_tinh")


def test_a_used_initiative_does_not_count(strong, tree, decide):
    p, initiative = strong()
    decide(p, "bang_khen_cap_tinh", 2024, based_on=[initiative])
    assert p not in _eligible(tree["city"], 2025, "chien_si_thi_dua_cap_tinh")


def test_an_open_complaint_blocks(strong, tree):
    p, _ = strong()
    matter = PendingMatter.objects.create(person=p, kind="complaint", opened_on=D(2025, 3, 1))
    assert p not in _eligible(tree["city"], 2025, "bang_khen_thu_tuong")
    matter.status, matter.closed_on = "closed", D(2025, 4, 1)
    matter.save()
    assert p in _eligible(tree["city"], 2025, "bang_khen_thu_tuong")


def test_a_discipline_cuts_the_chain(strong, tree):
    p, _ = strong()
    Discipline.objects.create(
        person=p, code="khien_trach", year=2023, decided_on=D(2023, 2, 1), ends_on=D(2023, 12, 31)
    )
    # Achievements count from 2024: the run 2023–2025 and the window 2021–2025 are cut.
    assert p not in _eligible(tree["city"], 2025, "chien_si_thi_dua_cap_tinh")
    assert p not in _eligible(tree["city"], 2025, "bang_khen_thu_tuong")


def test_a_maternity_year_carries_the_rating(strong, tree):
    p, _ = strong()
    YearlyRating.objects.filter(person=p, year=2023).delete()
    MaternityLeave.objects.create(person=p, year=2023)
    assert p in _eligible(tree["city"], 2025, "bang_khen_thu_tuong")


def test_only_people_under_the_unit(strong, tree):
    p, _ = strong()
    assert p in _eligible(tree["d2"], 2025, "bang_khen_thu_tuong")
    assert p not in _eligible(tree["d1"], 2025, "bang_khen_thu_tuong")


def test_bulk_check_lists_every_code_in_vietnamese_order(strong, tree):
    first, _ = strong()
    second, _ = strong()
    Person.objects.filter(pk=first.pk).update(given_name="Yến")
    Person.objects.filter(pk=second.pk).update(given_name="Ánh")
    found = bulk.bulk_check(tree["city"], 2025)
    assert list(found) == list(bulk.BULK_CODES)
    assert [p.pk for p in found["bang_khen_thu_tuong"]] == [second.pk, first.pk]


# --- the page -------------------------------------------------------------------------------------


def _page(client, unit, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(reverse("awards:bulk", args=[unit.pk]) + "?" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_page_lists_eligible_people_with_reasons(strong, tree, cast, client_for):
    p, _ = strong()
    html = _page(client_for(cast["board"]), tree["city"], year=2025, code=CSTD_TINH)
    assert reverse("awards:history", args=["person", p.pk]) + "?year=2025" in html
    assert p.full_name in html
    # The engine's reasons, in Vietnamese, with their articles.
    assert "03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2023, 2024, 2025)" in html
    assert "Điều 22 khoản 1 điểm a Luật Thi đua, khen thưởng 2022" in html
    assert "Đủ điều kiện" in html
    assert "1 trên tổng số 1 người đủ điều kiện đề nghị Chiến sĩ thi đua" in html


def test_page_lists_people_not_eligible_with_what_is_missing(strong, tree, cast, client_for):
    p, _ = strong()
    DecisionRecipient.objects.filter(person=p, year=2024).delete()
    client = client_for(cast["board"])
    html = _page(client, tree["city"], year=2025, code=CSTD_TINH)
    assert p.full_name not in html
    html = _page(client, tree["city"], year=2025, code=CSTD_TINH, status="not_eligible")
    assert p.full_name in html
    assert "01 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2025)" in html
    assert "Chưa đủ điều kiện" in html


def test_page_filters_by_title_and_unit_subtree(strong, tree, cast, client_for):
    p, _ = strong()
    weak = PersonFactory(unit=tree["d2"], given_name="Yếu")
    YearlyRating.objects.create(person=weak, year=2025, rating="httnv")
    JudgementFact.objects.create(person=weak, year=2025, fact="active_in_movements")
    client = client_for(cast["board"])
    html = _page(client, tree["city"], year=2025, code="lao_dong_tien_tien")
    assert weak.full_name in html  # LĐTT: rated httnv and active
    html = _page(client, tree["city"], year=2025, code="bang_khen_thu_tuong")
    assert weak.full_name not in html and p.full_name in html
    # Below the city: the person's own district lists them, another district does not.
    assert p.full_name in _page(client, tree["d2"], year=2025, code="bang_khen_thu_tuong")
    assert p.full_name not in _page(client, tree["d1"], year=2025, code="bang_khen_thu_tuong")
    # The city's page links to the districts under it, keeping the filters.
    city = _page(client, tree["city"], year=2025, code="bang_khen_thu_tuong")
    assert reverse("awards:bulk", args=[tree["d2"].pk]) + "?year=2025&amp;code=" in city


def test_page_is_paginated(tree, cast, client_for):
    for i in range(53):
        PersonFactory(unit=tree["d3"], given_name=f"Người{i:02d}")
    client = client_for(cast["board"])
    first = _page(client, tree["d3"], year=2025, status="all")
    assert first.count('class="verdict-') == 50
    assert "1 / 2" in first
    second = _page(client, tree["d3"], year=2025, status="all", page=2)
    assert second.count('class="verdict-') == 3


def test_an_unknown_code_or_status_falls_back(strong, tree, cast, client_for):
    strong()
    html = _page(client_for(cast["board"]), tree["city"], year=2025, code="x", status="y")
    assert 'value="chien_si_thi_dua_cap_tinh" selected' in html


def test_page_by_query_string(strong, tree, cast, client_for):
    strong()
    url = reverse("awards:bulk") + f"?unit={tree['d2'].pk}&year=2025"
    assert client_for(cast["officer"]).get(url).status_code == 200
    assert client_for(cast["viewer"]).get(url).status_code == 403
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(cast["board"]).get(reverse("awards:bulk")).status_code == 404


# --- the demo -------------------------------------------------------------------------------------


def test_the_demo_finds_eligible_and_ineligible_people_with_reasons(client_for):
    from thidua.accounts import demo as accounts_demo
    from thidua.awards import demo
    from thidua.organizations import demo as organizations_demo

    ctx: dict = {}
    organizations_demo.seed(ctx)
    accounts_demo.seed(ctx)
    demo.seed(ctx)
    hoang_mai = ctx["units"]["Hoàng Mai"]

    def names(code):
        return {p.full_name for p in bulk.eligible_people(hoang_mai, 2025, code)}

    assert names(CSTD_TINH) == {"Nguyễn Thị Lan"}
    assert {"Hoàng Văn Nam", "Nguyễn Thị Lan"} <= names("bang_khen_thu_tuong")
    assert "Bùi Thị Thu" not in names("bang_khen_thu_tuong")
    assert "Lê Thị Hoa" not in names("lao_dong_tien_tien")  # a complaint is being handled
    assert "Đỗ Thị Mai" in names("lao_dong_tien_tien")
    thu = Person.objects.get(family_name="Bùi", given_name="Thu")
    result = bulk.reasons_for([thu], "bang_khen_thu_tuong", 2025)[thu.pk]
    unmet = [c["message"] for r in result["routes"] for c in r["conditions"] if not c["met"]]
    assert any("02 năm đạt danh hiệu Chiến sĩ thi đua cơ sở" in m for m in unmet), unmet
