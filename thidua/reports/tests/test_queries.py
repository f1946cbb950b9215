"""The report's figures: set-wise, within the scope, in a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.awards.models import AwardType
from thidua.organizations.tests.factories import PersonFactory
from thidua.reports import queries
from thidua.reports import report as report_module
from thidua.reports.queries import cluster_scope, unit_scope

from .conftest import give

pytestmark = pytest.mark.django_db


def test_awards_by_title_and_form_count_individuals_and_collectives_under_the_unit(tree, awards):
    lines = queries.awards_by_type(unit_scope(tree["city"], 2024))
    got = {(line.name, line.individuals, line.collectives) for line in lines}
    assert got == {
        ("Lao động tiên tiến", 1, 0),
        ("Chiến sĩ thi đua cơ sở", 1, 0),
        ("Cờ thi đua của Ủy ban nhân dân Thành phố", 0, 2),
        ("Huân chương Lao động hạng Ba", 0, 1),
    }
    # titles (danh hiệu) come before forms (hình thức)
    assert lines[-1].name == "Huân chương Lao động hạng Ba"


def test_a_district_sees_only_its_own_subtree(tree, awards):
    d1 = unit_scope(tree["d1"], 2024)
    lines = queries.awards_by_type(d1)
    # the woman of Mai Dịch (a ward under Cầu Giấy) is counted for Cầu Giấy too
    assert [(line.name, line.total) for line in lines] == [
        ("Chiến sĩ thi đua cơ sở", 1),
        ("Huân chương Lao động hạng Ba", 1),
    ]
    assert queries.awards_by_sex(d1) == {"women": 1, "men": 0, "unknown": 0, "collectives": 1}


def test_by_level_and_by_sex(tree, awards):
    scope = unit_scope(tree["city"], 2024)
    assert queries.awards_by_level(scope) == [
        ("Cấp Nhà nước", 0, 1),
        ("Cấp bộ, ngành, tỉnh", 0, 2),
        ("Cấp cơ sở", 2, 0),
    ]
    assert queries.awards_by_sex(scope) == {"women": 1, "men": 1, "unknown": 0, "collectives": 3}


def test_year_over_year_counts_titles_and_forms(tree, awards):
    years = queries.awards_by_year(unit_scope(tree["city"], 2024))
    assert years == [(2020, 0, 0), (2021, 0, 0), (2022, 0, 0), (2023, 0, 1), (2024, 4, 1)]


def test_bonus_is_the_multiple_times_the_base_salary_on_the_decision_date(tree, awards):
    bonus = queries.bonus_owed(unit_scope(tree["city"], 2024), today=datetime.date(2025, 6, 1))
    amounts = {(line.name, line.subject_kind): (line.count, line.amount) for line in bonus.lines}
    assert amounts == {
        ("Lao động tiên tiến", "individual"): (1, 702_000),
        ("Chiến sĩ thi đua cơ sở", "individual"): (1, 2_340_000),
        ("Cờ thi đua của Ủy ban nhân dân Thành phố", "collective"): (2, 37_440_000),
        ("Huân chương Lao động hạng Ba", "collective"): (1, 21_060_000),
    }
    assert bonus.total == 61_542_000
    assert bonus.unpriced == 0
    assert bonus.base_salary.amount == 2_340_000  # in force at the end of 2024 (from 01/7)


def test_an_award_before_any_base_salary_is_reported_as_unpriced(tree, awards):
    bonus = queries.bonus_owed(unit_scope(tree["city"], 2023), today=datetime.date(2025, 6, 1))
    assert [(line.count, line.priced, line.amount) for line in bonus.lines] == [(1, 0, 0)]
    assert bonus.unpriced == 1 and bonus.total == 0


def test_the_report_reads_in_a_bounded_number_of_queries(tree, awards):
    scope = unit_scope(tree["city"], 2024)
    with CaptureQueriesContext(connection) as few:
        report_module.build(scope)
    decision = AwardType.objects.get(code="lao_dong_tien_tien")
    from thidua.awards.models import Decision

    more = Decision.objects.get(number="15/QĐ-UBND")
    for i in range(30):
        give(
            more, PersonFactory(unit=tree["d3"], sex="nu" if i % 2 else "nam"), decision.code, 2024
        )
    with CaptureQueriesContext(connection) as many:
        built = report_module.build(scope)
    assert len(many) == len(few) <= 12
    assert built.sexes["women"] == 1 + 15


def test_a_cluster_report_covers_its_members(cluster, tree, awards):
    scope = cluster_scope(cluster)
    assert scope.year == 2020
    scope = queries.Scope(name=scope.name, year=2024, paths=scope.paths, cluster=cluster)
    lines = queries.awards_by_type(scope)
    assert sum(line.total for line in lines) == 5  # d1, d2, d3, the woman of w1, the man of d2
