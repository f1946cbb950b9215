"""Consolidation and ranking of scoring rounds, set-wise in the database (one query).

For any set of rounds — one cluster's, or every round of a year nationwide — `standings(rounds)`
returns each unit's standing, computed by a single SQL statement that runs alike on PostgreSQL
and SQLite:

1. the final points of every line: the validated score, else the self score, else 0;
2. the base score: the sum over the criteria; the count of criteria scored 0 and of criteria at
   their maximum; the score in each content group a step of the chain names — one pass over the
   lines, grouped by round and unit (the chain of each version pivoted to one row beforehand);
3. bonus and penalty points: the rules of a criterion summed and capped by the criterion's cap,
   then per content group (with the group's own rules) capped by the group's cap, then for the
   pledge (with its pledge-wide rules) capped by the pledge's cap — the order of
   `thidua.pledges.caps.capped_total`;
4. the total = base + bonus − penalty; the same chain again on the self scores alone gives the
   self-scored total, so the scoreboard shows what validation changed;
5. the rank: a window ordered by the total, then the pledge version's tie-break chain (or the
   default chain: fewer penalty points, more criteria at their maximum, higher score in the first
   content group, the assessing body), then the assessing body's recorded order, then — only for
   units nothing separates — Vietnamese name order and id, so the order is total and does not
   depend on how rows were inserted. `tie_kind` names the rule that separated a unit from the one
   ranked just above it ("total", a chain step's kind, "body", or "unresolved");
6. the grade: the best grade of the version whose minimum the total reaches, skipping grades ruled
   out by a criterion scored 0.

Every sum is rounded to 0,01 in SQL, so SQLite's floating arithmetic compares equal totals as
equal; values come back as Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max, QuerySet

from thidua.core.db import vi_collation
from thidua.organizations.models import Unit
from thidua.pledges.models import (
    AdjustmentRule,
    ContentGroup,
    Criterion,
    GradeThreshold,
    PledgeVersion,
    TieBreakStep,
)

from .models import RoundUnit, ScoreLine, ScoringRound

TWO_PLACES = Decimal("0.01")
NO_ORDER = 32767  # "no order recorded by the assessing body": after every recorded one

# Chain step kinds understood here: the pledge's TieBreakKind values, and "at_max" (more criteria
# at their maximum), which the default chain uses.
AT_MAX = "at_max"
DEFAULT_CHAIN = ("fewer_penalty", AT_MAX, "group", "body")
# Keys computed: at least the default chain's; a longer configured chain adds its own.
MIN_CHAIN = len(DEFAULT_CHAIN)
# Kinds of `tie_kind` besides the chain's: separated by the total, by the assessing body's
# recorded order, or not at all (only the name order separates them).
BY_TOTAL, BY_BODY, UNRESOLVED = "total", "body", "unresolved"


@dataclass(frozen=True)
class Standing:
    round_id: int
    unit_id: int
    rank: int
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    self_total: Decimal
    zero_count: int
    at_max_count: int
    grade: str
    tie_kind: str  # "" for the first unit
    tie_group_id: int | None

    @property
    def is_unresolved_tie(self) -> bool:
        return self.tie_kind == UNRESOLVED


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _cap(expression: str, cap: str) -> str:
    """`expression` bounded by `cap` (no bound when the cap is NULL), rounded to 0,01."""
    bounded = f"CASE WHEN {cap} IS NULL OR {expression} < {cap} THEN {expression} ELSE {cap} END"
    return f"ROUND({bounded}, 2)"


def _rounds_filter(rounds) -> tuple[str, list]:
    if isinstance(rounds, QuerySet):
        sql, params = rounds.values("pk").query.sql_with_params()
        return sql, list(params)
    ids = [r.pk if isinstance(r, ScoringRound) else int(r) for r in rounds]
    return ", ".join(["%s"] * len(ids)), ids


def chain_length(rounds) -> int:
    """The number of chain keys to compute: the longest chain of the rounds' versions."""
    if isinstance(rounds, QuerySet):
        versions = rounds.values("pledge_version_id")
    else:
        ids = [getattr(r, "pk", r) for r in rounds]
        versions = ScoringRound.objects.filter(pk__in=ids).values("pledge_version_id")
    longest = (
        TieBreakStep.objects.filter(pledge_version_id__in=versions)
        .values("pledge_version_id")
        .annotate(n=Count("pk"))
        .aggregate(longest=Max("n"))["longest"]
    )
    return max(MIN_CHAIN, longest or 0)


