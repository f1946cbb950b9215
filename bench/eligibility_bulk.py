"""Benchmark of the set-wise bulk eligibility (``thidua.awards.queries.bulk``) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/eligibility_bulk.py [--people 2000000] [--keep | --reuse]

Creates the throwaway database ``thidua_bench_elig`` (``--database``) on the server of
DATABASE_URL, migrates it, generates N people with 10 years of history inside PostgreSQL
(``INSERT … SELECT`` over ``generate_series``, nothing row by row in Python) and drops it at the
end (``--keep`` leaves it; ``--reuse`` runs on a database kept before, without reloading).

For the year under review Y (default 2025), for ``chien_si_thi_dua_cap_tinh`` and
``bang_khen_thu_tuong`` (route 73.1.b), over the whole country and over one province, it times:

1. the ORM query of ``bulk.eligible_people(unit, Y, code)`` (the code the bulk page runs),
2. a hand-written PostgreSQL statement computing the same set (maternity years included),
3. the floor: a scan of the same rows (the window's rows of the tables the rule reads: every row
   for the country; the rows of the province's people for a province),

best of ``--repeat`` runs each, and prints the figures, the ratios against the targets of
issue 9 (ORM ≤ 1.2 × hand-written, under 30 s) and the peak memory: of this Python process
(``tracemalloc`` peak of the step, and its maximum resident size) and of the PostgreSQL backend
that ran the step (``VmHWM``, read from /proc when the server runs on this machine; each step
gets a fresh connection). It checks that 1 and 2 return the same people; exit status 1 if not.

Data (PostgreSQL ``random()`` after ``setseed``), for each person and each of the 10 years
Y−9 … Y:

- 34 provinces of 6 units each; people spread evenly over the 204 units;
- rating: htxsnv 30 %, httnv 45 %, htnv 15 %, khtnv 5 %, none 5 % (a gap year);
- Chiến sĩ thi đua cơ sở: 70 % of the htxsnv years, 25 % of the httnv years; basis merit 92 %,
  thematic 4 %, sudden 4 %; Lao động tiên tiến: 60 % of the years rated httnv or better;

and once per person: Bằng khen cấp tỉnh for 25 % (a uniform year, merit 90 %); one initiative
or project for 25 % (uniform year, scope cơ sở 50 %, cấp tỉnh 40 %, toàn quốc 10 %), a third
of them used as the basis of the person's first award of that year or later; a discipline for
2 % (khiển trách, period ending that year or the next, 10 % without an end date); a maternity
year for 2 % (a second one the year after for 30 % of them; no rating in those years); an open
complaint for 1 %.

Loading drops the secondary indexes of the big tables and disables foreign-key triggers
(``session_replication_role = replica``) for the load only, then rebuilds the same indexes (read
from ``pg_indexes`` before dropping them) and runs ``VACUUM ANALYZE``: the schema measured is
exactly the one the migrations create.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import measure, report, seconds  # noqa: E402

CODES = {"chien_si_thi_dua_cap_tinh": None, "bang_khen_thu_tuong": "73.1.b"}
TARGET_RATIO, TARGET_SECONDS = 1.2, 30.0
BIG_TABLES = (
    "organizations_person",
    "awards_yearlyrating",
    "awards_decisionrecipient",
    "awards_decisionrecipient_based_on",
    "awards_initiative",
    "awards_discipline",
    "awards_maternityleave",
    "awards_pendingmatter",
)


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def exists(url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


# --- loading --------------------------------------------------------------------------------------

LOAD = [
    (
        "people",
        """INSERT INTO organizations_person (id, unit_id, family_name, middle_name, given_name,
               sex, position, is_sample, search_text, version)
           SELECT g, (%(units)s::int[])[1 + g %% %(n_units)s], 'Nguyễn', 'Văn',
                  (ARRAY['An','Bình','Cường','Dũng','Đạt','Hà','Hường','Lan','Minh','Yến'])
                      [1 + g %% 10], '', '', false, 'nguyen van', 1
           FROM generate_series(1, %(n)s) g""",
    ),
    (
        "maternity leave",
        """INSERT INTO awards_maternityleave (person_id, year, is_sample)
           SELECT g, %(y)s - floor(random() * 7)::int, false
           FROM generate_series(1, %(n)s) g WHERE random() < 0.02;
           INSERT INTO awards_maternityleave (person_id, year, is_sample)
           SELECT person_id, year + 1, false FROM awards_maternityleave
           WHERE year < %(y)s AND random() < 0.3""",
    ),
    (
        "ratings",
        """INSERT INTO awards_yearlyrating (person_id, year, rating, is_sample, version)
           SELECT g, y, CASE WHEN r < 0.30 THEN 'htxsnv' WHEN r < 0.75 THEN 'httnv'
                             WHEN r < 0.90 THEN 'htnv' ELSE 'khtnv' END, false, 1
           FROM (SELECT g, y, random() AS r
                 FROM generate_series(1, %(n)s) g, generate_series(%(first)s, %(y)s) y) x
           WHERE r < 0.95 AND NOT EXISTS (
               SELECT 1 FROM awards_maternityleave m WHERE m.person_id = g AND m.year = y)""",
    ),
    (
        "titles",
        """INSERT INTO awards_decisionrecipient (person_id, decision_id, award_type_id, year, basis)
           SELECT person_id, (%(decisions)s::int[])[year - %(first)s + 1], %(cstdcs)s, year,
                  CASE WHEN b < 0.92 THEN 'merit' WHEN b < 0.96 THEN 'thematic' ELSE 'sudden' END
           FROM (SELECT person_id, year, rating, random() AS t, random() AS b
                 FROM awards_yearlyrating) r
           WHERE (rating = 'htxsnv' AND t < 0.7) OR (rating = 'httnv' AND t < 0.25);
           INSERT INTO awards_decisionrecipient (person_id, decision_id, award_type_id, year, basis)
           SELECT person_id, (%(decisions)s::int[])[year - %(first)s + 1], %(ldtt)s, year, 'merit'
           FROM awards_yearlyrating WHERE rating IN ('htxsnv', 'httnv') AND random() < 0.6""",
    ),
    (
        "Bằng khen cấp tỉnh",
        """INSERT INTO awards_decisionrecipient (person_id, decision_id, award_type_id, year, basis)
           SELECT g, (%(decisions)s::int[])[year - %(first)s + 1], %(bktinh)s, year,
                  CASE WHEN b < 0.9 THEN 'merit' ELSE 'thematic' END
           FROM (SELECT g, %(first)s + floor(random() * 10)::int AS year, random() AS b,
                        random() AS t FROM generate_series(1, %(n)s) g) x
           WHERE t < 0.25""",
    ),
    (
        "initiatives",
        """INSERT INTO awards_initiative (person_id, kind, title, scope, recognised_year,
               recognised_by, reference, is_sample, version)
           SELECT g, CASE WHEN k < 0.5 THEN 'initiative' ELSE 'research' END, 'Sáng kiến',
                  CASE WHEN s < 0.5 THEN 'co_so' WHEN s < 0.9 THEN 'cap_tinh' ELSE 'toan_quoc' END,
                  year, '', '', false, 1
           FROM (SELECT g, %(first)s + floor(random() * 10)::int AS year, random() AS k,
                        random() AS s, random() AS t FROM generate_series(1, %(n)s) g) x
           WHERE t < 0.25;
           INSERT INTO awards_decisionrecipient_based_on (decisionrecipient_id, initiative_id)
           SELECT DISTINCT ON (i.id) r.id, i.id
           FROM awards_initiative i JOIN awards_decisionrecipient r
             ON r.person_id = i.person_id AND r.year >= i.recognised_year
           WHERE i.id %% 3 = 0 ORDER BY i.id, r.year, r.id""",
    ),
    (
        "disciplines and complaints",
        """INSERT INTO awards_discipline (person_id, code, year, decided_on, ends_on,
               decision_number, reason, is_sample, version)
           SELECT g, 'khien_trach', year, make_date(year, 3, 1),
                  CASE WHEN e < 0.1 THEN NULL
                       ELSE make_date(year + floor(random() * 2)::int, 12, 31) END,
                  '', '', false, 1
           FROM (SELECT g, %(first)s + floor(random() * 10)::int AS year, random() AS e,
                        random() AS t FROM generate_series(1, %(n)s) g) x
           WHERE t < 0.02;
           INSERT INTO awards_pendingmatter (person_id, kind, status, opened_on, description,
               outcome, is_sample, version)
           SELECT g, 'complaint', 'open', make_date(%(y)s, 5, 1), '', '', false, 1
           FROM generate_series(1, %(n)s) g WHERE random() < 0.01""",
    ),
]


def load(n: int, year: int, seed: float) -> dict:
    """Units by the ORM (204 of them), everything else generated inside PostgreSQL."""
    from django.db import connection

    from thidua.awards import actions
    from thidua.awards.models import AwardType, Decision
    from thidua.organizations import actions as org

    actions.ensure_catalogue()
    types = dict(AwardType.objects.values_list("code", "pk"))
    provinces, units = [], []
    for i in range(1, 35):
        province = org.create_unit(
            parent=None, kind="tinh", short_name=f"Tỉnh {i}", name=f"Tỉnh thử {i}", by=None
        )
        provinces.append(province)
        units.append(province.pk)
        for j in range(1, 6):
            units.append(
                org.create_unit(
                    parent=province,
                    kind="so_nganh",
                    short_name=f"Sở {j}",
                    name=f"Sở {j} tỉnh {i}",
                    by=None,
                ).pk
            )
    first = year - 9
    decisions = [
        Decision.objects.create(
            recorded_in=provinces[0],
            number=f"{y}/QĐ-UBND",
            signed_on=f"{y + 1}-01-15",
            issuer_name="UBND tỉnh thử",
        ).pk
        for y in range(first, year + 1)
    ]
    params = {
        "n": n,
        "y": year,
        "first": first,
        "units": units,
        "n_units": len(units),
        "decisions": decisions,
        "cstdcs": types["chien_si_thi_dua_co_so"],
        "ldtt": types["lao_dong_tien_tien"],
        "bktinh": types["bang_khen_cap_tinh"],
    }
    with connection.cursor() as c:
        c.execute(
            "SELECT indexdef, indexname FROM pg_indexes WHERE tablename = ANY(%s) AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint)",
            [list(BIG_TABLES)],
        )
        indexes = c.fetchall()
        for _, name in indexes:
            c.execute(f'DROP INDEX "{name}"')
        c.execute("SET session_replication_role = replica")  # no FK triggers during the load
        c.execute("SELECT setseed(%s)", [seed])
        for label, sql in LOAD:
            start = time.perf_counter()
            for statement in sql.split(";\n"):
                c.execute(statement, params)
            print(f"  {label}: {time.perf_counter() - start:.1f} s", flush=True)
        c.execute("SET session_replication_role = DEFAULT")
        start = time.perf_counter()
        c.execute("SET maintenance_work_mem = '512MB'")
        for definition, _ in indexes:
            c.execute(definition)
        for table in BIG_TABLES:
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table}), 1))"
            )
        print(f"  {len(indexes)} indexes rebuilt: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        for table in BIG_TABLES:
            c.execute(f"VACUUM ANALYZE {table}")
        print(f"  VACUUM ANALYZE: {time.perf_counter() - start:.1f} s")
        sizes = {}
        for table in BIG_TABLES:
            c.execute(f"SELECT count(*) FROM {table}")
            sizes[table] = c.fetchone()[0]
    return sizes


# --- the hand-written statements ------------------------------------------------------------------


# A record of year r counts from the end of the disciplines decided up to Y: r > the end year of
# each (the decided year without an end date). Open or unfinished periods block (principles).
def kept(alias: str, year: str = "year") -> str:
    return f"""NOT EXISTS (
          SELECT 1 FROM awards_discipline d WHERE d.person_id = {alias}.person_id
          AND d.year <= %(y)s
          AND coalesce(extract(year FROM d.ends_on)::int, d.year) >= {alias}.{year})"""


PEOPLE = """{scope}SELECT p.id FROM organizations_person p {unit_join}
WHERE NOT EXISTS (SELECT 1 FROM awards_pendingmatter m
                  WHERE m.person_id = p.id AND m.status = 'open')
  AND NOT EXISTS (SELECT 1 FROM awards_discipline d WHERE d.person_id = p.id AND d.year <= %(y)s
                  AND (d.ends_on IS NULL OR extract(year FROM d.ends_on) >= %(y)s))"""

SQL_CSTD_TINH = f"""{PEOPLE}
  AND p.id IN (
    SELECT r.person_id FROM awards_decisionrecipient r
    WHERE r.award_type_id = %(title)s AND r.basis = 'merit'{{mine_r}}
      AND r.year BETWEEN %(y)s - %(run)s + 1 AND %(y)s AND {kept("r")}
    GROUP BY r.person_id HAVING count(DISTINCT r.year) >= %(run)s)
  AND p.id IN (
    SELECT i.person_id FROM awards_initiative i
    WHERE i.scope = ANY(%(scopes)s) AND i.kind = ANY(%(kinds)s){{mine_i}}
      AND i.recognised_year BETWEEN %(y)s - %(window)s + 1 AND %(y)s
      AND {kept("i", "recognised_year")}
      AND NOT EXISTS (
          SELECT 1 FROM awards_decisionrecipient_based_on b
          JOIN awards_decisionrecipient u ON u.id = b.decisionrecipient_id
          WHERE b.initiative_id = i.id AND u.person_id = i.person_id AND u.year <= %(y)s
            AND NOT (u.award_type_id = %(code)s AND u.year = %(y)s))
    GROUP BY i.person_id HAVING count(*) >= %(count)s)
