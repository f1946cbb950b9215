"""Demo pledges, built through the actions as the demo officers. Idempotent: a cluster that already
has a pledge is left alone.

- Cụm IX 2020 (seed 000): theme and key tasks from the seed; groups follow its movements; the
  criteria are sample; signed by the six districts on 20/02/2020 and locked.
- Cầu Giấy wards 2018 (seed 002): 08 key tasks, 04 content groups, 35 criteria (sample texts),
  scale 100; signed by the 8 wards on 26/01/2018 and locked.
- Cụm 4 2019 (seed 003): key tasks and the rule of one thematic emulation or new model per
  member; the seed gives no criteria, so it stays a draft for the leader to complete.
"""

from __future__ import annotations

import datetime

from thidua.accounts.models import Role, RoleAssignment
from thidua.clusters.queries import members_in_vietnamese_order

from . import actions, demo_data
from .models import Pledge, PledgeVersion


def _officers(units) -> dict:
    """unit id → the demo user who is its officer (each member unit has one)."""
    rows = RoleAssignment.objects.filter(unit__in=units, role=Role.UNIT_OFFICER).select_related(
        "user"
    )
    return {r.unit_id: r.user for r in rows.order_by("pk")}


def _build(cluster, by, *, title, commitments, key_tasks, groups, sample_tasks, sample_groups):
    pledge = actions.create_pledge(
        cluster=cluster,
        title=title,
        scale=100,
        commitments=commitments,
        bonus_cap=3,
        penalty_cap=3,
        by=by,
    )
    version = pledge.versions.get()
    for text in key_tasks:
        actions.add_key_task(pledge_version=version, text=text, by=by, is_sample=sample_tasks)
    criteria = {}
    for group_title, rows in groups:
        group = actions.add_group(
            pledge_version=version, title=group_title, by=by, is_sample=sample_groups
        )
        for code, text, max_score, method, extra in rows:
            criteria[code] = actions.add_criterion(
                group=group,
                code=code,
                text=text,
                max_score=max_score,
                method=method,
                by=by,
                is_sample=True,
                **extra,
            )
    return version, criteria


def _settle(version: PledgeVersion, by, criteria: dict, rules: list) -> PledgeVersion:
    """Sample rules, grades and tie-breaks (the regulations.md model), then open for signing."""
    for kind, text, points, code in rules:
        actions.add_rule(
            pledge_version=version,
            kind=kind,
            text=text,
            points=points,
            criterion=criteria.get(code),
            by=by,
            is_sample=True,
        )
    version.refresh_from_db()
    actions.set_grades(
        pledge_version=version, version=version.version, grades=demo_data.GRADES, by=by
    )
    version.refresh_from_db()
    actions.set_tie_breaks(
        pledge_version=version, version=version.version, steps=demo_data.TIE_BREAKS, by=by
    )
    PledgeVersion.objects.filter(pk=version.pk).update(is_sample=True)
    return actions.open_for_signing(pledge_version=version, by=by)


def _sign_all(version: PledgeVersion, day: datetime.date) -> None:
    members = list(members_in_vietnamese_order(version.pledge.cluster))
    officers = _officers(members)
    for unit in members:
        actions.sign_pledge(pledge_version=version, unit=unit, by=officers[unit.pk], signed_on=day)


def seed(ctx: dict) -> None:
    """ctx["pledges"]: "ix", "wards", "cum4" → Pledge."""
    clusters, users = ctx["clusters"], ctx["users"]
    made: dict = {}

    ix = clusters["ix"]
    if not Pledge.objects.filter(cluster=ix).exists():
        by = users["caugiay"]
        version, criteria = _build(
            ix,
            by,
            title=demo_data.IX_TITLE,
            commitments=demo_data.IX_COMMITMENTS,
            key_tasks=demo_data.IX_KEY_TASKS,
            groups=demo_data.IX_GROUPS,
            sample_tasks=False,
            sample_groups=True,
        )
        version = _settle(version, by, criteria, demo_data.RULES + demo_data.IX_CRITERION_RULES)
        _sign_all(version, datetime.date(2020, 2, 20))

    wards = clusters["wards"]
    if not Pledge.objects.filter(cluster=wards).exists():
        by = users["maidich"]
        version, criteria = _build(
            wards,
            by,
            title=demo_data.WARDS_TITLE,
            commitments=demo_data.WARDS_COMMITMENTS,
            key_tasks=demo_data.WARDS_KEY_TASKS,
            groups=demo_data.WARDS_GROUPS,
            sample_tasks=True,
            sample_groups=False,
        )
        version = _settle(version, by, criteria, demo_data.RULES)
        _sign_all(version, datetime.date(2018, 1, 26))

    cum4 = clusters["cum4"]
    if not Pledge.objects.filter(cluster=cum4).exists():
        by = users["ccb"]
        pledge = actions.create_pledge(
            cluster=cum4,
            title=demo_data.CUM4_TITLE,
            scale=100,
            commitments=demo_data.CUM4_COMMITMENTS,
            by=by,
        )
        for text in demo_data.CUM4_KEY_TASKS:
            actions.add_key_task(pledge_version=pledge.versions.get(), text=text, by=by)

    for name in ("ix", "wards", "cum4"):
        made[name] = Pledge.objects.get(cluster=clusters[name])
    ctx["pledges"] = made
