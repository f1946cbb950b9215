"""A year's report for a unit or a cluster: the figures of ``queries`` arranged once as tables and
chart specs, for the page, the Word and PDF papers and the Excel workbook alike."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.campaigns.catalog import award_name
from thidua.campaigns.models import ModelKind
from thidua.documents.charts import ChartSpec, Series

from . import queries
from .queries import Scope


@dataclass
class Report:
    scope: Scope
    awards: list[queries.AwardLine]
    levels: list[tuple[str, int, int]]
    sexes: dict[str, int]
    years: list[tuple[int, int, int]]
    bonus: queries.Bonus
    registrations: queries.Registrations
    scores: list[queries.ScoreLine]

    @property
    def award_total(self) -> int:
        return sum(line.total for line in self.awards)

    @property
    def registered_titles(self) -> list[tuple[str, int]]:
        return [(award_name(code), n) for code, n in self.registrations.titles]

    @property
    def thematic(self) -> int:
        return self.registrations.models.get(ModelKind.THEMATIC, 0)

    @property
    def new_model_count(self) -> int:
        return self.registrations.models.get(ModelKind.NEW_MODEL, 0)

    # --- charts: one definition each, drawn by Chart.js, in SVG and in PNG -------------------

    def charts(self) -> list[ChartSpec]:
        year = self.scope.year
        individuals, collectives = _("Individuals"), _("Collectives")
        specs = [
            ChartSpec(
                key="awards-by-level",
                title=_("Awards of %(year)s by level") % {"year": year},
                labels=tuple(label for label, _i, _c in self.levels),
                series=(
                    Series(individuals, tuple(i for _l, i, _c in self.levels)),
                    Series(collectives, tuple(c for _l, _i, c in self.levels)),
                ),
                stacked=True,
            ),
            ChartSpec(
                key="awards-by-year",
                title=_("Awards from %(first)s to %(last)s")
                % {"first": self.years[0][0], "last": year},
                labels=tuple(str(y) for y, _t, _f in self.years),
                series=(
                    Series(_("Emulation titles"), tuple(t for _y, t, _f in self.years)),
                    Series(_("Forms of commendation"), tuple(f for _y, _t, f in self.years)),
                ),
                kind="line",
            ),
            ChartSpec(
                key="awards-by-sex",
                title=_("Individuals awarded in %(year)s by sex") % {"year": year},
                labels=(_("Women"), _("Men"), _("Not recorded")),
                series=(
                    Series(
                        individuals,
                        (self.sexes["women"], self.sexes["men"], self.sexes["unknown"]),
                    ),
                ),
            ),
        ]
        if self.awards:
            specs.insert(
                1,
                ChartSpec(
                    key="awards-by-type",
                    title=_("Awards of %(year)s by title and form") % {"year": year},
                    labels=tuple(line.name for line in self.awards),
                    series=(
                        Series(individuals, tuple(line.individuals for line in self.awards)),
                        Series(collectives, tuple(line.collectives for line in self.awards)),
                    ),
                    stacked=True,
                ),
            )
        return specs


def build(scope: Scope, *, today: datetime.date | None = None) -> Report:
    return Report(
        scope=scope,
        awards=queries.awards_by_type(scope),
        levels=queries.awards_by_level(scope),
        sexes=queries.awards_by_sex(scope),
        years=queries.awards_by_year(scope),
        bonus=queries.bonus_owed(scope, today=today),
        registrations=queries.registrations(scope),
        scores=queries.scoreboards(scope),
    )
