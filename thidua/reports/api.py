"""The year's report of a unit (its whole subtree) or of a cluster, as figures: the same
``report.build`` the page, the papers and the workbook use, with the same access rule."""

from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from thidua.campaigns.catalog import award_name

from . import access
from . import report as report_module
from .queries import cluster_scope, unit_scope

router = Router(tags=["reports"])


class AwardLineOut(Schema):
    name: str
    kind: str
    individuals: int
    collectives: int
    total: int


class LevelOut(Schema):
    level: str
    individuals: int
    collectives: int


class YearOut(Schema):
    year: int
    titles: int
    forms: int


class BonusLineOut(Schema):
    name: str
    subject_kind: str
    count: int
    priced: int
    amount: int


class BonusOut(Schema):
    total: int
    unpriced: int
    base_salary: int | None
    lines: list[BonusLineOut]


class TitleCountOut(Schema):
    code: str
    name: str
    count: int


class RegistrationsOut(Schema):
    members: int
    registered: int
    models: dict[str, int]
    titles: list[TitleCountOut]


class ScoreLineOut(Schema):
    cluster: str
    unit: str
    rank: int
    members: int
    total: Decimal
    grade: str


class ReportOut(Schema):
    name: str
    year: int
    unit_id: int | None
    cluster_id: int | None
    award_total: int
    awards: list[AwardLineOut]
    levels: list[LevelOut]
    sexes: dict[str, int]
    years: list[YearOut]
    bonus: BonusOut
    registrations: RegistrationsOut
    scores: list[ScoreLineOut]


def _out(scope) -> dict:
    built = report_module.build(scope)
    bonus, regs = built.bonus, built.registrations
    return {
        "name": scope.name,
        "year": scope.year,
        "unit_id": scope.unit.pk if scope.unit else None,
        "cluster_id": scope.cluster.pk if scope.cluster else None,
        "award_total": built.award_total,
        "awards": [{**vars(line), "total": line.total} for line in built.awards],
        "levels": [
            {"level": label, "individuals": i, "collectives": c} for label, i, c in built.levels
        ],
        "sexes": built.sexes,
        "years": [{"year": y, "titles": t, "forms": f} for y, t, f in built.years],
        "bonus": {
            "total": bonus.total,
            "unpriced": bonus.unpriced,
            "base_salary": bonus.base_salary.amount if bonus.base_salary else None,
            "lines": [vars(line) for line in bonus.lines],
        },
        "registrations": {
            "members": regs.members,
            "registered": regs.registered,
            "models": regs.models,
            "titles": [
                {"code": code, "name": award_name(code), "count": n} for code, n in regs.titles
            ],
        },
        "scores": [vars(line) for line in built.scores],
    }


@router.get("/reports/units/{unit_id}/{year}", response=ReportOut)
def get_unit_report(request, unit_id: int, year: int):
    """A unit's year: awards by type, level, sex and year, bonus owed, registrations, rankings.
    Whoever holds a role in the unit or above it; others get 404."""
    unit = access.unit_for_reports(request.user, unit_id)
    return _out(unit_scope(unit, access.report_year(year)))


@router.get("/reports/clusters/{cluster_id}", response=ReportOut)
def get_cluster_report(request, cluster_id: int):
    """The same figures over a cluster's members, for whoever sees the cluster."""
    return _out(cluster_scope(access.cluster_for_reports(request.user, cluster_id)))
