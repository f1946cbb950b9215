"""Fixtures of the campaigns tests, on top of the project's tree, cast and cluster.

The cluster (members d1 leader, d2 deputy, d3; year 2020 of the city) is the project's; here come a
movement of the city, a peak campaign of d1 (Ba Đình's shape: 16/9–16/10/2020, plan 172/KH-UBND
ngày 07/9/2020, 80% target), a registration rule and a frozen "today".
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from thidua.campaigns import actions

D = datetime.date


@pytest.fixture
def on_day():
    """on_day(date): freeze today (Asia/Ho_Chi_Minh noon) for the rest of the test."""
    travellers = []

    def freeze(day: datetime.date):
        traveller = time_machine.travel(
            datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def movement(tree, cast):
    return actions.create_movement(
        launched_by=tree["city"],
        name="Toàn dân bảo vệ an ninh Tổ quốc",
        kind="chuyen_de",
        start_year=2020,
        years=3,
        by=cast["board"],
    )


@pytest.fixture
def cluster_movement(tree, cast, cluster):
    return actions.create_movement(
        launched_by=tree["d1"],
        cluster=cluster,
        name="Doanh nghiệp Thủ đô hội nhập và phát triển",
        kind="chuyen_de",
        start_year=2020,
        by=cast["board"],
    )


@pytest.fixture
def campaign(tree, cast):
    return actions.create_campaign(
        launched_by=tree["d1"],
        name="Đợt thi đua cao điểm kỷ niệm 1010 năm Thăng Long - Hà Nội",
        occasion="kỷ niệm 1010 năm Thăng Long - Hà Nội",
        starts_on=D(2020, 9, 16),
        ends_on=D(2020, 10, 16),
        plan_number="172/KH-UBND",
        plan_date=D(2020, 9, 7),
        by=cast["board"],
    )


@pytest.fixture
def target(campaign, cast):
    return actions.add_target(
        owner=campaign,
        name="Hoàn thành các chỉ tiêu kinh tế - xã hội năm 2020",
        measure="percent",
        goal=Decimal(80),
        by=cast["board"],
    )


@pytest.fixture
def rule(cluster, cast):
    """At least 2 thematic emulations or new models per member, by 15/3/2020."""
    return actions.set_registration_rule(
        cluster=cluster, min_models=2, deadline=D(2020, 3, 15), by=cast["leader"]
    )


@pytest.fixture
def emails(cast):
    for name in ("leader", "officer", "member", "board"):
        cast[name].email = f"{name}@example.vn"
        cast[name].save(update_fields=["email"])
    return cast
