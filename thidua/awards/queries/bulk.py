"""Bulk eligibility: everyone under a unit eligible for a title or form, set-wise in the database.

The rule objects of ``rules/definitions`` are compiled into ONE query per award code: each
condition becomes a set of person ids (``pk IN (…)``), with the thresholds (window lengths,
counts, minimum ratings, scopes) read off the condition itself, never re-typed. Counted
conditions are one ``GROUP BY person … HAVING count(…) >= n`` over the registry rows of the
window; alternatives ("htxsnv, or an initiative") are a ``UNION`` of id sets. Nothing is
correlated to the outer person, so PostgreSQL plans each condition as a hash semi-join: one
pass over the rows of the window, whatever the number of people.

The shared principles of the engine are applied the same way:

- only merit awards count in chains (sudden and thematic ones never do);
- a record counts only from the end of the discipline periods decided up to the year under
  review (``chains.counted_from``); a discipline whose period has not ended before that year,
  or has no end date, blocks (``principles.discipline_condition``);
- an open pending matter blocks everything;
- an initiative or project listed in the ``based_on`` of one of the person's own awards up to
  the year (other than the award requested for that year) is used up (``chains.used_ids``);
- a maternity year without a rating carries the rating of the last rated year before it, when
  every year in between is a maternity year too (``chains.effective_rating``): those years are
  rows of ``MaternityLeave`` whose source rating is found by a subquery.

Windows are the years Y−length+1 … Y; a run of ``length`` consecutive years ending at Y is the
same thing as ``length`` distinct years in that window, so it is a count too.

The engine stays the reference: the tests compare the two for every person of a varied
population and every code of ``BULK_CODES``. The engine also writes the reasons the page shows
(for the page's people only: ``reasons_for``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from thidua.core.db import vi
from thidua.organizations.models import Person, Unit

from .. import subjects as s
from ..models import (
    AwardType,
    DecisionRecipient,
    Discipline,
    Initiative,
    JudgementFact,
    MaternityLeave,
    MatterStatus,
    PendingMatter,
    YearlyRating,
)
from ..rules import conditions as c
from ..rules.catalog import CATALOG, INDIVIDUAL, regime_for_year
from ..rules.history import MERIT
from ..rules.registry import rules_for
from ..rules.results import ELIGIBLE
from ..rules.rule import Rule

# The individual titles and forms the bulk check lists, with the route it checks (None: every
# route of the code). Left out: Bằng khen cấp tỉnh (74.1.d looks for initiatives over a run of
# excellent years whose start is not bounded) and every collective title or form (members'
# counts, clusters, movements): the history page checks those one subject at a time.
BULK_CODES: dict[str, str | None] = {
    "chien_si_thi_dua_cap_tinh": None,
    "bang_khen_thu_tuong": "73.1.b",
    "lao_dong_tien_tien": None,
    "chien_si_thi_dua_co_so": None,
    "chien_si_thi_dua_toan_quoc": None,
    "huan_chuong_lao_dong_hang_ba": None,
    "huan_chuong_lao_dong_hang_nhi": None,
    "huan_chuong_lao_dong_hang_nhat": None,
    "giay_khen": None,
}
NOTHING = Q(pk__in=[])


def ratings_at_least(code: str) -> list[str]:
    rank = CATALOG.ratings[code].rank
    return [k for k, r in CATALOG.ratings.items() if r.rank >= rank]


def scopes_at_least(code: str) -> list[str]:
    rank = CATALOG.scopes[code].rank
    return [k for k, r in CATALOG.scopes.items() if r.rank >= rank]


def union(*ids: QuerySet) -> QuerySet:
    """One id set from several (``UNION``, which also removes duplicates)."""
    first, *rest = [q.order_by() for q in ids]
    return first.union(*rest) if rest else first


def ids_of(q: Q) -> QuerySet:
    """The people matching ``q`` (several conditions together), as an id set."""
    return Person.objects.order_by().filter(q).values("pk")


class Compiler:
    """Conditions of one rule → a filter on ``Person`` for the year under review.

    ``unit``: every row set is restricted to the people of that subtree before it is grouped,
    so a province's check reads the province's rows (through the person indexes), not the
    country's.
    """

    def __init__(self, rule: Rule, year: int, unit: Unit | None = None):
        self.rule = rule
        self.year = year
        self.people = None if unit is None else people_under(unit).order_by().values("pk")
        self._types: dict[str, int] | None = None

    def type_id(self, code: str) -> int | None:
        """The award type's id, so the (award type, year) index applies without a join."""
        if self._types is None:
            self._types = dict(AwardType.objects.values_list("code", "pk"))
        return self._types.get(code)

    def mine(self, rows: QuerySet) -> QuerySet:
        return rows if self.people is None else rows.filter(person__in=self.people)

    # --- building blocks: row sets of the registry, uncorrelated to the outer person -----------

    def lost(self, person_ref, year_ref) -> Exists:
        """A discipline (decided up to Y) whose period reaches ``year_ref``: the record is lost.

        The record counts from ``(ends_on or decided year) + 1`` on (``chains.discipline_start``).
        """
        until = Coalesce(ExtractYear("ends_on"), "year", output_field=IntegerField())
        return Exists(
            Discipline.objects.filter(person=person_ref, year__lte=self.year)
            .annotate(until=until)
            .filter(until__gte=year_ref)
        )

    def honours(self, code: str, first: int | None, last: int) -> QuerySet:
        rows = self.mine(
            DecisionRecipient.objects.filter(
                person__isnull=False, award_type_id=self.type_id(code), basis=MERIT, year__lte=last
            )
        )
        if first is not None:
            rows = rows.filter(year__gte=first)
        return rows.filter(~self.lost(OuterRef("person_id"), OuterRef("year")))

    def good_ratings(self, minimum: str, first: int, last: int) -> QuerySet:
        """Rating rows of the window ranking at least ``minimum``, not lost to a discipline."""
        return self.mine(
            YearlyRating.objects.filter(
                person__isnull=False,
                year__gte=first,
                year__lte=last,
                rating__in=ratings_at_least(minimum),
            )
        ).filter(~self.lost(OuterRef("person_id"), OuterRef("year")))

    def carried(self, minimum: str, first: int, last: int) -> QuerySet:
        """Maternity years of the window with no rating of their own that carry a rating of at
        least ``minimum``: the last rated year before it, every year in between on leave."""
        before = YearlyRating.objects.filter(
            person=OuterRef("person_id"), year__lt=OuterRef("year")
        ).order_by("-year")
        on_leave = (
            MaternityLeave.objects.filter(
                person=OuterRef("person_id"),
                year__gt=OuterRef("source_year"),
                year__lte=OuterRef("year"),
            )
            .order_by()
            .values("person")
            .annotate(n=Count("pk"))
            .values("n")
        )
        own = YearlyRating.objects.filter(person=OuterRef("person_id"), year=OuterRef("year"))
        return (
            self.mine(MaternityLeave.objects.filter(year__gte=first, year__lte=last))
            .filter(~Exists(own))
            .annotate(
                source_year=Subquery(before.values("year")[:1]),
                source_rating=Subquery(before.values("rating")[:1]),
            )
            .filter(source_rating__in=ratings_at_least(minimum))
            .annotate(leave_years=Subquery(on_leave[:1], output_field=IntegerField()))
            .filter(leave_years=F("year") - F("source_year"))
            .filter(~self.lost(OuterRef("person_id"), OuterRef("source_year")))
        )

    def rated(self, minimum: str, first: int, last: int, count: int = 1) -> QuerySet:
        """People rated at least ``minimum`` (maternity years carried) in ``count`` years of
        first … last."""
        good, carried = self.good_ratings(minimum, first, last), self.carried(minimum, first, last)
        if count <= 1:
            return union(good.values("person"), carried.values("person"))
        # Enough rated years alone (the common case), or a carried maternity year in the window
        # and enough years once the carried ones are added (a handful of people).
        alone = self.grouped(good, "pk", count, distinct=False)  # one rating per year
        total = self.counted(good.filter(person=OuterRef("pk"))) + self.counted(
            carried.filter(person=OuterRef("pk"))
        )
        people = Person.objects.order_by()
        if self.people is not None:
            people = people.filter(pk__in=self.people)
        with_leave = (
            people.filter(pk__in=carried.values("person"))
            .annotate(rated_years=total)
            .filter(rated_years__gte=count)
            .values("pk")
        )
        return union(alone, with_leave)

    @staticmethod
    def counted(rows: QuerySet):
        counted = rows.order_by().values("person").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted[:1]), Value(0), output_field=IntegerField())

    def innovations(self, min_scope: str, kinds: Iterable[str], first: int, last: int) -> QuerySet:
        """Unused initiatives or projects of the window (``chains.used_ids``)."""
        through = DecisionRecipient.based_on.through
        used = through.objects.filter(
            initiative_id=OuterRef("pk"),
            decisionrecipient__person_id=OuterRef("person_id"),
            decisionrecipient__year__lte=self.year,
        ).exclude(
            decisionrecipient__award_type_id=self.type_id(self.rule.code),
            decisionrecipient__year=self.year,
        )
        return self.mine(
            Initiative.objects.filter(
                person__isnull=False,
                kind__in=list(kinds),
                scope__in=scopes_at_least(min_scope),
                recognised_year__gte=first,
                recognised_year__lte=last,
            )
        ).filter(~self.lost(OuterRef("person_id"), OuterRef("recognised_year")), ~Exists(used))

    def facts(self, fact: str) -> QuerySet:
        rows = JudgementFact.objects.filter(person__isnull=False, year=self.year, fact=fact)
        return self.mine(rows)

    @staticmethod
    def grouped(rows: QuerySet, field: str, count: int, distinct: bool = True) -> QuerySet:
        """The people with at least ``count`` distinct ``field`` values among ``rows``."""
        if count <= 1:
            return rows.order_by().values("person")
        return (
            rows.order_by()
            .values("person")
            .annotate(n=Count(field, distinct=distinct))
            .filter(n__gte=count)
            .values("person")
        )

    def window(self, length: int) -> tuple[int, int]:
        return self.year - length + 1, self.year

    # --- conditions: each one a Q on Person -----------------------------------------------------

    def condition(self, cond) -> Q:
        method = getattr(self, f"_{type(cond).__name__}", None)
        if method is None:
            raise NotImplementedError(f"{type(cond).__name__} has no set-wise form yet")
        return method(cond)

    def _TitleRun(self, cond: c.TitleRun) -> Q:
        first, last = self.window(cond.length)
        return Q(pk__in=self.grouped(self.honours(cond.title, first, last), "year", cond.length))

    def _TitleCount(self, cond: c.TitleCount) -> Q:
        first, last = self.window(cond.length)
        return Q(pk__in=self.grouped(self.honours(cond.title, first, last), "year", cond.count))

    def _HeldInYears(self, cond: c.HeldInYears) -> Q:
        q = Q()
        for offset in cond.offsets:
            y = self.year - offset
            q &= Q(pk__in=self.honours(cond.title, y, y).values("person"))
        return q

    def _Prerequisite(self, cond: c.Prerequisite) -> Q:
        last = self.year if cond.years_after is None else self.year - cond.years_after
        return Q(pk__in=self.honours(cond.award, None, last).values("person"))

    def _YearlyRun(self, cond: c.YearlyRun) -> Q:
        first, last = self.window(cond.length)
        if not cond.titles:
            return Q(pk__in=self.rated(cond.minimum, first, last, cond.length))
        q = Q()
        for y in range(first, last + 1):
            held = [self.honours(title, y, y).values("person") for title in cond.titles]
            q &= Q(pk__in=union(*held, self.rated(cond.minimum, y, y)))
        return q

    def _RatingCount(self, cond: c.RatingCount) -> Q:
        first, last = self.window(cond.length)
        return Q(pk__in=self.rated(cond.rating, first, last, cond.count))

    def _RatingInYear(self, cond: c.RatingInYear) -> Q:
        return Q(pk__in=self.rated(cond.minimum, self.year, self.year))

    def _FactInYear(self, cond: c.FactInYear) -> Q:
        return Q(pk__in=self.facts(cond.fact).values("person"))

    def _LabourStandard(self, cond: c.LabourStandard) -> Q:
        y = self.year
        standard = Q(pk__in=self.rated(cond.minimum, y, y)) & Q(
            pk__in=self.facts(cond.fact).values("person")
        )
        return Q(pk__in=union(self.honours(cond.title, y, y).values("person"), ids_of(standard)))

    def _ExcellenceOrInnovation(self, cond: c.ExcellenceOrInnovation) -> Q:
        y = self.year
        found = [self.innovations(cond.min_scope, cond.kinds, y, y).values("person")]
        if cond.rating:
            found.append(self.rated(cond.rating, y, y))
        return Q(pk__in=union(*found))

    def _InnovationInWindow(self, cond: c.InnovationInWindow) -> Q:
        first, last = self.window(cond.length)
        rows = self.innovations(cond.min_scope, cond.kinds, first, last)
        return Q(pk__in=self.grouped(rows, "pk", cond.count))

    def compile(self) -> Q:
        if not self.rule.modelled:
            return NOTHING
        return reduce(lambda q, cond: q & self.condition(cond), self.rule.conditions, Q())


