"""Objects of the campaigns app for tests elsewhere (the project's permission table).

Each helper takes the fixtures dict f = {"tree", "cast", "cluster"} and returns a primary key:
a movement of the city, a peak campaign of d1 with a target and a report of d1, a planned
cross-inspection d2 → d3 in the cluster, an exemplar (ward w1, recognised by d1) and a reminder
notification for the member (officer of d3).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from thidua.campaigns import actions
from thidua.campaigns.models import (
    Exemplar,
    Inspection,
    Movement,
    Notification,
    PeakCampaign,
    ProgressReport,
    Target,
)

D = datetime.date


def movement(f) -> int:
    found = Movement.objects.filter(launched_by=f["tree"]["city"]).first()
    return (
        found
        or actions.create_movement(
            launched_by=f["tree"]["city"],
            name="Toàn dân bảo vệ an ninh Tổ quốc",
            kind="chuyen_de",
            start_year=2020,
            years=3,
            by=None,
        )
    ).pk


def campaign(f) -> int:
    found = PeakCampaign.objects.filter(launched_by=f["tree"]["d1"]).first()
    return (
        found
        or actions.create_campaign(
            launched_by=f["tree"]["d1"],
            name="Đợt thi đua cao điểm kỷ niệm 1010 năm Thăng Long - Hà Nội",
            starts_on=D(2020, 9, 16),
            ends_on=D(2020, 10, 16),
            plan_number="172/KH-UBND",
            plan_date=D(2020, 9, 7),
            by=None,
        )
    ).pk


def target(f) -> int:
    owner = PeakCampaign.objects.get(pk=campaign(f))
    found = Target.objects.filter(campaign=owner).first()
    return (
        found
        or actions.add_target(
            owner=owner,
            name="Hoàn thành các chỉ tiêu kinh tế - xã hội năm 2020",
            measure="percent",
            goal=Decimal(80),
            by=None,
        )
    ).pk


def report(f) -> int:
    goal = Target.objects.select_related("campaign__launched_by").get(pk=target(f))
    found = ProgressReport.objects.filter(target=goal, unit=f["tree"]["d1"]).first()
    return (
        found
        or actions.report_progress(
            target=goal, unit=f["tree"]["d1"], as_of=D(2020, 9, 30), value=Decimal(72), by=None
        )
    ).pk


def inspection(f) -> int:
    found = Inspection.objects.filter(cluster=f["cluster"]).first()
    return (
        found
        or actions.plan_inspection(
            cluster=f["cluster"],
            inspecting=f["tree"]["d2"],
            inspected=f["tree"]["d3"],
            planned_on=D(2020, 11, 20),
            by=None,
        )
    ).pk


def exemplar(f) -> int:
    found = Exemplar.objects.filter(recognised_by=f["tree"]["d1"]).first()
    return (
        found
        or actions.recognise_exemplar(
            recognised_by=f["tree"]["d1"],
            unit=f["tree"]["w1"],
            recognised_on=D(2020, 10, 20),
            achievement="Hoàn thành vượt mức các chỉ tiêu",
            by=None,
        )
    ).pk


def member_notification(f) -> int:
    """A registration reminder addressed to the member (officer of d3, not yet registered)."""
    mine = Notification.objects.filter(recipient=f["cast"]["member"])
    if not mine.exists():
        actions.send_registration_reminders(cluster=f["cluster"], by=None)
    return mine.first().pk
