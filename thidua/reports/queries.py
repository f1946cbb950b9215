"""Reads for reports: a year's figures for a unit (with everything under it) or a cluster.

Every figure is an aggregate computed by the database over the whole scope (counts grouped by
title, level, sex and year; the bonus as the sum of multiple × base salary in force on each
decision's date), so the number of queries does not grow with the number of units, people or
awards. Python only arranges the few grouped rows into tables and charts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import (
    AwardKind,
    BaseSalary,
    BonusMultiple,
    DecisionRecipient,
    SubjectKind,
)
from thidua.campaigns.models import (
    ModelKind,
    Movement,
    RegisteredModel,
    RegisteredTitle,
    Registration,
)
from thidua.campaigns.queries import movements_active_in, progress_figures
from thidua.clusters.models import Cluster, ClusterMembership
from thidua.core.db import vi
from thidua.organizations.models import Sex, Unit

YEARS_BACK = 5  # year over year: the report's year and the four before it

# The level of each title and form of the catalogue (Luật Thi đua, khen thưởng 2022): the state's
# (Chủ tịch nước, Chính phủ, Thủ tướng), a ministry's or province's, or the grassroots'.
STATE, PROVINCIAL, GRASSROOTS = "state", "provincial", "grassroots"
LEVELS = {
    STATE: gettext_lazy("State level"),
    PROVINCIAL: gettext_lazy("Ministry or province level"),
    GRASSROOTS: gettext_lazy("Grassroots level"),
}
LEVEL_CODES = {
    STATE: (
        "chien_si_thi_dua_toan_quoc",
        "co_thi_dua_chinh_phu",
        "bang_khen_thu_tuong",
        "huan_chuong_lao_dong_hang_ba",
        "huan_chuong_lao_dong_hang_nhi",
        "huan_chuong_lao_dong_hang_nhat",
    ),
    PROVINCIAL: ("chien_si_thi_dua_cap_tinh", "co_thi_dua_cap_tinh", "bang_khen_cap_tinh"),
}
MONEY = DecimalField(max_digits=20, decimal_places=2)


@dataclass(frozen=True)
class Scope:
    """What a report covers: the subtrees of some units (one unit, or a cluster's members)."""

    name: str
    year: int
    paths: tuple[str, ...]
    unit: Unit | None = None
    cluster: Cluster | None = None

    def q(self, prefix: str = "") -> Q:
        """Units (reached through ``prefix``, e.g. "unit__") inside the scope."""
        q = Q(pk__in=[]) if not self.paths else Q()
        for path in self.paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


def unit_scope(unit: Unit, year: int) -> Scope:
    return Scope(name=unit.name, year=year, paths=(unit.path,), unit=unit)


def cluster_scope(cluster: Cluster) -> Scope:
    paths = tuple(
        ClusterMembership.objects.filter(cluster=cluster)
        .order_by("unit__path")
        .values_list("unit__path", flat=True)
    )
    return Scope(name=cluster.name, year=cluster.emulation_year.year, paths=paths, cluster=cluster)


# --- awards -----------------------------------------------------------------------------------


def recipients(scope: Scope, years) -> QuerySet[DecisionRecipient]:
    """Awards given to units of the scope or to people working in them, in these years."""
    return DecisionRecipient.objects.filter(year__in=list(years)).filter(
        scope.q("unit__") | scope.q("person__unit__")
    )


def _level() -> Case:
    return Case(
        *(
            When(award_type__code__in=codes, then=Value(level))
            for level, codes in LEVEL_CODES.items()
        ),
        default=Value(GRASSROOTS),
        output_field=CharField(),
    )


INDIVIDUALS = Count("pk", filter=Q(person__isnull=False))
COLLECTIVES = Count("pk", filter=Q(unit__isnull=False))


@dataclass
class AwardLine:
    name: str
    kind: str
    individuals: int
    collectives: int

    @property
    def total(self) -> int:
        return self.individuals + self.collectives


def awards_by_type(scope: Scope) -> list[AwardLine]:
    """Titles, then forms, in catalogue order: how many individuals and collectives (1 query)."""
    rows = (
        recipients(scope, [scope.year])
        .values("award_type_id", "award_type__name", "award_type__name_hanoi", "award_type__kind")
        .annotate(individuals=INDIVIDUALS, collectives=COLLECTIVES)
        .order_by("award_type__kind", "award_type__position", "award_type_id")
    )
    lines = [
        AwardLine(
            name=r["award_type__name_hanoi"] or r["award_type__name"],
            kind=r["award_type__kind"],
            individuals=r["individuals"],
            collectives=r["collectives"],
        )
        for r in rows
    ]
    # titles (danh hiệu) before forms (hình thức), whatever the codes sort as
    return sorted(lines, key=lambda line: 0 if line.kind == AwardKind.TITLE else 1)


def awards_by_level(scope: Scope) -> list[tuple[str, int, int]]:
    """(level label, individuals, collectives) for every level, highest first (1 query)."""
    rows = {
        r["level"]: r
        for r in recipients(scope, [scope.year])
        .annotate(level=_level())
        .values("level")
        .annotate(individuals=INDIVIDUALS, collectives=COLLECTIVES)
        .order_by()
    }
    return [
        (
            str(label),
            rows.get(level, {}).get("individuals", 0),
            rows.get(level, {}).get("collectives", 0),
        )
        for level, label in LEVELS.items()
    ]


def awards_by_sex(scope: Scope) -> dict[str, int]:
    """Individuals awarded by sex (women, men, not recorded), and the collectives (1 query)."""
    counts = recipients(scope, [scope.year]).aggregate(
        women=Count("pk", filter=Q(person__sex=Sex.FEMALE)),
        men=Count("pk", filter=Q(person__sex=Sex.MALE)),
        unknown=Count("pk", filter=Q(person__isnull=False) & ~Q(person__sex__in=Sex.values)),
        collectives=COLLECTIVES,
    )
    return counts


def awards_by_year(scope: Scope) -> list[tuple[int, int, int]]:
    """(year, titles, forms) for the report's year and the years before it (1 query)."""
    years = range(scope.year - YEARS_BACK + 1, scope.year + 1)
    rows = {
        r["year"]: r
        for r in recipients(scope, years)
        .values("year")
        .annotate(
            titles=Count("pk", filter=Q(award_type__kind=AwardKind.TITLE)),
            forms=Count("pk", filter=Q(award_type__kind=AwardKind.FORM)),
        )
        .order_by()
    }
    return [(y, rows.get(y, {}).get("titles", 0), rows.get(y, {}).get("forms", 0)) for y in years]


# --- bonus money ------------------------------------------------------------------------------


@dataclass
class BonusLine:
    name: str
    subject_kind: str
    count: int
    priced: int  # how many have a multiple and a base salary in force on their decision's date
    amount: int  # đồng, rounded


@dataclass
class Bonus:
    lines: list[BonusLine]
    base_salary: BaseSalary | None  # in force at the end of the year (or today, if earlier)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def unpriced(self) -> int:
        return sum(line.count - line.priced for line in self.lines)


def bonus_owed(scope: Scope, today: datetime.date | None = None) -> Bonus:
    """The bonus the year's awards are worth: for each award, the catalogue's multiple for its
    kind of subject × the base salary, both as in force on the decision's date (2 queries)."""
    subject_kind = Case(
        When(person__isnull=False, then=Value(SubjectKind.INDIVIDUAL)),
        default=Value(SubjectKind.COLLECTIVE),
        output_field=CharField(),
    )
    multiple = (
        BonusMultiple.objects.filter(
            award_type=OuterRef("award_type"),
            subject_kind=OuterRef("subject_kind"),
            valid_from__lte=OuterRef("decision__signed_on"),
        )
        .order_by("-valid_from")
        .values("multiple")[:1]
    )
    salary = (
        BaseSalary.objects.filter(valid_from__lte=OuterRef("decision__signed_on"))
        .order_by("-valid_from")
        .values("amount")[:1]
    )
    rows = (
        recipients(scope, [scope.year])
        .annotate(
            subject_kind=subject_kind,
            multiple=Subquery(multiple, output_field=MONEY),
            salary=Subquery(salary, output_field=MONEY),
        )
        .annotate(bonus=ExpressionWrapper(F("multiple") * F("salary"), output_field=MONEY))
        .values(
            "award_type_id",
            "award_type__name",
            "award_type__name_hanoi",
            "award_type__kind",
            "award_type__position",
            "subject_kind",
        )
        .annotate(
            count=Count("pk"),
            priced=Count("pk", filter=Q(bonus__isnull=False)),
            amount=Sum("bonus"),
        )
        .order_by("award_type__kind", "award_type__position", "award_type_id", "subject_kind")
    )
    lines = [
        BonusLine(
            name=r["award_type__name_hanoi"] or r["award_type__name"],
            subject_kind=r["subject_kind"],
            count=r["count"],
            priced=r["priced"],
            amount=int(Decimal(r["amount"] or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP)),
        )
        for r in sorted(rows, key=lambda r: 0 if r["award_type__kind"] == AwardKind.TITLE else 1)
    ]
    on = min(scope.end, today or datetime.date.today())
    salary_row = BaseSalary.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    return Bonus(lines=lines, base_salary=salary_row)


# --- registrations and new models ---------------------------------------------------------------


@dataclass
class Registrations:
    members: int  # memberships of the scope's units in the year's clusters
    registered: int
    models: dict[str, int]  # kind → count
    titles: list[tuple[str, int]]  # (code, count)
    new_models: list[RegisteredModel] = field(default_factory=list)

    @property
    def model_total(self) -> int:
        return sum(self.models.values())


def registrations(scope: Scope) -> Registrations:
    """Who registered, with how many thematic emulations and new models (4 queries)."""
    regs = Registration.objects.filter(cluster__emulation_year__year=scope.year).filter(
        scope.q("unit__")
    )
    if scope.cluster is not None:
        regs = regs.filter(cluster=scope.cluster)
    members = ClusterMembership.objects.filter(cluster__emulation_year__year=scope.year).filter(
        scope.q("unit__")
    )
    if scope.cluster is not None:
        members = members.filter(cluster=scope.cluster)
    models = dict(
        RegisteredModel.objects.filter(registration__in=regs)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kind", "n")
    )
    titles = list(
        RegisteredTitle.objects.filter(registration__in=regs)
        .values("code")
        .annotate(n=Count("pk"))
        .order_by("-n", "code")
        .values_list("code", "n")
    )
    new_models = list(
        RegisteredModel.objects.filter(registration__in=regs, kind=ModelKind.NEW_MODEL)
        .select_related("registration__unit")
        .order_by(vi("registration__unit__short_name"), "registration__unit_id", "position", "pk")
    )
    counts = {
        "members": members.count(),
        "registered": regs.count(),
    }
    return Registrations(models=models, titles=titles, new_models=new_models, **counts)


# --- scoreboards --------------------------------------------------------------------------------


@dataclass
class ScoreLine:
    cluster: str
    unit: str
    rank: int
    members: int
    total: Decimal
    grade: str


def scoreboards(scope: Scope) -> list[ScoreLine]:
    """The scope's units in the published rankings of the year's clusters (1 query); empty when
    scoring is not installed or nothing is published."""
    if not apps.is_installed("thidua.scoring"):
        return []
    from thidua.scoring.models import RoundStatus, UnitResult

    size = (
        UnitResult.objects.filter(round=OuterRef("round"))
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    results = (
        UnitResult.objects.filter(
            round__status=RoundStatus.PUBLISHED, round__cluster__emulation_year__year=scope.year
        )
        .filter(scope.q("unit__"))
        .annotate(members=Subquery(size))
        .select_related("unit", "round__cluster")
        .order_by("round__cluster__number", "round__cluster_id", "rank")
    )
    if scope.cluster is not None:
        results = results.filter(round__cluster=scope.cluster)
    return [
        ScoreLine(
            cluster=r.round.cluster.name,
            unit=r.unit.name,
            rank=r.rank,
            members=r.members,
            total=r.total,
            grade=r.grade,
        )
        for r in results
    ]


# --- movements and targets (for the annual summary) ----------------------------------------------


def movements(scope: Scope) -> list[Movement]:
    """Movements running in the year launched by a unit of the scope (or by the cluster)."""
    found = movements_active_in(scope.year)
    q = scope.q("launched_by__")
    if scope.cluster is not None:
        q = Q(cluster=scope.cluster) | (q & Q(cluster__isnull=True))
    return list(found.filter(q).order_by("start_year", vi("name"), "pk"))


@dataclass
class TargetLine:
    target: str
    unit: str
    value: str
    goal: str
    percent: Decimal | None


def target_progress(scope: Scope) -> list[TargetLine]:
    """The latest figure of the year for every target and unit of the scope (1 query)."""
    unit_ids = Unit.objects.filter(scope.q()).values("pk")
    figures = progress_figures(unit_ids=unit_ids, year=scope.year).select_related("unit")
    lines = []
    for f in figures:
        goal = f.target.goal
        percent = None
        if goal and f.target.measure != "percent":
            percent = (Decimal(f.value) * 100 / Decimal(goal)).quantize(Decimal("0.1"))
        lines.append(
            TargetLine(
                target=f.target.name,
                unit=f.unit.name,
                value=f.target.display(f.value),
                goal=f.target.goal_display if goal is not None else "",
                percent=percent,
            )
        )
    return lines


def level_label(level: str) -> str:
    return str(LEVELS[level])


def subject_label(kind: str) -> str:
    return _("Individuals") if kind == SubjectKind.INDIVIDUAL else _("Collectives")
