"""Histories from the registry, in the eligibility contract's shape, and the engine's verdicts.

``history_for(subject, year)`` builds the contract "case" (``contracts/eligibility.md``) of one
person or unit from the registry: ratings, titles and forms (with the initiatives they used),
initiatives and projects, disciplines, maternity leave, recorded judgements, open matters and,
for a collective, its members' counts for each year. A unit's history includes the history of
every unit it took over through mergers, splits and renamings (``history_unit_ids``).

Everything is read set-wise: ``histories_for(subjects, year)`` answers for any number of people
and units with a fixed number of queries (one per kind of record), never a query per person.
The same records feed the history page (``history_page``), so the page shows exactly what the
engine was given.

Choices the contract leaves to the registry:

- a collective's members in year Y are the people of the unit (and of the units it took over)
  who have a rating for Y; the counts are one aggregate query over those ratings;
- when a unit and the units it took over each have a rating for the same year, the unit's own
  rating counts, otherwise the lowest of them (the engine takes one rating per year);
- a unit's founding date is the earliest known start date in its lineage;
- ``pending`` lists the matters open today, whatever the year under review.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from thidua.organizations.models import Person, Unit, UnitSuccession
from thidua.organizations.queries import history_unit_ids

from .. import subjects as s
from ..models import (
    AwardKind,
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
from ..rules import evaluate_payload, regime_for_year
from ..rules.catalog import CATALOG

LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien"
CHIEN_SI_THI_DUA_CO_SO = "chien_si_thi_dua_co_so"
COMPLETED_RATINGS = [
    c for c, r in CATALOG.ratings.items() if r.rank >= CATALOG.ratings["htnv"].rank
]
HEAVY_DISCIPLINES = [
    c for c, r in CATALOG.disciplines.items() if r.rank >= CATALOG.disciplines["canh_cao"].rank
]


@dataclass
class Records:
    """What the registry holds about one subject (and, for a unit, the units it took over)."""

    subject: Person | Unit
    unit_ids: list[int] = field(default_factory=list)  # the lineage, for a unit
    ratings: list[YearlyRating] = field(default_factory=list)
    recipients: list[DecisionRecipient] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    matters: list[PendingMatter] = field(default_factory=list)
    facts: list[JudgementFact] = field(default_factory=list)
    maternity: list[MaternityLeave] = field(default_factory=list)
    members: dict[int, dict[str, int]] = field(default_factory=dict)  # year → counts
    founded: datetime.date | None = None

    @property
    def kind(self) -> str:
        return s.kind_of(self.subject)

    @property
    def key(self) -> str:
        return s.key_of(self.subject)

    def ratings_by_year(self) -> dict[int, str]:
        """One rating per year: the subject's own, else the lowest among the units taken over."""
        chosen: dict[int, YearlyRating] = {}
        own = self.subject.pk if self.kind == s.COLLECTIVE else None
        for row in self.ratings:
            current = chosen.get(row.year)
            replaces = current is not None and (
                own is not None
                and current.unit_id != own
                and (
                    row.unit_id == own
                    or CATALOG.ratings[row.rating].rank < CATALOG.ratings[current.rating].rank
                )
            )
            if current is None or replaces:
                chosen[row.year] = row
        return {year: row.rating for year, row in chosen.items()}


# --- lineage ------------------------------------------------------------------------------------


def lineage_of(units: Sequence[Unit]) -> dict[int, list[int]]:
    """unit id → the unit and every unit whose history it took over.

    One unit: ``organizations.queries.history_unit_ids``. Many units: the same walk, set-wise
    (one query per generation of predecessors for all units together).
    """
    if len(units) == 1:
        return {units[0].pk: history_unit_ids(units[0])}
    parents: dict[int, set[int]] = defaultdict(set)
    frontier = {u.pk for u in units}
    seen = set(frontier)
    for _ in range(20):
        rows = UnitSuccession.objects.filter(successor__in=frontier).values_list(
            "successor_id", "predecessor_id"
        )
        frontier = set()
        for successor, predecessor in rows:
            parents[successor].add(predecessor)
            if predecessor not in seen:
                seen.add(predecessor)
                frontier.add(predecessor)
        if not frontier:
            break
    result = {}
    for unit in units:
        found, stack = {unit.pk}, [unit.pk]
        while stack:
            for predecessor in parents.get(stack.pop(), ()):
                if predecessor not in found:
                    found.add(predecessor)
                    stack.append(predecessor)
        result[unit.pk] = sorted(found)
    return result


