"""Pledges for tests, built through the actions. Each helper takes the fixtures dict of the
project's permission table ({"tree", "cast", "cluster"}) and returns a primary key; helpers reuse
the cluster's pledge, so rows can call several of them."""

from __future__ import annotations

from thidua.pledges import actions
from thidua.pledges.models import Pledge, PledgeVersion, VersionStatus


def build_draft(cluster, by, *, scale=10, title="Giao ước thi đua năm 2020") -> PledgeVersion:
    """A draft of scale 10: one key task, two groups, three criteria (target, levels, yes/no)."""
    pledge = actions.create_pledge(
        cluster=cluster, title=title, scale=scale, bonus_cap=3, penalty_cap=3, by=by
    )
    version = pledge.versions.get()
    actions.add_key_task(
        pledge_version=version, text="Hoàn thành thắng lợi các chỉ tiêu kinh tế - xã hội", by=by
    )
    economy = actions.add_group(pledge_version=version, title="Kinh tế", by=by)
    security = actions.add_group(pledge_version=version, title="An ninh – quốc phòng", by=by)
    actions.add_criterion(
        group=economy,
        code="1.1",
        text="Hoàn thành chỉ tiêu thu ngân sách được giao",
        max_score="4",
        method="target",
        target_value="100",
        target_unit="%",
        threshold_value="80",
        evidence="Báo cáo quyết toán thu ngân sách",
        by=by,
    )
    actions.add_criterion(
        group=economy,
        code="1.2",
        text="Cải thiện môi trường kinh doanh, hỗ trợ doanh nghiệp",
        max_score="3",
        method="levels",
        levels="Tốt: 3; Khá: 2; Trung bình: 1",
        by=by,
    )
    actions.add_criterion(
        group=security,
        code="2.1",
        text="Không để xảy ra trọng án, tội phạm có tổ chức",
        max_score="3",
        method="yes_no",
        evidence="Báo cáo của Công an quận",
        by=by,
    )
    version.refresh_from_db()
    return version


def _version(f, status: str) -> PledgeVersion:
    cluster, cast, tree = f["cluster"], f["cast"], f["tree"]
    pledge = Pledge.objects.filter(cluster=cluster).first()
    version = (
        pledge.versions.order_by("-number").first()
        if pledge
        else build_draft(cluster, cast["leader"])
    )
    if status != VersionStatus.DRAFT and version.is_draft:
        version = actions.open_for_signing(pledge_version=version, by=cast["leader"])
    if status == VersionStatus.LOCKED and not version.is_locked:
        for user, unit in (
            (cast["leader"], tree["d1"]),
            (cast["officer"], tree["d2"]),
            (cast["member"], tree["d3"]),
        ):
            if not version.signatures.filter(unit=unit).exists():
                actions.sign_pledge(pledge_version=version, unit=unit, by=user)
        version.refresh_from_db()
    return version


def draft(f) -> int:
    return _version(f, VersionStatus.DRAFT).pk


def opened(f) -> int:
    return _version(f, VersionStatus.SIGNING).pk


def pledge(f) -> int:
    return _version(f, VersionStatus.DRAFT).pledge_id


def locked_pledge(f) -> int:
    return _version(f, VersionStatus.LOCKED).pledge_id


def key_task(f) -> int:
    return _version(f, VersionStatus.DRAFT).key_tasks.first().pk


def group(f) -> int:
    return _version(f, VersionStatus.DRAFT).groups.first().pk


def criterion(f) -> int:
    return _version(f, VersionStatus.DRAFT).criteria.first().pk


def rule(f) -> int:
    version = _version(f, VersionStatus.DRAFT)
    found = version.rules.first() or actions.add_rule(
        pledge_version=version, kind="bonus", text="Mô hình mới", points=1, by=None
    )
    return found.pk


EDIT = "L A A A F F F N"  # the leader's and deputy's officers and the board draft
READ = "L A A A A A A N"  # whoever sees the cluster reads
# fmt: off
PERMISSION_ROWS = [
    ("pledges:pledge_list", None, "get", "L A A A A A A A"),
    ("pledges:criteria_template", None, "get", "L A A A A A A A"),
    ("pledges:pledge_create", lambda f: [f["cluster"].pk], "get", EDIT),
    ("pledges:pledge_detail", lambda f: [pledge(f)], "get", READ),
    ("pledges:compare", lambda f: [draft(f), draft(f)], "get", READ),
    ("pledges:criteria_export", lambda f: [draft(f)], "get", READ),
    ("pledges:signed_pledge", lambda f: [draft(f), "docx"], "get", READ),
    ("pledges:amend", lambda f: [locked_pledge(f)], "get", EDIT),
    ("pledges:settings_edit", lambda f: [draft(f)], "get", EDIT),
    ("pledges:running_total", lambda f: [draft(f)], "get", EDIT),
    ("pledges:discard", lambda f: [draft(f)], "get", EDIT),
    ("pledges:open_signing", lambda f: [draft(f)], "get", EDIT),
    ("pledges:withdraw", lambda f: [opened(f)], "get", EDIT),
    ("pledges:sign", lambda f: [opened(f)], "get", "L F A A A F F N"),
    ("pledges:criteria_import", lambda f: [draft(f)], "get", EDIT),
    ("pledges:key_task_add", lambda f: [draft(f)], "get", EDIT),
    ("pledges:key_task_edit", lambda f: [key_task(f)], "get", EDIT),
    ("pledges:key_task_delete", lambda f: [key_task(f)], "get", EDIT),
    ("pledges:group_add", lambda f: [draft(f)], "get", EDIT),
    ("pledges:group_edit", lambda f: [group(f)], "get", EDIT),
    ("pledges:group_delete", lambda f: [group(f)], "get", EDIT),
    ("pledges:criterion_add", lambda f: [group(f)], "get", EDIT),
    ("pledges:criterion_edit", lambda f: [criterion(f)], "get", EDIT),
    ("pledges:criterion_delete", lambda f: [criterion(f)], "get", EDIT),
    ("pledges:rule_add", lambda f: [draft(f)], "get", EDIT),
    ("pledges:rule_edit", lambda f: [rule(f)], "get", EDIT),
    ("pledges:rule_delete", lambda f: [rule(f)], "get", EDIT),
    ("pledges:grades_edit", lambda f: [draft(f)], "get", EDIT),
    ("pledges:tie_breaks_edit", lambda f: [draft(f)], "get", EDIT),
]
# The API endpoints of pledges:
API_PERMISSION_ROWS = [
    ("api:list_pledges", None, "get", "L A A A A A A A"),
    ("api:get_pledge", lambda f: [pledge(f)], "get", READ),
    ("api:get_version_in_force", lambda f: [locked_pledge(f)], "get", READ),
    ("api:get_version", lambda f: [draft(f)], "get", READ),
    ("api:diff_versions", lambda f: [draft(f), draft(f)], "get", READ),
    # The body "{}" lacks unit_id: every signed-in role gets 400 before any object is read.
    ("api:sign_version", lambda f: [opened(f)], "post", "L A A A A A A A"),
]
# fmt: on
