"""Reads of scoring: progress, sheets, discrepancies, the scoreboard, the published ranking.

Aggregates run in the database (counts, sums, the consolidation statement of
`consolidation.py`); Python only arranges the few rows a page shows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Abs, Coalesce
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, RoleAssignment
from thidua.clusters.models import Cluster
from thidua.core import vn
from thidua.core.db import vi
from thidua.organizations.models import Unit
from thidua.pledges.models import ContentGroup, Criterion, TieBreakKind
from thidua.pledges.queries import criteria_of

from . import consolidation
from .models import (
    CrossAssignment,
    CrossScore,
    Evidence,
    RoundStatus,
    RoundUnit,
    ScoreLine,
    ScoringRound,
    UnitResult,
)

POINTS = DecimalField(max_digits=10, decimal_places=2)
ZERO = Value(Decimal(0), output_field=POINTS)
FINAL = Coalesce(F("validated_points"), F("self_points"), ZERO, output_field=POINTS)


# --- for other apps ---------------------------------------------------------------------------


def round_of_cluster(cluster: Cluster) -> ScoringRound | None:
    return ScoringRound.objects.filter(cluster=cluster).first()


def published_ranking(cluster: Cluster) -> list[int] | None:
    """The unit ids of the cluster's published round in rank order (best first; ties already
    settled by the tie-break chain and the assessing body), or None while nothing is published.
    Used by the voting app to put the top units on the leading-unit ballot."""
    ranking = list(
        UnitResult.objects.filter(round__cluster=cluster, round__status=RoundStatus.PUBLISHED)
        .order_by("rank")
        .values_list("unit_id", flat=True)
    )
    return ranking or None


# --- published results for the public ------------------------------------------------------


def published_stamp(round_id: int) -> tuple[int, datetime.datetime] | None:
    """(version, published_at) of a published round, or None: one lookup by primary key, so a
    cached public page can be checked against the database on every request."""
    return (
        ScoringRound.objects.filter(pk=round_id, status=RoundStatus.PUBLISHED)
        .values_list("version", "published_at")
        .first()
    )


def published_rounds(*, year: int | None = None, text: str = "") -> QuerySet[ScoringRound]:
    """Published rounds, newest year first, clusters in Vietnamese order. ``text`` finds, without
    diacritics, the organising unit or any member ("hoang mai" finds Cụm IX's 2020 round)."""
    rounds = ScoringRound.objects.filter(status=RoundStatus.PUBLISHED)
    if year:
        rounds = rounds.filter(cluster__emulation_year__year=year)
    needle = vn.fold(text)
    if needle:
        members = RoundUnit.objects.filter(unit__search_text__contains=needle)
        rounds = rounds.filter(
            Q(cluster__emulation_year__unit__search_text__contains=needle)
            | Q(pk__in=members.values("round_id"))
        )
    return rounds.select_related("cluster__emulation_year__unit").order_by(
        "-cluster__emulation_year__year", vi("cluster__name"), "pk"
    )


def published_years() -> list[int]:
    return list(
        ScoringRound.objects.filter(status=RoundStatus.PUBLISHED)
        .order_by("-cluster__emulation_year__year")
        .values_list("cluster__emulation_year__year", flat=True)
        .distinct()
    )


# --- progress ---------------------------------------------------------------------------------


@dataclass
class UnitProgress:
    unit: Unit
    criteria: int
    scored: int
    lacking_evidence: int
    submitted_at: object
    is_leader: bool = False

    @property
    def percent(self) -> int:
        return round(100 * self.scored / self.criteria) if self.criteria else 100


def _unit_progress(scoring_round: ScoringRound, members) -> list[UnitProgress]:
    counts = {
        row["unit_id"]: row
        for row in ScoreLine.objects.filter(round=scoring_round, criterion__isnull=False)
        .values("unit_id")
        .annotate(
            criteria=Count("pk"),
            scored=Count("pk", filter=Q(self_points__isnull=False)),
            lacking=Count(
                "pk",
                filter=Q(self_points__gt=0)
                & ~Q(criterion__evidence="")
                & ~Exists(Evidence.objects.filter(line=OuterRef("pk"))),
            ),
        )
    }
    rows = []
    for member in members:
        row = counts.get(member.unit_id, {})
        rows.append(
            UnitProgress(
                unit=member.unit,
                criteria=row.get("criteria", 0),
                scored=row.get("scored", 0),
                lacking_evidence=row.get("lacking", 0),
                submitted_at=member.submitted_at,
                is_leader=member.unit_id == scoring_round.cluster.leader_id,
            )
        )
    return rows


def members_of(scoring_round: ScoringRound) -> QuerySet[RoundUnit]:
    return (
        RoundUnit.objects.filter(round=scoring_round)
        .select_related("unit")
        .order_by(vi("unit__short_name"), "unit_id")
    )


def progress_by_unit(scoring_round: ScoringRound) -> list[UnitProgress]:
    """Each member: criteria scored, evidence still lacking, handed in or not."""
    return _unit_progress(scoring_round, members_of(scoring_round))


def units_behind(scoring_round: ScoringRound) -> list[UnitProgress]:
    """The members that have not handed in their self-scoring."""
    return _unit_progress(
        scoring_round, members_of(scoring_round).filter(submitted_at__isnull=True)
    )


def progress_by_criterion(scoring_round: ScoringRound) -> list[dict]:
    """Each criterion with the number of units that scored it and their average self score."""
    counts = {
        row["criterion_id"]: row
        for row in ScoreLine.objects.filter(round=scoring_round, criterion__isnull=False)
        .values("criterion_id")
        .annotate(
            scored=Count("pk", filter=Q(self_points__isnull=False)),
            average=Avg("self_points"),
        )
    }
    units = RoundUnit.objects.filter(round=scoring_round).count()
    return [
        {
            "criterion": c,
            "scored": counts.get(c.pk, {}).get("scored", 0),
            "units": units,
            "average": counts.get(c.pk, {}).get("average"),
        }
        for c in criteria_of(scoring_round.pledge_version)
    ]


def unit_officers(unit_ids) -> QuerySet[RoleAssignment]:
    """The officer roles of these units, with their users (the reminders' recipients)."""
    return (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role=Role.UNIT_OFFICER)
        .select_related("user", "unit")
        .order_by("unit_id", "user_id")
    )