# --- members ------------------------------------------------------------------------------------


def _held(code: str):
    return Exists(
        DecisionRecipient.objects.filter(
            person=OuterRef("person_id"), year=OuterRef("year"), award_type__code=code
        )
    )


def member_counts(unit_ids: Iterable[int], *, until: int | None = None) -> dict:
    """(unit id, year) → the contract's member counts, for any number of units in ONE query.

    Members of a unit in a year are its people rated for that year; LĐTT and CSTĐ cơ sở are the
    titles they hold for that year; disciplines count from Cảnh cáo up (Khiển trách does not).
    """
    ratings = YearlyRating.objects.filter(person__unit_id__in=list(unit_ids))
    if until is not None:
        ratings = ratings.filter(year__lte=until)
    heavy = Exists(
        Discipline.objects.filter(
            person=OuterRef("person_id"), year=OuterRef("year"), code__in=HEAVY_DISCIPLINES
        )
    )
    rows = (
        ratings.order_by()
        .values("person__unit_id", "year")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(rating__in=COMPLETED_RATINGS)),
            lao_dong_tien_tien=Count("pk", filter=_held(LAO_DONG_TIEN_TIEN)),
            chien_si_thi_dua_co_so=Count("pk", filter=_held(CHIEN_SI_THI_DUA_CO_SO)),
            disciplined_canh_cao_or_heavier=Count("pk", filter=heavy),
        )
    )
    return {
        (row.pop("person__unit_id"), row.pop("year")): row
        for row in rows  # one row per (unit, year): a handful, not one per person
    }