def principles(year: int) -> Q:
    """Open pending matters and unfinished discipline periods block every route."""
    pending = PendingMatter.objects.filter(person=OuterRef("pk"), status=MatterStatus.OPEN)
    blocking = Discipline.objects.filter(person=OuterRef("pk"), year__lte=year).filter(
        Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
    )
    return ~Q(Exists(pending)) & ~Q(Exists(blocking))


def people_under(unit: Unit | None) -> QuerySet[Person]:
    """Everyone of ``unit`` and its subtree (None: the whole registry)."""
    people = Person.objects.all()
    return people if unit is None else people.filter(unit__path__startswith=unit.path)


def eligibility_q(year: int, code: str, route: str | None = None, unit: Unit | None = None) -> Q:
    """The filter on ``Person`` of the people eligible for ``code`` (one route, or any)."""
    regime = regime_for_year(year)
    rules = rules_for(code, INDIVIDUAL, regime, route) if regime else []
    routes = [Compiler(rule, year, unit).compile() for rule in rules]
    if not routes:
        return NOTHING
    either = routes[0] if len(routes) == 1 else Q(pk__in=union(*(ids_of(q) for q in routes)))
    return principles(year) & either


def eligible_people(
    unit: Unit | None, year: int, code: str, route: str | None = None
) -> QuerySet[Person]:
    """People under ``unit`` eligible for ``code`` for ``year`` (route: ``BULK_CODES``)."""
    route = route if route is not None else BULK_CODES.get(code)
    return people_under(unit).filter(eligibility_q(year, code, route, unit))


