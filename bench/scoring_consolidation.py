"""Benchmark of the consolidation and ranking of scoring rounds (``thidua.scoring.consolidation``)
on PostgreSQL, against the same aggregate written as one plain SQL statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/scoring_consolidation.py [--clusters 3400] [--keep | --reuse]

Creates the throwaway database ``thidua_bench_scoring`` (``--database``) on the server of
DATABASE_URL, migrates it, generates one emulation year of ``--clusters`` clusters (3,400) ×
``--units`` member units (10) × ``--criteria`` criteria (50) inside PostgreSQL (``INSERT …
SELECT`` over ``generate_series``, nothing row by row in Python), and drops it at the end
(``--keep`` leaves it; ``--reuse`` runs again on a database kept before, without reloading).

Each cluster has a locked pledge version of 5 content groups (the first with a bonus cap of 1),
50 free-score criteria worth 2 points (every fifth with a bonus cap of 0,5), 4 bonus and penalty
rules (a bonus on a criterion, a bonus on a group, a pledge-wide bonus, a pledge-wide penalty;
pledge caps 3 and 2) and 3 grades; one closed round whose 10 units self-scored every line
(half points, drawn by ``random()`` after ``setseed``), 5 % of the lines with a validated score.
That is 3,400 × 10 × 54 = 1,836,000 score lines.

It then times, best of ``--repeat`` runs each, on a fresh connection:

1. the app: ``consolidation.standings(rounds of the year)`` — the statement the scoreboard and
   publishing run, turned into Python ``Standing`` rows;
2. the same aggregate as one hand-written statement: final points, base, bonus and penalty capped
   per criterion, group and pledge, total, self-scored total, grade, and the rank by the default
   tie-break chain (total, fewer penalty points, more criteria at their maximum, higher score in
   the first content group, the assessing body's order, Vietnamese name order, id), run with
   PostgreSQL's JIT on and off (the app's connections run with it off; the faster of the two
   runs is the baseline),

checks that both give the same rank, total, self-scored total and grade for every unit (exit
status 1 if not), and prints both times, the ratio (target ≤ 1.5×) and the peak memory: of this
Python process (``tracemalloc`` peak of the step) and of the PostgreSQL backend that ran it
(``VmHWM`` from /proc, when the server runs on this machine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, admin_sql, measure, peak_rss, report, seconds, with_database

TARGET_RATIO = 1.5
GROUPS, RULES = 5, 4

# Every statement gets: c (clusters), u (units per cluster), k (criteria per version), y (year).
# Ids are arithmetic: unit 1 is the city; cluster i's members are 1 + (i-1)·u + 1 … 1 + i·u; its
# version, pledge and round have id i; its groups (i-1)·5 + 1…5, criteria (i-1)·k + 1…k, rules
# (i-1)·4 + 1…4.
LOAD = [
    (
        "units, year, clusters",
        """INSERT INTO organizations_unit (id, kind, short_name, name, path, depth, is_sample,
               search_text, version)
           VALUES (1, 'tinh', 'Thành phố', 'Thành phố thử', '0001/', 0, false, 'thanh pho', 1);
           INSERT INTO organizations_unit (id, parent_id, kind, short_name, name, path, depth,
               is_sample, search_text, version)
           SELECT g, 1, 'huyen', 'Đơn vị ' || g, 'Đơn vị thử số ' || g,
                  '0001/' || lpad(g::text, 6, '0') || '/', 1, false, 'don vi ' || g, 1
           FROM generate_series(2, 1 + %(c)s * %(u)s) g;
           INSERT INTO clusters_emulationyear (id, year, theme, unit_id) VALUES (1, %(y)s, '', 1);
           INSERT INTO clusters_cluster (id, emulation_year_id, kind, number, name, description,
               is_sample, version)
           SELECT i, 1, 'cum', i::text, 'Cụm thi đua số ' || i, '', false, 1
           FROM generate_series(1, %(c)s) i""",
    ),
    (
        "pledges",
        """INSERT INTO pledges_pledge (id, cluster_id, created_at)
           SELECT i, i, now() FROM generate_series(1, %(c)s) i;
           INSERT INTO pledges_pledgeversion (id, pledge_id, number, status, title, theme,
               commitments, scale, bonus_cap, penalty_cap, reason, created_at, locked_at,
               in_force_from, is_sample, version)
           SELECT i, i, 1, 'locked', 'Giao ước thi đua năm ' || %(y)s, '', '', 100, 3, 2, '',
                  now(), now(), make_date(%(y)s, 2, 1), false, 1
           FROM generate_series(1, %(c)s) i;
           INSERT INTO pledges_contentgroup (id, pledge_version_id, position, key, is_sample,
               version, title, bonus_cap)
           SELECT (i - 1) * 5 + g, i, g - 1, gen_random_uuid(), false, 1, 'Nội dung ' || g,
                  CASE WHEN g = 1 THEN 1 END
           FROM generate_series(1, %(c)s) i, generate_series(1, 5) g;
           INSERT INTO pledges_criterion (id, pledge_version_id, group_id, position, key,
               is_sample, version, code, text, max_score, method, target_unit, levels, evidence,
               bonus_cap)
           SELECT (i - 1) * %(k)s + n, i, (i - 1) * 5 + (n - 1) %% 5 + 1, n - 1,
                  gen_random_uuid(), false, 1, ((n - 1) %% 5 + 1) || '.' || ((n - 1) / 5 + 1),
                  'Tiêu chí ' || n, 2, 'free', '', '[]'::jsonb, '',
                  CASE WHEN n %% 5 = 1 THEN 0.5 END
           FROM generate_series(1, %(c)s) i, generate_series(1, %(k)s) n;
           INSERT INTO pledges_adjustmentrule (id, pledge_version_id, position, key, is_sample,
               version, kind, text, points, criterion_id, group_id)
           SELECT (i - 1) * 4 + r, i, r - 1, gen_random_uuid(), false, 1,
                  CASE WHEN r = 4 THEN 'penalty' ELSE 'bonus' END, 'Quy định ' || r, 0.5,
                  CASE WHEN r = 1 THEN (i - 1) * %(k)s + 1 END,
                  CASE WHEN r = 2 THEN (i - 1) * 5 + 1 END
           FROM generate_series(1, %(c)s) i, generate_series(1, 4) r;
           INSERT INTO pledges_gradethreshold (pledge_version_id, position, label, min_score,
               excluded_by_zero_criterion)
           SELECT i, p, lbl, mn, ex
           FROM generate_series(1, %(c)s) i,
                (VALUES (0, 'Xuất sắc', 0.9 * %(k)s * 2, true), (1, 'Tốt', 0.8 * %(k)s * 2, true),
                        (2, 'Khá', 0.6 * %(k)s * 2, false)) AS t(p, lbl, mn, ex)""",
    ),
    (
        "rounds and their units",
        """INSERT INTO scoring_scoringround (id, cluster_id, pledge_version_id, title, opens_on,
               closes_on, grace_days, status, discrepancy_threshold, cross_mode, created_at,
               closed_at, is_sample, version)
           SELECT i, i, i, 'Chấm điểm thi đua năm ' || %(y)s || ' — Cụm ' || i,
                  make_date(%(y)s, 12, 1), make_date(%(y)s, 12, 15), 0, 'closed', 0, '', now(),
                  now(), false, 1
           FROM generate_series(1, %(c)s) i;
           INSERT INTO scoring_roundunit (round_id, unit_id, tie_reason, is_sample, version)
           SELECT i, 1 + (i - 1) * %(u)s + m, '', false, 1
           FROM generate_series(1, %(c)s) i, generate_series(1, %(u)s) m""",
    ),
    (
        "score lines",
        """INSERT INTO scoring_scoreline (round_id, unit_id, criterion_id, self_choice,
               self_points, self_note, validated_points, validated_reason, is_sample, version)
           SELECT round_id, unit_id, (round_id - 1) * %(k)s + n, '', s,
                  '', CASE WHEN v < 0.05 THEN greatest(s - 0.5, 0) END,
                  CASE WHEN v < 0.05 THEN 'Thẩm định' ELSE '' END, false, 1
           FROM (SELECT ru.round_id, ru.unit_id, n, floor(random() * 5) / 2 AS s, random() AS v
                 FROM scoring_roundunit ru, generate_series(1, %(k)s) n) x;
           INSERT INTO scoring_scoreline (round_id, unit_id, rule_id, self_choice, self_points,
               self_note, validated_reason, is_sample, version)
           SELECT ru.round_id, ru.unit_id, (ru.round_id - 1) * 4 + r, '',
                  floor(random() * 3) * 0.5, '', '', false, 1
           FROM scoring_roundunit ru, generate_series(1, 4) r""",
    ),
]
TABLES = (
    "organizations_unit",
    "clusters_cluster",
    "pledges_pledgeversion",
    "pledges_contentgroup",
    "pledges_criterion",
    "pledges_adjustmentrule",
    "scoring_scoringround",
    "scoring_roundunit",
    "scoring_scoreline",
)
SEQUENCES = (*TABLES, "clusters_emulationyear", "pledges_pledge", "pledges_gradethreshold")


def load(clusters: int, units: int, criteria: int, year: int, seed: float) -> dict:
    from django.db import connection

    params = {"c": clusters, "u": units, "k": criteria, "y": year}
    with connection.cursor() as c:
        c.execute("SELECT setseed(%s)", [seed])
        c.execute("SET session_replication_role = replica")  # no FK triggers during the load
        for label, sql in LOAD:
            start = time.perf_counter()
            for statement in sql.split(";\n"):
                c.execute(statement, params)
            print(f"  {label}: {time.perf_counter() - start:.1f} s", flush=True)
        c.execute("SET session_replication_role = DEFAULT")
        for table in SEQUENCES:
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table}), 1))"
            )
        start = time.perf_counter()
        for table in TABLES:
            c.execute(f"VACUUM ANALYZE {table}")
        c.execute("ANALYZE")  # the small tables too: the planner sees 3,400 rounds, not 16
        print(f"  VACUUM ANALYZE: {time.perf_counter() - start:.1f} s")
        sizes = {}
        for table in ("scoring_scoringround", "scoring_roundunit", "scoring_scoreline"):
            c.execute(f"SELECT count(*) FROM {table}")
            sizes[table] = c.fetchone()[0]
    return sizes


# --- the hand-written statement ---------------------------------------------------------------

# Caps: LEAST ignores NULL (no cap). Each level sums the capped level below plus its own rules.
HAND_WRITTEN = """
WITH r AS (
  SELECT s.id, s.pledge_version_id AS pv, v.bonus_cap, v.penalty_cap
  FROM scoring_scoringround s
  JOIN clusters_cluster c ON c.id = s.cluster_id
  JOIN clusters_emulationyear y ON y.id = c.emulation_year_id
  JOIN pledges_pledgeversion v ON v.id = s.pledge_version_id
  WHERE y.year = %(year)s
),
first_group AS (
  SELECT DISTINCT ON (pledge_version_id) pledge_version_id AS pv, id
  FROM pledges_contentgroup WHERE pledge_version_id IN (SELECT pv FROM r)
  ORDER BY pledge_version_id, position, id
),
crit AS (
  SELECT l.round_id, l.unit_id,
         sum(coalesce(l.validated_points, l.self_points, 0)) AS base,
         sum(coalesce(l.self_points, 0)) AS sbase,
         count(*) FILTER (WHERE coalesce(l.validated_points, l.self_points, 0) = 0) AS zeros,
         count(*) FILTER (WHERE coalesce(l.validated_points, l.self_points, 0) >= c.max_score)
           AS at_max,
         coalesce(sum(coalesce(l.validated_points, l.self_points, 0))
                  FILTER (WHERE c.group_id = fg.id), 0) AS first_group
  FROM scoring_scoreline l
  JOIN r ON r.id = l.round_id
  JOIN pledges_criterion c ON c.id = l.criterion_id
  JOIN first_group fg ON fg.pv = r.pv
  GROUP BY l.round_id, l.unit_id
),
adj AS (
  SELECT l.round_id, l.unit_id, a.kind, a.criterion_id,
         coalesce(a.group_id, ac.group_id) AS group_id,
         CASE a.kind WHEN 'bonus' THEN ac.bonus_cap ELSE ac.penalty_cap END AS ccap,
         coalesce(l.validated_points, l.self_points, 0) AS pts, coalesce(l.self_points, 0) AS spts
  FROM scoring_scoreline l
  JOIN r ON r.id = l.round_id
  JOIN pledges_adjustmentrule a ON a.id = l.rule_id
  LEFT JOIN pledges_criterion ac ON ac.id = a.criterion_id
),
per_criterion AS (
  SELECT round_id, unit_id, kind, group_id,
         least(sum(pts), ccap) AS pts, least(sum(spts), ccap) AS spts
  FROM adj WHERE criterion_id IS NOT NULL
  GROUP BY round_id, unit_id, kind, criterion_id, group_id, ccap
),
per_group AS (
  SELECT x.round_id, x.unit_id, x.kind,
         least(sum(x.pts), CASE x.kind WHEN 'bonus' THEN g.bonus_cap ELSE g.penalty_cap END)
           AS pts,
         least(sum(x.spts), CASE x.kind WHEN 'bonus' THEN g.bonus_cap ELSE g.penalty_cap END)
           AS spts
  FROM (SELECT round_id, unit_id, kind, group_id, pts, spts FROM per_criterion
        UNION ALL
        SELECT round_id, unit_id, kind, group_id, pts, spts FROM adj
        WHERE criterion_id IS NULL AND group_id IS NOT NULL) x
  JOIN pledges_contentgroup g ON g.id = x.group_id
  GROUP BY x.round_id, x.unit_id, x.kind, g.id, g.bonus_cap, g.penalty_cap
),
per_pledge AS (
  SELECT z.round_id, z.unit_id,
         least(coalesce(sum(z.pts) FILTER (WHERE z.kind = 'bonus'), 0), r.bonus_cap) AS bonus,
         least(coalesce(sum(z.pts) FILTER (WHERE z.kind = 'penalty'), 0), r.penalty_cap)
           AS penalty,
         least(coalesce(sum(z.spts) FILTER (WHERE z.kind = 'bonus'), 0), r.bonus_cap) AS sbonus,
         least(coalesce(sum(z.spts) FILTER (WHERE z.kind = 'penalty'), 0), r.penalty_cap)
           AS spenalty
  FROM (SELECT round_id, unit_id, kind, pts, spts FROM per_group
        UNION ALL
        SELECT round_id, unit_id, kind, pts, spts FROM adj
        WHERE criterion_id IS NULL AND group_id IS NULL) z
  JOIN r ON r.id = z.round_id
  GROUP BY z.round_id, z.unit_id, r.bonus_cap, r.penalty_cap
),
tot AS (
  SELECT m.round_id, m.unit_id, r.pv, m.tie_order, u.short_name,
         coalesce(c.base, 0) + coalesce(p.bonus, 0) - coalesce(p.penalty, 0) AS total,
         coalesce(c.sbase, 0) + coalesce(p.sbonus, 0) - coalesce(p.spenalty, 0) AS self_total,
         coalesce(p.penalty, 0) AS penalty, coalesce(c.zeros, 0) AS zeros,
         coalesce(c.at_max, 0) AS at_max, coalesce(c.first_group, 0) AS first_group
  FROM scoring_roundunit m
  JOIN r ON r.id = m.round_id
  JOIN organizations_unit u ON u.id = m.unit_id
  LEFT JOIN crit c ON c.round_id = m.round_id AND c.unit_id = m.unit_id
  LEFT JOIN per_pledge p ON p.round_id = m.round_id AND p.unit_id = m.unit_id
)
SELECT t.round_id, t.unit_id,
       row_number() OVER (PARTITION BY t.round_id
                          ORDER BY t.total DESC, t.penalty, t.at_max DESC, t.first_group DESC,
                                   coalesce(t.tie_order, 32767),
                                   t.short_name COLLATE "{collation}", t.unit_id) AS rank,
       t.total, t.self_total,
       (SELECT g.label FROM pledges_gradethreshold g
        WHERE g.pledge_version_id = t.pv AND t.total >= g.min_score
          AND (NOT g.excluded_by_zero_criterion OR t.zeros = 0)
        ORDER BY g.min_score DESC, g.position LIMIT 1) AS grade