def _add_counts(into: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


# --- loading ------------------------------------------------------------------------------------


def load_records(
    subjects: Sequence[Person | Unit], *, until: int | None = None, detail: bool = False
) -> dict[str, Records]:
    """Records of many subjects, keyed by ``subjects.key_of``, with one query per kind of record.

    ``until`` keeps the years up to the year under review; ``detail`` also fetches what the
    history page prints (decisions, the predecessor units), still without a query per row.
    """
    records = {s.key_of(x): Records(subject=x) for x in subjects}
    people = [x for x in subjects if isinstance(x, Person)]
    units = [x for x in subjects if isinstance(x, Unit)]
    lineage = lineage_of(units) if units else {}
    owners: dict[int, list[Records]] = defaultdict(list)  # unit id → records that include it
    for unit in units:
        rec = records[s.key_of(unit)]
        rec.unit_ids = lineage[unit.pk]
        for unit_id in rec.unit_ids:
            owners[unit_id].append(rec)
    by_person = {p.pk: records[s.key_of(p)] for p in people}

    subject_q = Q(pk__in=[])
    if people:
        subject_q |= Q(person_id__in=list(by_person))
    if owners:
        subject_q |= Q(unit_id__in=list(owners))

    def targets(row) -> list[Records]:
        if row.person_id is not None:
            found = by_person.get(row.person_id)
            return [found] if found else []
        return owners.get(row.unit_id, [])

    def collect(queryset, attribute: str, year_field: str | None = "year") -> None:
        queryset = queryset.filter(subject_q)
        if until is not None and year_field:
            queryset = queryset.filter(**{f"{year_field}__lte": until})
        if detail:
            queryset = queryset.select_related("unit")
        for row in queryset:
            for rec in targets(row):
                getattr(rec, attribute).append(row)

    collect(YearlyRating.objects.order_by("year", "pk"), "ratings")
    recipients = DecisionRecipient.objects.select_related("award_type").order_by(
        "year", "award_type__position", "pk"
    )
    if detail:
        recipients = recipients.select_related("decision", "decision__regime")
    collect(recipients.prefetch_related("based_on"), "recipients")
    collect(Initiative.objects.order_by("recognised_year", "pk"), "initiatives", "recognised_year")
    collect(Discipline.objects.order_by("decided_on", "pk"), "disciplines")
    collect(JudgementFact.objects.order_by("year", "fact"), "facts")
    matters = PendingMatter.objects.order_by("-opened_on", "-pk")
    if not detail:
        matters = matters.filter(status=MatterStatus.OPEN)
    collect(matters, "matters", None)
    if people:
        leaves = MaternityLeave.objects.filter(person_id__in=list(by_person)).order_by("year")
        if until is not None:
            leaves = leaves.filter(year__lte=until)
        for leave in leaves:
            by_person[leave.person_id].maternity.append(leave)
    if units:
        for (unit_id, year), counts in member_counts(owners, until=until).items():
            for rec in owners[unit_id]:
                _add_counts(rec.members.setdefault(year, {}), counts)
        starts = Unit.objects.filter(pk__in=list(owners), valid_from__isnull=False).values_list(
            "pk", "valid_from"
        )
        for unit_id, start in starts:
            for rec in owners[unit_id]:
                rec.founded = start if rec.founded is None else min(rec.founded, start)
    return records


# --- the contract case --------------------------------------------------------------------------


def build_case(rec: Records, year: int) -> dict:
    """The contract case (without ``request``) of a subject's records up to ``year``."""
    items: list[dict] = []
    for y, rating in rec.ratings_by_year().items():
        if y <= year:
            items.append({"year": y, "rating": rating})
    for leave in rec.maternity:
        if leave.year <= year:
            items.append({"year": leave.year, "maternity_leave": True})
    for r in rec.recipients:
        if r.year > year:
            continue
        kind = "title" if r.award_type.kind == AwardKind.TITLE else "award"
        items.append(
            {
                "year": r.year,
                kind: r.award_type.code,
                "basis": r.basis,
                "based_on": sorted(i.contract_id for i in r.based_on.all()),
            }
        )
    for i in rec.initiatives:
        if i.recognised_year <= year:
            items.append(
                {"year": i.recognised_year, i.kind: {"id": i.contract_id, "scope": i.scope}}
            )
    for d in rec.disciplines:
        if d.year <= year:
            item = {"year": d.year, "discipline": d.code}
            if d.ends_on:
                item["ended"] = d.ends_on.isoformat()
            items.append(item)
    for y, fact in sorted({(f.year, f.fact) for f in rec.facts}):
        if y <= year:
            items.append({"year": y, "fact": fact})
    for y, counts in sorted(rec.members.items()):
        if y <= year and counts.get("total"):
            items.append({"year": y, "members": dict(counts)})
    items.sort(key=lambda item: item["year"])
    subject: dict = {"kind": rec.kind}
    if rec.kind == s.COLLECTIVE and rec.founded:
        subject["founded"] = rec.founded.isoformat()
    subject["pending"] = sorted({m.kind for m in rec.matters if m.status == MatterStatus.OPEN})
    return {"id": rec.key, "subject": subject, "history": items}


def histories_for(subjects: Sequence[Person | Unit], year: int) -> dict[str, dict]:
    """Contract cases (without ``request``) of many subjects, keyed by ``subjects.key_of``."""
    records = load_records(subjects, until=year)
    return {key: build_case(rec, year) for key, rec in records.items()}


def history_for(subject: Person | Unit, year: int) -> dict:
    """The contract case of one person or unit for the year under review (without ``request``;
    add it with ``with_request``). Valid input for ``rules.parsing``."""
    return histories_for([subject], year)[s.key_of(subject)]


def with_request(case: dict, code: str, year: int, route: str | None = None) -> dict:
    request = {"code": code, "year": year, **({"route": route} if route else {})}
    return {**case, "id": f"{case['id']}:{code}", "request": request}


# --- verdicts -----------------------------------------------------------------------------------


def check_subject(subject: Person | Unit, code: str, year: int) -> dict:
    """The engine's result (verdict, regime, routes with conditions) for one subject and code."""
    case = with_request(history_for(subject, year), code, year)
    return evaluate_payload({"cases": [case]})["results"][0]


def check_many(subjects: Sequence[Person | Unit], code: str, year: int) -> dict[str, dict]:
    """Bulk check of one title or form for many subjects: key → result, set-wise reads."""
    cases = histories_for(subjects, year)
    payload = {"cases": [with_request(case, code, year) for case in cases.values()]}
    results = evaluate_payload(payload)["results"] if payload["cases"] else []
    return {key: result for key, result in zip(cases, results, strict=True)}


@dataclass(frozen=True)
class Verdict:
    award_type: AwardType
    result: dict

    @property
    def verdict(self) -> str:
        return self.result["verdict"]


def _verdicts(case: dict, kind: str, year: int) -> list[Verdict]:
    if regime_for_year(year) is None:
        return []
    types = [t for t in AwardType.objects.all() if t.applies_to(kind)]
    payload = {"cases": [with_request(case, t.code, year) for t in types]}
    results = evaluate_payload(payload)["results"]
    return [Verdict(t, r) for t, r in zip(types, results, strict=True)]


def check_all(subject: Person | Unit, year: int) -> list[Verdict]:
    """Every title and form applicable to the subject, checked for ``year`` on one history.

    Empty when ``year`` is before the earliest regime the engine knows."""
    return _verdicts(history_for(subject, year), s.kind_of(subject), year)


# --- the history page ---------------------------------------------------------------------------


@dataclass
class Year:
    year: int
    ratings: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    disciplines: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    maternity: list = field(default_factory=list)
    members: dict | None = None


def _default_year(rec: Records) -> int:
    years = [r.year for r in rec.ratings] + [r.year for r in rec.recipients]
    return max(years) if years else timezone.localdate().year


def default_year(subject: Person | Unit) -> int:
    """The year a history opens on: the latest rated or awarded year, else this year."""
    lineage = history_unit_ids(subject) if isinstance(subject, Unit) else []
    q = Q(person=subject) if isinstance(subject, Person) else Q(unit_id__in=lineage)
    years = [
        *YearlyRating.objects.filter(q).values_list("year", flat=True).order_by("-year")[:1],
        *DecisionRecipient.objects.filter(q).values_list("year", flat=True).order_by("-year")[:1],
    ]
    return max(years) if years else timezone.localdate().year


def history_page(subject: Person | Unit, year: int | None = None) -> dict:
    """Everything the history page shows: the records by year (newest first), each marked with the
    unit it came from, the open and closed matters, and the verdict of every applicable title and
    form for the chosen year."""
    rec = load_records([subject], detail=True)[s.key_of(subject)]
    year = year or _default_year(rec)
    years: dict[int, Year] = {}

    def at(y: int) -> Year:
        return years.setdefault(y, Year(y))

    for row in rec.ratings:
        at(row.year).ratings.append(row)
    for row in rec.recipients:
        at(row.year).recipients.append(row)
    for row in rec.initiatives:
        at(row.recognised_year).initiatives.append(row)
    for row in rec.disciplines:
        at(row.year).disciplines.append(row)
    for row in rec.facts:
        at(row.year).facts.append(row)
    for row in rec.maternity:
        at(row.year).maternity.append(row)
    for y, counts in rec.members.items():
        at(y).members = counts
    case = build_case(rec, year)
    return {
        "records": rec,
        "year": year,
        "years": [years[y] for y in sorted(years, reverse=True)],
        "year_choices": sorted({*years, year, _default_year(rec)}, reverse=True),
        "matters": rec.matters,
        "case": case,
        "regime": regime_for_year(year),
        "verdicts": _verdicts(case, rec.kind, year),
        "predecessors": {
            u.pk: u
            for u in Unit.objects.filter(pk__in=[i for i in rec.unit_ids if i != subject.pk])
        },
    }