"""

# Rated years: the window's ratings, plus maternity years without a rating that carry the last
# rating before them (every year in between on leave too).
SQL_BKTT = f"""{PEOPLE}
  AND p.id IN (
    SELECT person_id FROM (
        SELECT r.person_id, r.year FROM awards_yearlyrating r
        WHERE r.person_id IS NOT NULL AND r.year BETWEEN %(y)s - %(run)s + 1 AND %(y)s{{mine_r}}
          AND r.rating = ANY(%(ratings)s) AND {kept("r")}
        UNION ALL
        SELECT m.person_id, m.year FROM awards_maternityleave m
        CROSS JOIN LATERAL (
            SELECT r.year, r.rating FROM awards_yearlyrating r
            WHERE r.person_id = m.person_id AND r.year <= m.year ORDER BY r.year DESC LIMIT 1) s
        WHERE m.year BETWEEN %(y)s - %(run)s + 1 AND %(y)s AND s.year < m.year{{mine_m}}
          AND s.rating = ANY(%(ratings)s) AND {kept("s").replace("s.person_id", "m.person_id")}
          AND (SELECT count(*) FROM awards_maternityleave m2 WHERE m2.person_id = m.person_id
               AND m2.year > s.year AND m2.year <= m.year) = m.year - s.year
    ) good GROUP BY person_id HAVING count(*) >= %(run)s)
  AND p.id IN (
    SELECT r.person_id FROM awards_decisionrecipient r
    WHERE r.award_type_id = %(title)s AND r.basis = 'merit'{{mine_r}}
      AND r.year BETWEEN %(y)s - %(window)s + 1 AND %(y)s AND {kept("r")}
    GROUP BY r.person_id HAVING count(DISTINCT r.year) >= %(count)s)
  AND p.id IN (
    SELECT r.person_id FROM awards_decisionrecipient r
    WHERE r.award_type_id = %(prereq)s AND r.basis = 'merit' AND r.year <= %(y)s{{mine_r}}
      AND {kept("r")})