def build_sql(rounds, keys: int) -> tuple[str, list]:
    """The consolidation statement for `rounds` with `keys` tie-break keys, and its parameters."""
    where, params = _rounds_filter(rounds)
    t = {
        "round": _table(ScoringRound),
        "version": _table(PledgeVersion),
        "line": _table(ScoreLine),
        "criterion": _table(Criterion),
        "rule": _table(AdjustmentRule),
        "group": _table(ContentGroup),
        "member": _table(RoundUnit),
        "unit": _table(Unit),
        "step": _table(TieBreakStep),
        "grade": _table(GradeThreshold),
    }
    default_rows = " UNION ALL ".join(
        f"SELECT {k} AS k, '{kind}' AS kind" for k, kind in enumerate(DEFAULT_CHAIN, start=1)
    )
    key_columns, chain_columns, group_sums = [], [], []
    tie_cases, group_cases, order = [], [], []
    pts = "COALESCE(l.validated_points, l.self_points, 0)"
    for k in range(1, keys + 1):
        chain_columns.append(
            f"MAX(CASE WHEN k = {k} THEN kind END) AS kind{k}, "
            f"MAX(CASE WHEN k = {k} THEN group_id END) AS group{k}"
        )
        group_sums.append(
            f"ROUND(SUM(CASE WHEN c.group_id = v.group{k} THEN {pts} ELSE 0 END), 2) AS gpts{k}"
        )
        key_columns.append(
            f"""CASE v.kind{k}
                  WHEN 'base' THEN t.base
                  WHEN 'group' THEN t.gpts{k}
                  WHEN 'fewer_penalty' THEN -t.penalty
                  WHEN 'more_bonus' THEN t.bonus
                  WHEN 'fewer_zero' THEN -t.zeros
                  WHEN '{AT_MAX}' THEN t.at_max
                  WHEN 'body' THEN -COALESCE(t.tie_order, {NO_ORDER})
                  ELSE 0 END AS key{k},
                v.kind{k} AS kind{k}, v.group{k} AS group{k}"""
        )
        tie_cases.append(f"WHEN key{k} <> LAG(key{k}) OVER w THEN kind{k}")
        group_cases.append(f"WHEN key{k} <> LAG(key{k}) OVER w THEN group{k}")
        order.append(f"key{k} DESC")
    collation = connection.ops.quote_name(vi_collation())
    sql = f"""
WITH
rnd AS (
  SELECT r.id AS round_id, r.pledge_version_id AS pv_id,
         pv.bonus_cap AS bonus_cap, pv.penalty_cap AS penalty_cap
  FROM {t["round"]} r JOIN {t["version"]} pv ON pv.id = r.pledge_version_id
  WHERE r.id IN ({where})
),
adj AS (
  SELECT l.round_id, l.unit_id, a.kind, a.criterion_id,
         COALESCE(a.group_id, ac.group_id) AS group_id,
         CASE WHEN a.kind = 'bonus' THEN ac.bonus_cap ELSE ac.penalty_cap END AS ccap,
         COALESCE(l.validated_points, l.self_points, 0) AS pts,
         COALESCE(l.self_points, 0) AS spts
  FROM {t["line"]} l JOIN rnd ON rnd.round_id = l.round_id
  JOIN {t["rule"]} a ON a.id = l.rule_id
  LEFT JOIN {t["criterion"]} ac ON ac.id = a.criterion_id
),
adj_crit AS (
  SELECT round_id, unit_id, kind, group_id,
         {_cap("SUM(pts)", "ccap")} AS pts, {_cap("SUM(spts)", "ccap")} AS spts
  FROM adj WHERE criterion_id IS NOT NULL
  GROUP BY round_id, unit_id, kind, criterion_id, group_id, ccap
),
adj_group AS (
  SELECT round_id, unit_id, kind,
         {_cap("SUM(pts)", "gcap")} AS pts, {_cap("SUM(spts)", "gcap")} AS spts
  FROM (
    SELECT x.round_id, x.unit_id, x.kind, x.group_id, x.pts, x.spts,
           CASE WHEN x.kind = 'bonus' THEN g.bonus_cap ELSE g.penalty_cap END AS gcap
    FROM (
      SELECT round_id, unit_id, kind, group_id, pts, spts FROM adj_crit
      UNION ALL
      SELECT round_id, unit_id, kind, group_id, pts, spts FROM adj
      WHERE criterion_id IS NULL AND group_id IS NOT NULL
    ) x JOIN {t["group"]} g ON g.id = x.group_id
  ) y
  GROUP BY round_id, unit_id, kind, group_id, gcap
),
adj_pledge AS (
  SELECT z.round_id, z.unit_id,
         {_cap("SUM(CASE WHEN z.kind = 'bonus' THEN z.pts ELSE 0 END)", "rnd.bonus_cap")} AS bonus,
         {_cap("SUM(CASE WHEN z.kind = 'penalty' THEN z.pts ELSE 0 END)", "rnd.penalty_cap")}
           AS penalty,
         {_cap("SUM(CASE WHEN z.kind = 'bonus' THEN z.spts ELSE 0 END)", "rnd.bonus_cap")}
           AS sbonus,
         {_cap("SUM(CASE WHEN z.kind = 'penalty' THEN z.spts ELSE 0 END)", "rnd.penalty_cap")}
           AS spenalty
  FROM (
    SELECT round_id, unit_id, kind, pts, spts FROM adj_group
    UNION ALL
    SELECT round_id, unit_id, kind, pts, spts FROM adj
    WHERE criterion_id IS NULL AND group_id IS NULL
  ) z JOIN rnd ON rnd.round_id = z.round_id
  GROUP BY z.round_id, z.unit_id, rnd.bonus_cap, rnd.penalty_cap
),
chain AS (
  SELECT s.pledge_version_id AS pv_id, s.kind, s.group_id,
         ROW_NUMBER() OVER (PARTITION BY s.pledge_version_id ORDER BY s.position, s.id) AS k
  FROM {t["step"]} s WHERE s.pledge_version_id IN (SELECT pv_id FROM rnd)
  UNION ALL
  SELECT v.pv_id, d.kind,
         CASE WHEN d.kind = 'group' THEN (
           SELECT g.id FROM {t["group"]} g WHERE g.pledge_version_id = v.pv_id
           ORDER BY g.position, g.id LIMIT 1
         ) END,
         d.k
  FROM (SELECT DISTINCT pv_id FROM rnd) v CROSS JOIN ({default_rows}) d
  WHERE NOT EXISTS (SELECT 1 FROM {t["step"]} s WHERE s.pledge_version_id = v.pv_id)
),
vchain AS (
  SELECT pv_id, {", ".join(chain_columns)}
  FROM chain GROUP BY pv_id
),
base AS (
  SELECT l.round_id, l.unit_id,
         ROUND(SUM({pts}), 2) AS base, ROUND(SUM(COALESCE(l.self_points, 0)), 2) AS sbase,
         SUM(CASE WHEN {pts} = 0 THEN 1 ELSE 0 END) AS zeros,
         SUM(CASE WHEN {pts} >= c.max_score THEN 1 ELSE 0 END) AS at_max,
         {", ".join(group_sums)}
  FROM {t["line"]} l JOIN rnd ON rnd.round_id = l.round_id
  JOIN {t["criterion"]} c ON c.id = l.criterion_id
  LEFT JOIN vchain v ON v.pv_id = rnd.pv_id
  GROUP BY l.round_id, l.unit_id
),
tot AS (
  SELECT m.round_id, m.unit_id, rnd.pv_id, m.tie_order,
         COALESCE(b.base, 0) AS base, COALESCE(ap.bonus, 0) AS bonus,
         COALESCE(ap.penalty, 0) AS penalty,
         ROUND(COALESCE(b.base, 0) + COALESCE(ap.bonus, 0) - COALESCE(ap.penalty, 0), 2) AS total,
         ROUND(COALESCE(b.sbase, 0) + COALESCE(ap.sbonus, 0) - COALESCE(ap.spenalty, 0), 2)
           AS self_total,
         COALESCE(b.zeros, 0) AS zeros, COALESCE(b.at_max, 0) AS at_max,
         {", ".join(f"COALESCE(b.gpts{k}, 0) AS gpts{k}" for k in range(1, keys + 1))}
  FROM {t["member"]} m JOIN rnd ON rnd.round_id = m.round_id
  LEFT JOIN base b ON b.round_id = m.round_id AND b.unit_id = m.unit_id
  LEFT JOIN adj_pledge ap ON ap.round_id = m.round_id AND ap.unit_id = m.unit_id
),
keyed AS (
  SELECT t.round_id, t.unit_id, t.pv_id, t.base, t.bonus, t.penalty, t.total, t.self_total,
         t.zeros, t.at_max, -COALESCE(t.tie_order, {NO_ORDER}) AS body,
         u.short_name AS name,
         {", ".join(key_columns)}
  FROM tot t JOIN {t["unit"]} u ON u.id = t.unit_id
  LEFT JOIN vchain v ON v.pv_id = t.pv_id
)
SELECT round_id, unit_id, base, bonus, penalty, total, self_total, zeros, at_max,
       ROW_NUMBER() OVER w AS position,
       CASE WHEN LAG(unit_id) OVER w IS NULL THEN ''
            WHEN total <> LAG(total) OVER w THEN '{BY_TOTAL}'
            {" ".join(tie_cases)}
            WHEN body <> LAG(body) OVER w THEN '{BY_BODY}'
            ELSE '{UNRESOLVED}' END AS tie_kind,
       CASE WHEN LAG(unit_id) OVER w IS NULL THEN NULL
            WHEN total <> LAG(total) OVER w THEN NULL
            {" ".join(group_cases)}
            ELSE NULL END AS tie_group,
       (SELECT gt.label FROM {t["grade"]} gt
        WHERE gt.pledge_version_id = keyed.pv_id AND keyed.total >= gt.min_score
          AND (NOT gt.excluded_by_zero_criterion OR keyed.zeros = 0)
        ORDER BY gt.min_score DESC, gt.position LIMIT 1) AS grade
FROM keyed
WINDOW w AS (
  PARTITION BY round_id
  ORDER BY total DESC, {", ".join(order)}, body DESC, name COLLATE {collation}, unit_id
)
ORDER BY round_id, position
"""
    return sql, params


def _decimal(value) -> Decimal:
    if value is None:
        return Decimal("0.00")
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(TWO_PLACES) + Decimal("0.00")


def standings(rounds) -> list[Standing]:
    """Every unit's standing in `rounds` (a queryset of rounds, or rounds / ids), ordered by
    round, then rank."""
    if not isinstance(rounds, QuerySet):
        rounds = list(rounds)
        if not rounds:
            return []
    sql, params = build_sql(rounds, chain_length(rounds))
    # On PostgreSQL the connection runs with JIT off (settings: it costs this statement more
    # than it saves).
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Standing(
            round_id=row[0],
            unit_id=row[1],
            base=_decimal(row[2]),
            bonus=_decimal(row[3]),
            penalty=_decimal(row[4]),
            total=_decimal(row[5]),
            self_total=_decimal(row[6]),
            zero_count=int(row[7]),
            at_max_count=int(row[8]),
            rank=int(row[9]),
            tie_kind=row[10] or "",
            tie_group_id=row[11],
            grade=row[12] or "",
        )
        for row in rows
    ]