FROM tot t
ORDER BY t.round_id, rank
"""


# --- measuring --------------------------------------------------------------------------------


def two(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def run(year: int, repeat: int) -> bool:
    from django.db import connection, transaction

    from thidua.core.db import POSTGRES_COLLATION
    from thidua.scoring import consolidation
    from thidua.scoring.models import ScoringRound

    rounds = ScoringRound.objects.filter(cluster__emulation_year__year=year)
    sql = HAND_WRITTEN.format(collation=POSTGRES_COLLATION)

    def app():
        return [
            (s.round_id, s.unit_id, s.rank, s.total, s.self_total, s.grade)
            for s in consolidation.standings(rounds)
        ]

    def raw(jit: str):
        def statement():
            with transaction.atomic(), connection.cursor() as c:
                c.execute(f"SET LOCAL jit = {jit}")
                c.execute(sql, {"year": year})
                return [(a, b, rank, two(t), two(st), g or "") for a, b, rank, t, st, g in c]

        return statement

    # The app's connections run with PostgreSQL's JIT off (settings); the baseline is the faster
    # of the hand-written statement with JIT and without it.
    m_app = measure(app, repeat)
    m_jit, m_nojit = measure(raw("on"), repeat), measure(raw("off"), repeat)
    m_raw = min(m_jit, m_nojit, key=lambda m: m["s"])
    print(f"  hand-written SQL: {m_jit['s']:.2f} s with JIT, {m_nojit['s']:.2f} s without")
    same = m_app["result"] == m_raw["result"] == m_jit["result"]
    ratio = m_app["s"] / m_raw["s"]
    n_rounds = len({row[0] for row in m_raw["result"]})
    n_units = len(m_raw["result"])
    print(f"\nconsolidation and ranking of {year}: {n_rounds:,} rounds, {n_units:,} units")
    for label, m in (("app (consolidation.standings)", m_app), ("hand-written SQL", m_raw)):
        print(
            f"  {label:<32} {m['s']:8.2f} s   peak: Python {m['python_mib']:7.1f} MiB, "
            f"PostgreSQL backend {m['backend_mib']:7.1f} MiB"
        )
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"  ratio app/hand-written: {ratio:.2f} ({verdict} the target ≤ {TARGET_RATIO}×)")
    if not same:
        diff = [(a, b) for a, b in zip(m_app["result"], m_raw["result"], strict=False) if a != b][
            :10
        ]
        print(f"  same standings: NO ({len(m_app['result'])} vs {len(m_raw['result'])}): {diff}")
    else:
        print("  same standings: yes (rank, total, self-scored total, grade of every unit)")
    print(f"  peak resident memory of this process: {peak_rss() / 2**20:.0f} MiB")
    report(
        f"scoring consolidation, {n_rounds:,} clusters × 10 units × 50 criteria",
        seconds(m_app["s"]),
        f"{seconds(m_raw['s'])} (hand-written SQL)",
        ratio,
        int(m_app["python_mib"] * 2**20),
    )
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=3400)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--criteria", type=int, default=50)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--seed", type=float, default=0.2024)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--database", default="thidua_bench_scoring")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", action="store_true", help="run on a kept database")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        parser.error("DATABASE_URL must point at a PostgreSQL server")
    name = args.database
    import psycopg

    with psycopg.connect(with_database(base, "postgres"), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    reuse = args.reuse and found is not None
    if not reuse:
        admin_sql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_sql(base, f'CREATE DATABASE "{name}"')
    same = False
    try:
        os.environ["DATABASE_URL"] = with_database(base, name)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        if not reuse:
            start = time.perf_counter()
            call_command("migrate", verbosity=0)
            print(f"migrated {name} in {time.perf_counter() - start:.1f} s", flush=True)
            start = time.perf_counter()
            sizes = load(args.clusters, args.units, args.criteria, args.year, args.seed)
            print(
                f"loaded in {time.perf_counter() - start:.1f} s: "
                + ", ".join(f"{k} {v:,}" for k, v in sizes.items()),
                flush=True,
            )
        same = run(args.year, args.repeat)
        connections.close_all()
    finally:
        if not (args.keep or args.reuse):
            admin_sql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"dropped {name}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