"""

UNIT_JOIN = "JOIN organizations_unit u ON u.id = p.unit_id AND u.path LIKE %(path)s"
# For a unit, every row set is restricted to its people before it is grouped (as the ORM does).
SCOPE = f"""WITH scope AS (SELECT p.id FROM organizations_person p {UNIT_JOIN})
"""
MINE = "\n      AND {alias}.person_id IN (SELECT id FROM scope)"


def hand_written(code: str, year: int, unit) -> tuple[str, dict, str, dict]:
    """(statement, parameters, floor statement, its parameters): thresholds from the rules."""
    from thidua.awards.models import AwardType
    from thidua.awards.queries.bulk import ratings_at_least, scopes_at_least
    from thidua.awards.rules import conditions as c
    from thidua.awards.rules.catalog import INDIVIDUAL, regime_for_year
    from thidua.awards.rules.registry import rules_for

    (rule,) = rules_for(code, INDIVIDUAL, regime_for_year(year), CODES[code])
    ids = dict(AwardType.objects.values_list("code", "pk"))
    by_type = {type(x): x for x in rule.conditions}
    unit_join = UNIT_JOIN if unit else ""
    base = {"y": year, "path": f"{unit.path}%" if unit else None}
    if code == "chien_si_thi_dua_cap_tinh":
        run, inn = by_type[c.TitleRun], by_type[c.InnovationInWindow]
        params = {
            **base,
            "title": ids[run.title],
            "run": run.length,
            "scopes": scopes_at_least(inn.min_scope),
            "kinds": list(inn.kinds),
            "window": inn.length,
            "count": inn.count,
            "code": ids[code],
        }
        floor = {
            "awards_decisionrecipient": f"year BETWEEN {year - run.length + 1} AND {year}",
            "awards_initiative": f"recognised_year BETWEEN {year - inn.length + 1} AND {year}",
        }
        sql = SQL_CSTD_TINH
    else:
        pre, yearly, count = by_type[c.Prerequisite], by_type[c.YearlyRun], by_type[c.TitleCount]
        assert not yearly.titles and pre.years_after is None
        params = {
            **base,
            "run": yearly.length,
            "ratings": ratings_at_least(yearly.minimum),
            "title": ids[count.title],
            "window": count.length,
            "count": count.count,
            "prereq": ids[pre.award],
        }
        floor = {
            "awards_yearlyrating": f"year BETWEEN {year - yearly.length + 1} AND {year}",
            "awards_decisionrecipient": f"year <= {year}",
        }
        sql = SQL_BKTT
    statement = sql.format(
        scope=SCOPE if unit else "",
        unit_join=unit_join,
        **{f"mine_{a}": MINE.format(alias=a) if unit else "" for a in "rim"},
    )
    return statement, params, floor_sql(floor, unit), base


def floor_sql(tables: dict[str, str], unit) -> str:
    """One pass over the rows the rule reads (restricted to the unit's people for a unit)."""
    mine = (
        f" AND person_id IN (SELECT p.id FROM organizations_person p {UNIT_JOIN})" if unit else ""
    )
    parts = [f"(SELECT count(*) FROM {t} WHERE {where}{mine})" for t, where in tables.items()]
    return "SELECT " + " + ".join(parts)


# --- measuring ------------------------------------------------------------------------------------


def run(year: int, repeat: int) -> bool:
    from django.db import connection, transaction

    from thidua.awards.queries.bulk import eligible_people
    from thidua.organizations.models import Person, Unit

    province = Unit.objects.filter(parent=None, short_name="Tỉnh 1").first()
    with connection.cursor() as c:
        c.execute(
            "SELECT current_setting('server_version'), current_setting('work_mem'),"
            " current_setting('jit')"
        )
        version, work_mem, jit = c.fetchone()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {platform.node()} · {os.cpu_count()} CPUs · "
        f"load average {load} · PostgreSQL {version}, work_mem {work_mem}, jit {jit}"
    )
    ok = True
    rows = []
    for scope, unit in (("country", None), (f"province ({province.name})", province)):
        people = (
            Person.objects.count()
            if unit is None
            else (Person.objects.filter(unit__path__startswith=unit.path).count())
        )
        for code, route in CODES.items():
            sql, params, floor, floor_params = hand_written(code, year, unit)

            def orm(code=code, route=route, unit=unit):
                return set(eligible_people(unit, year, code, route).values_list("pk", flat=True))

            def raw(sql=sql, params=params, jit="off"):
                with transaction.atomic(), connection.cursor() as c:
                    c.execute(f"SET LOCAL jit = {jit}")
                    c.execute(sql, params)
                    return {row[0] for row in c.fetchall()}

            def scan(floor=floor, floor_params=floor_params):
                with connection.cursor() as c:
                    c.execute(floor, floor_params)
                    return c.fetchone()[0]

            # The app's connections run with JIT off (settings); the baseline is the faster of
            # the hand-written statement with JIT and without.
            m_orm, m_scan = measure(orm, repeat), measure(scan, repeat)
            m_raw = min(
                measure(raw, repeat), measure(partial(raw, jit="on"), repeat), key=lambda m: m["s"]
            )
            same = m_orm["result"] == m_raw["result"]
            ok &= same
            ratio = m_orm["s"] / m_raw["s"]
            meets = ratio <= TARGET_RATIO and m_orm["s"] < TARGET_SECONDS
            print(f"\n{code} {year}, {scope}: {people:,} people, {len(m_orm['result']):,} eligible")
            for label, m in (
                ("ORM (bulk.eligible_people)", m_orm),
                ("hand-written SQL", m_raw),
                (f"floor: scan of {m_scan['result']:,} rows", m_scan),
            ):
                print(
                    f"  {label:<36} {m['s']:8.2f} s   peak: Python {m['python_mib']:7.1f} MiB, "
                    f"PostgreSQL backend {m['backend_mib']:7.1f} MiB"
                )
            print(
                f"  ratios: ORM/hand-written {ratio:.2f} (target ≤ {TARGET_RATIO}) · "
                f"ORM/floor {m_orm['s'] / m_scan['s']:.2f} · "
                f"hand-written/floor {m_raw['s'] / m_scan['s']:.2f} · "
                f"{'meets' if meets else 'MISSES'} the target (≤ {TARGET_RATIO}×, < "
                f"{TARGET_SECONDS:.0f} s)"
            )
            differ = sorted(m_orm["result"] ^ m_raw["result"])[:20]
            print(f"  same set: {'yes' if same else f'NO: {differ}'}")
            report(
                f"bulk eligibility, {code} {year}, {scope}: {people:,} people",
                f"{seconds(m_orm['s'])}, {len(m_orm['result']):,} eligible"
                + ("" if same else " (NOT the same set)"),
                f"hand-written SQL {seconds(m_raw['s'])}; floor (scan) {seconds(m_scan['s'])}",
                f"{ratio:.2f}× ({'meets' if meets else 'misses'} ≤ {TARGET_RATIO}×)",
                f"PostgreSQL backend {m_orm['backend_mib']:.0f} MiB",
            )
            rows.append((code, scope, m_orm["s"], m_raw["s"], m_scan["s"], ratio, same))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak:.0f} MiB")
    print("\n| code | scope | ORM s | hand-written s | floor s | ORM/hand | same |")
    print("|---|---|---:|---:|---:|---:|---|")
    for code, scope, a, b, f, r, same in rows:
        mark = "yes" if same else "NO"
        print(f"| {code} | {scope} | {a:.2f} | {b:.2f} | {f:.2f} | {r:.2f} | {mark} |")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=float, default=0.2025)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--database", default="thidua_bench_elig")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", action="store_true", help="run on a kept database")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        parser.error("DATABASE_URL must point at a PostgreSQL server")
    name = args.database
    reuse = args.reuse and exists(base, name)
    if not reuse:
        admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(base, f'CREATE DATABASE "{name}"')
    same = False
    try:
        os.environ["DATABASE_URL"] = with_database(base, name)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        if not reuse:
            start = time.perf_counter()
            call_command("migrate", verbosity=0)
            print(f"migrated {name} in {time.perf_counter() - start:.1f} s", flush=True)
            start = time.perf_counter()
            sizes = load(args.people, args.year, args.seed)
            print(
                f"loaded in {time.perf_counter() - start:.1f} s: "
                + ", ".join(f"{k} {v:,}" for k, v in sizes.items()),
                flush=True,
            )
        same = run(args.year, args.repeat)
        connections.close_all()
    finally:
        if not (args.keep or args.reuse):
            admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"dropped {name}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