# --- sheets -----------------------------------------------------------------------------------


def _ordered_lines(scoring_round: ScoringRound, unit_id: int) -> QuerySet[ScoreLine]:
    return (
        ScoreLine.objects.filter(round=scoring_round, unit_id=unit_id)
        .select_related("unit", "criterion__group", "rule__criterion", "rule__group")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by(
            F("criterion__group__position").asc(nulls_last=True),
            F("criterion__group_id").asc(nulls_last=True),
            F("criterion__position").asc(nulls_last=True),
            "rule__kind",
            "rule__position",
            "criterion_id",
            "rule_id",
        )
    )


def sheet_lines(scoring_round: ScoringRound, unit_id: int) -> list[ScoreLine]:
    """A unit's lines in pledge order (criteria by group, then bonus and penalty rules)."""
    lines = list(_ordered_lines(scoring_round, unit_id))
    for line in lines:
        line.round = scoring_round
    return lines


def cross_lines(scoring_round: ScoringRound, scorer_id: int, scored_id: int) -> list[ScoreLine]:
    """The scored unit's lines, each with the scorer's cross score as `mine` (or None)."""
    lines = list(
        _ordered_lines(scoring_round, scored_id).prefetch_related(
            Prefetch(
                "cross_scores",
                queryset=CrossScore.objects.filter(scorer_id=scorer_id),
                to_attr="mine_list",
            )
        )
    )
    for line in lines:
        line.round = scoring_round
        line.mine = line.mine_list[0] if line.mine_list else None
    return lines


