"""Every write goes through an action that writes its audit row (one test per action)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import AuditEntry
from thidua.pledges import actions, excel, queries

pytestmark = pytest.mark.django_db


def _crit(v):
    return v.criteria.get(code="2.1")


def _rule(v, by):
    return actions.add_rule(pledge_version=v, kind="bonus", text="Mô hình mới", points=1, by=by)


CASES = {
    "pledges.pledge.created": (
        "cluster",
        lambda c, by: actions.create_pledge(cluster=c, title="Giao ước", by=by),
    ),
    "pledges.version.updated": (
        "draft",
        lambda v, by: actions.update_settings(
            pledge_version=v,
            version=v.version,
            title="Giao ước mới",
            scale=10,
            bonus_cap=3,
            penalty_cap=3,
            by=by,
        ),
    ),
    "pledges.key_task.added": (
        "draft",
        lambda v, by: actions.add_key_task(pledge_version=v, text="Nhiệm vụ mới", by=by),
    ),
    "pledges.key_task.updated": (
        "draft",
        lambda v, by: actions.update_key_task(
            task=v.key_tasks.get(), version=1, text="Nhiệm vụ đã sửa", by=by
        ),
    ),
    "pledges.key_task.deleted": (
        "draft",
        lambda v, by: actions.delete_key_task(task=v.key_tasks.get(), by=by),
    ),
    "pledges.group.added": (
        "draft",
        lambda v, by: actions.add_group(pledge_version=v, title="Cải cách hành chính", by=by),
    ),
    "pledges.group.updated": (
        "draft",
        lambda v, by: actions.update_group(
            group=v.groups.first(),
            version=1,
            title="Phát triển kinh tế",
            bonus_cap="",
            penalty_cap="",
            by=by,
        ),
    ),
    "pledges.group.deleted": (
        "draft",
        lambda v, by: actions.delete_group(
            group=actions.add_group(pledge_version=v, title="Nhóm trống", by=by), by=by
        ),
    ),
    "pledges.criterion.added": (
        "draft",
        lambda v, by: (
            actions.delete_criterion(criterion=_crit(v), by=by),
            actions.add_criterion(
                group=v.groups.last(),
                code="2.2",
                text="Tiêu chí mới",
                max_score=3,
                method="free",
                by=by,
            ),
        ),
    ),
    "pledges.criterion.updated": (
        "draft",
        lambda v, by: actions.update_criterion(
            criterion=_crit(v),
            version=1,
            code="2.1",
            text="Không để xảy ra trọng án",
            max_score=3,
            method="yes_no",
            by=by,
        ),
    ),
    "pledges.criterion.deleted": (
        "draft",
        lambda v, by: actions.delete_criterion(criterion=_crit(v), by=by),
    ),
    "pledges.rule.added": ("draft", _rule),
    "pledges.rule.updated": (
        "draft",
        lambda v, by: actions.update_rule(
            rule=_rule(v, by),
            version=1,
            kind="penalty",
            text="Chậm báo cáo",
            points="0,5",
            criterion=None,
            group=None,
            by=by,
        ),
    ),
    "pledges.rule.deleted": ("draft", lambda v, by: actions.delete_rule(rule=_rule(v, by), by=by)),
    "pledges.grades.set": (
        "draft",
        lambda v, by: actions.set_grades(
            pledge_version=v,
            version=v.version,
            grades=[{"label": "Xuất sắc", "min_score": 9}],
            by=by,
        ),
    ),
    "pledges.tie_breaks.set": (
        "draft",
        lambda v, by: actions.set_tie_breaks(
            pledge_version=v, version=v.version, steps=[{"kind": "base"}], by=by
        ),
    ),
    "pledges.criteria.imported": (
        "draft",
        lambda v, by: actions.import_criteria(
            pledge_version=v,
            by=by,
            upload=SimpleUploadedFile(
                "t.xlsx", excel.write_criteria(queries.snapshot(v)["criteria"])
            ),
        ),
    ),
    "pledges.version.opened": (
        "draft",
        lambda v, by: actions.open_for_signing(pledge_version=v, by=by),
    ),
    "pledges.version.withdrawn": (
        "opened",
        lambda v, by: actions.withdraw_from_signing(pledge_version=v, by=by),
    ),
    "pledges.pledge.signed": (
        "opened",
        lambda v, by: actions.sign_pledge(
            pledge_version=v,
            unit=v.pledge.cluster.leader,
            by=by,
            signed_on=datetime.date(2020, 2, 20),
        ),
    ),
    "pledges.pledge.locked": ("opened", "sign as every member"),
    "pledges.amendment.created": (
        "locked",
        lambda v, by: actions.amend_pledge(pledge=v.pledge, reason="Sửa đổi", by=by),
    ),
    "pledges.amendment.discarded": (
        "locked",
        lambda v, by: actions.discard_draft(
            pledge_version=actions.amend_pledge(pledge=v.pledge, reason="Sửa", by=by), by=by
        ),
    ),
    "pledges.pledge.discarded": (
        "draft",
        lambda v, by: actions.discard_draft(pledge_version=v, by=by),
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_every_action_writes_its_audit_row(code, request, cast):
    fixture, run = CASES[code]
    subject = request.getfixturevalue(fixture)
    before = AuditEntry.objects.filter(action=code).count()
    if code == "pledges.pledge.locked":
        for user, unit in request.getfixturevalue("signers"):
            actions.sign_pledge(pledge_version=subject, unit=unit, by=user)
    else:
        run(subject, cast["leader"])
    entries = AuditEntry.objects.filter(action=code)
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.actor in (cast["leader"], cast["member"])
    assert entry.object_type.startswith("pledges.")
    assert entry.before is not None or entry.after is not None
