"""The hot queries read the big tables through their indexes (PostgreSQL plans).

A moderate national dataset is generated (``thidua.core.national``), analysed, and the plans of
the scoreboard page, the consolidation of a year and the bulk eligibility of a department are
read with ``EXPLAIN (FORMAT JSON)``: none may read a big table whole where an index applies.

At this size the planner rightly prefers a sequential scan of a table of a few megabytes to many
index probes, so plans are read with ``enable_seqscan`` off: a sequential scan that remains means
no index serves that access path, whatever the size of the data.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.core import national

pytestmark = pytest.mark.postgres

MODERATE = national.Counts(
    provinces=5, communes=40, others=400, people=12000, clusters=40, years=10, last_year=2025
)
BIG = {
    "organizations_person",
    "awards_yearlyrating",
    "awards_decisionrecipient",
    "awards_judgementfact",
    "scoring_scoreline",
    "scoring_unitresult",
    "scoring_roundunit",
    "pledges_criterion",
    "clusters_clustermembership",
}


@pytest.fixture
def national_data(db):
    national.Generator(MODERATE, seed=11, log=lambda _: None).run()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def sequential_scans(sql: str, params=()) -> list[str]:
    """The big tables a statement's plan reads whole, with sequential scans discouraged."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    if isinstance(plan, str):
        plan = json.loads(plan)
    found = []

    def walk(node: dict) -> None:
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in BIG:
            found.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


def scans_of_queries(func) -> dict[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        func()
    out = {}
    for query in ctx.captured_queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            scans = sequential_scans(sql)
            if scans:
                out[sql[:200]] = scans
    return out


def test_the_scoreboard_reads_by_index(national_data):
    from thidua.scoring import queries
    from thidua.scoring.models import ScoringRound

    published = ScoringRound.objects.filter(status="published").order_by("-pk").first()
    live = ScoringRound.objects.filter(status="closed").order_by("-pk").first()
    assert published and live
    for scoring_round in (published, live):
        scoring_round = ScoringRound.objects.select_related(
            "cluster__emulation_year", "pledge_version"
        ).get(pk=scoring_round.pk)
        assert scans_of_queries(lambda r=scoring_round: queries.scoreboard(r)) == {}


def test_the_consolidation_of_a_year_reads_its_lines_by_index(national_data):
    from thidua.scoring import consolidation
    from thidua.scoring.models import ScoringRound

    rounds = ScoringRound.objects.filter(cluster__emulation_year__year=2025)
    sql, params = consolidation.build_sql(rounds, consolidation.chain_length(rounds))
    assert sequential_scans(sql, params) == []


def test_bulk_eligibility_of_a_department_reads_by_index(national_data):
    from thidua.awards.queries.bulk import eligible_people
    from thidua.organizations.models import Unit

    department = Unit.objects.filter(kind="so_nganh").order_by("pk").first()
    for code in ("lao_dong_tien_tien", "chien_si_thi_dua_co_so"):
        sql, params = eligible_people(department, 2025, code).query.sql_with_params()
        assert sequential_scans(sql, params) == [], code