def assignments_of(scoring_round: ScoringRound) -> list[CrossAssignment]:
    return list(
        CrossAssignment.objects.filter(round=scoring_round)
        .select_related("scorer", "scored")
        .annotate(
            done=Coalesce(
                Subquery(
                    CrossScore.objects.filter(
                        round_id=OuterRef("round_id"),
                        scorer_id=OuterRef("scorer_id"),
                        line__unit_id=OuterRef("scored_id"),
                    )
                    .values("scorer_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            )
        )
        .order_by(vi("scorer__short_name"), "scorer_id", vi("scored__short_name"))
    )


def assignments_for(user_unit_ids: set[int], scoring_round: ScoringRound) -> list:
    return list(
        CrossAssignment.objects.filter(round=scoring_round, scorer_id__in=user_unit_ids)
        .select_related("scorer", "scored")
        .order_by(vi("scorer__short_name"), vi("scored__short_name"))
    )


# --- discrepancies ----------------------------------------------------------------------------


def discrepancies(scoring_round: ScoringRound, unit_id: int | None = None) -> QuerySet[ScoreLine]:
    """Lines whose cross score differs from the self score by more than the round's threshold
    (or that were cross-scored without a self score), with the cross scores' spread."""
    threshold = scoring_round.discrepancy_threshold
    spread = (
        CrossScore.objects.filter(line=OuterRef("pk"))
        .annotate(
            gap=Abs(F("points") - Coalesce(OuterRef("self_points"), ZERO, output_field=POINTS))
        )
        .filter(gap__gt=threshold)
    )
    lines = (
        ScoreLine.objects.filter(round=scoring_round)
        .filter(Exists(CrossScore.objects.filter(line=OuterRef("pk"))))
        .filter(Q(self_points__isnull=True) | Exists(spread))
        .annotate(
            cross_min=Min("cross_scores__points"),
            cross_max=Max("cross_scores__points"),
            cross_avg=Avg("cross_scores__points"),
            cross_count=Count("cross_scores"),
        )
    )
    if unit_id is not None:
        lines = lines.filter(unit_id=unit_id)
    return lines


def discrepancy_rows(scoring_round: ScoringRound, unit_id: int | None = None) -> list[ScoreLine]:
    """The discrepancies for a page: with units, criteria and every cross score, by unit."""
    return list(
        discrepancies(scoring_round, unit_id)
        .select_related("unit", "criterion__group", "rule", "validated_by")
        .prefetch_related(
            Prefetch(
                "cross_scores",
                queryset=CrossScore.objects.select_related("scorer").order_by("scorer_id"),
            ),
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk")),
        )
        .order_by(
            vi("unit__short_name"),
            "unit_id",
            F("criterion__group__position").asc(nulls_last=True),
            F("criterion__position").asc(nulls_last=True),
            "rule_id",
            "pk",
        )
    )


def discrepancy_counts(scoring_round: ScoringRound) -> dict:
    rows = discrepancies(scoring_round).aggregate(
        total=Count("pk", distinct=True),
        resolved=Count("pk", filter=Q(validated_points__isnull=False), distinct=True),
    )
    return {**rows, "open": rows["total"] - rows["resolved"]}


# --- consolidation for pages ------------------------------------------------------------------


def group_scores(rounds) -> dict[tuple[int, int], dict[int, Decimal]]:
    """(round id, unit id) → {content group id: final points of its criteria}, in one query."""
    out: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    ids = [getattr(r, "pk", r) for r in rounds]
    rows = (
        ScoreLine.objects.filter(round_id__in=ids, criterion__isnull=False)
        .values("round_id", "unit_id", "criterion__group_id")
        .annotate(points=Sum(FINAL))
        .order_by()
    )
    for row in rows:
        out[(row["round_id"], row["unit_id"])][row["criterion__group_id"]] = Decimal(
            row["points"]
        ).quantize(Decimal("0.01"))
    return out


def tie_label(kind: str, group: ContentGroup | None = None) -> str:
    """What separated a unit from the one ranked just above it."""
    if not kind:
        return ""
    if kind == consolidation.BY_TOTAL:
        return _("Higher total")
    if kind == consolidation.AT_MAX:
        return _("More criteria at their maximum")
    if kind == consolidation.UNRESOLVED:
        return _("Tied: awaiting the assessing body's decision")
    if kind == TieBreakKind.GROUP_SCORE and group is not None:
        return _("Higher score in “%(group)s”") % {"group": group.title}
    try:
        return str(TieBreakKind(kind).label)
    except ValueError:
        return kind


@dataclass
class BoardRow:
    unit: Unit
    rank: int
    total: Decimal
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    self_total: Decimal
    grade: str
    tie_kind: str
    tie_text: str
    zero_count: int
    at_max_count: int
    groups: dict[int, Decimal] = field(default_factory=dict)
    previous_year: int | None = None
    previous_total: Decimal | None = None
    previous_rank: int | None = None

    @property
    def difference(self) -> Decimal:
        """What validation changed: the final total minus the self-scored total."""
        return self.total - self.self_total

    @property
    def change(self) -> Decimal | None:
        if self.previous_total is None:
            return None
        return self.total - self.previous_total


@dataclass
class Scoreboard:
    scoring_round: ScoringRound
    rows: list[BoardRow]
    groups: list[ContentGroup]
    published: bool
    unresolved_ties: int = 0

    def chart_data(self) -> dict:
        names = [r.unit.short_name for r in self.rows]
        return {
            "units": names,
            "totals": [float(r.total) for r in self.rows],
            "self_totals": [float(r.self_total) for r in self.rows],
            "groups": [
                {
                    "id": g.pk,
                    "title": g.title,
                    "maximum": float(getattr(g, "maximum", 0) or 0),
                    "points": [float(r.groups.get(g.pk, Decimal(0))) for r in self.rows],
                }
                for g in self.groups
            ],
        }


def _previous(unit_ids: list[int], year: int) -> dict[int, UnitResult]:
    """The latest published result of each unit from an earlier year (one query)."""
    latest = UnitResult.objects.filter(
        unit_id=OuterRef("unit_id"), year__lt=year, round__status=RoundStatus.PUBLISHED
    ).order_by("-year", "-round_id")
    rows = (
        UnitResult.objects.filter(unit_id__in=unit_ids, year__lt=year)
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .only("unit_id", "year", "total", "rank")
    )
    return {r.unit_id: r for r in rows}


def scoreboard(scoring_round: ScoringRound) -> Scoreboard:
    """The ranking with totals, grades, tie-breaks, group scores, validation differences and
    year-over-year change: stored results once published, computed live before."""
    version = scoring_round.pledge_version
    groups = list(
        ContentGroup.objects.filter(pledge_version=version)
        .annotate(maximum=Coalesce(Sum("criteria__max_score"), ZERO))
        .order_by("position", "pk")
    )
    titles = {g.pk: g for g in groups}
    units = {m.unit_id: m.unit for m in members_of(scoring_round)}
    year = scoring_round.cluster.emulation_year.year
    previous = _previous(list(units), year)
    rows: list[BoardRow] = []
    if scoring_round.is_published:
        results = list(UnitResult.objects.filter(round=scoring_round).order_by("rank"))
        for r in results:
            rows.append(
                BoardRow(
                    unit=units[r.unit_id],
                    rank=r.rank,
                    total=r.total,
                    base=r.base,
                    bonus=r.bonus,
                    penalty=r.penalty,
                    self_total=r.self_total,
                    grade=r.grade,
                    tie_kind=r.tie_kind,
                    tie_text=tie_label(r.tie_kind, titles.get(r.tie_group_id)),
                    zero_count=r.zero_count,
                    at_max_count=r.at_max_count,
                    groups={int(k): Decimal(v) for k, v in r.groups.items()},
                )
            )
    else:
        per_group = group_scores([scoring_round])
        for s in consolidation.standings([scoring_round]):
            rows.append(
                BoardRow(
                    unit=units[s.unit_id],
                    rank=s.rank,
                    total=s.total,
                    base=s.base,
                    bonus=s.bonus,
                    penalty=s.penalty,
                    self_total=s.self_total,
                    grade=s.grade,
                    tie_kind=s.tie_kind,
                    tie_text=tie_label(s.tie_kind, titles.get(s.tie_group_id)),
                    zero_count=s.zero_count,
                    at_max_count=s.at_max_count,
                    groups=per_group.get((scoring_round.pk, s.unit_id), {}),
                )
            )
    for row in rows:
        earlier = previous.get(row.unit.pk)
        if earlier is not None:
            row.previous_year, row.previous_total = earlier.year, earlier.total
            row.previous_rank = earlier.rank
    return Scoreboard(
        scoring_round=scoring_round,
        rows=rows,
        groups=groups,
        published=scoring_round.is_published,
        unresolved_ties=sum(r.tie_kind == consolidation.UNRESOLVED for r in rows),
    )


def tied_groups(scoring_round: ScoringRound) -> list[list[Unit]]:
    """Runs of units the whole chain leaves tied (for the assessing body's decision)."""
    rows = scoreboard(scoring_round).rows
    runs: list[list[Unit]] = []
    for i, row in enumerate(rows):
        if row.tie_kind in (consolidation.UNRESOLVED, consolidation.BY_BODY) and i > 0:
            if runs and runs[-1][-1] is rows[i - 1].unit:
                runs[-1].append(row.unit)
            else:
                runs.append([rows[i - 1].unit, row.unit])
    return runs


def score_matrix(scoring_round: ScoringRound) -> dict:
    """Every unit's final, self and validated points per criterion and rule (for the score
    sheet), in one query."""
    cells: dict[tuple[int, str, int], dict] = {}
    for row in (
        ScoreLine.objects.filter(round=scoring_round)
        .values("unit_id", "criterion_id", "rule_id", "self_points", "validated_points")
        .annotate(final=FINAL)
        .order_by()
    ):
        key = ("c", row["criterion_id"]) if row["criterion_id"] else ("r", row["rule_id"])
        cells[(row["unit_id"], *key)] = row
    return cells


def criteria_with_groups(scoring_round: ScoringRound) -> list[Criterion]:
    return list(criteria_of(scoring_round.pledge_version))