def engine_eligible(result: dict, route: str | None) -> bool:
    """Whether an engine result is eligible (on ``route`` alone when given)."""
    if route is None:
        return result["verdict"] == ELIGIBLE
    return any(r["verdict"] == ELIGIBLE for r in result["routes"] if r["route"] == route)


def in_vi_order(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.order_by(vi("given_name"), vi("middle_name"), vi("family_name"), "pk")


def bulk_check(unit: Unit | None, year: int) -> dict[str, list[Person]]:
    """code → the eligible people under ``unit`` for ``year``, in Vietnamese name order."""
    return {
        code: list(in_vi_order(eligible_people(unit, year, code, route)).select_related("unit"))
        for code, route in BULK_CODES.items()
    }


ELIGIBLE_ONLY, NOT_ELIGIBLE, EVERYONE = "eligible", "not_eligible", "all"
STATUSES = (ELIGIBLE_ONLY, NOT_ELIGIBLE, EVERYONE)


def listing(unit: Unit | None, year: int, code: str, status: str) -> QuerySet[Person]:
    """The people of the bulk page: eligible, not eligible (blocked included) or everyone under
    ``unit``, in Vietnamese name order."""
    people = people_under(unit)
    eligible = people.filter(eligibility_q(year, code, BULK_CODES.get(code), unit))
    if status == ELIGIBLE_ONLY:
        people = eligible
    elif status == NOT_ELIGIBLE:
        people = people.exclude(pk__in=eligible.values("pk"))
    return in_vi_order(people).select_related("unit")


def counts(unit: Unit | None, year: int, code: str) -> dict[str, int]:
    """How many people are under ``unit``, and how many of them are eligible for ``code``."""
    people = people_under(unit)
    total = people.count()
    eligible = people.filter(eligibility_q(year, code, BULK_CODES.get(code), unit)).count()
    return {EVERYONE: total, ELIGIBLE_ONLY: eligible, NOT_ELIGIBLE: total - eligible}


def reasons_for(people: Sequence[Person], code: str, year: int) -> dict[int, dict]:
    """person id → the engine's result for ``code``, for the few people a page shows.

    The histories are read set-wise (one query per kind of record) and evaluated by the engine,
    so the page prints exactly the conditions and articles of the per-person verdict.
    """
    from .history import check_many

    results = check_many(list(people), code, year) if people else {}
    return {p.pk: results[s.key_of(p)] for p in people}
