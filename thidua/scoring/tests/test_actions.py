"""Every write of scoring: what it does, what it refuses (in Vietnamese, changing nothing), and
the audit row it leaves."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.pledges.tests.factories import build_draft
from thidua.scoring import actions
from thidua.scoring.models import (
    CrossAssignment,
    CrossScore,
    Evidence,
    RoundStatus,
    RoundUnit,
    ScoreLine,
    ScoringRound,
    UnitResult,
)
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db
D = Decimal


def refused(work, *fragments):
    """Run `work` under Vietnamese and return the error text; it must contain `fragments`."""
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        work()
    text = " ".join(caught.value.messages)
    for fragment in fragments:
        assert fragment in text, text
    return text


def audited(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("pk")


# --- rounds ---------------------------------------------------------------------------------------


def test_a_round_opens_with_a_line_per_member_criterion_and_rule(scoring_round, version):
    assert scoring_round.pledge_version == version and scoring_round.status == RoundStatus.OPEN
    assert RoundUnit.objects.filter(round=scoring_round).count() == 3
    assert ScoreLine.objects.filter(round=scoring_round, criterion__isnull=False).count() == 9
    assert ScoreLine.objects.filter(round=scoring_round, rule__isnull=False).count() == 9
    entry = audited("scoring.round.created")
    assert entry.after["criteria"] == 3 and entry.after["rules"] == 3
    assert "Chấm điểm thi đua năm 2020" in translation.gettext(scoring_round.title) or (
        "2020" in scoring_round.title
    )


def test_a_round_needs_a_pledge_signed_by_every_member(cluster, cast):
    build_draft(cluster, cast["leader"])
    refused(
        lambda: actions.create_round(
            cluster=cluster, opens_on=sf.OPENS, closes_on=sf.CLOSES, by=cast["leader"]
        ),
        "chưa được tất cả thành viên ký",
    )
    assert not ScoringRound.objects.exists()


def test_a_cluster_has_one_round(scoring_round, cluster, cast):
    refused(
        lambda: actions.create_round(
            cluster=cluster, opens_on=sf.OPENS, closes_on=sf.CLOSES, by=cast["leader"]
        ),
        "đã có đợt chấm điểm",
    )
    assert ScoringRound.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_on": datetime.date(2020, 11, 1)}, "Ngày kết thúc không được trước ngày bắt đầu"),
        ({"opens_on": datetime.date(2018, 1, 1)}, "diễn ra trong năm 2020 hoặc đầu năm 2021"),
        ({"grace_days": 90}, "từ 0 đến 60"),
        ({"discrepancy_threshold": "-1"}, "không được âm"),
    ],
)
def test_bad_round_settings_are_refused_and_nothing_is_made(
    cluster, cast, tree, version, changes, message
):
    options = {"opens_on": sf.OPENS, "closes_on": sf.CLOSES, **changes}
    refused(lambda: actions.create_round(cluster=cluster, by=cast["leader"], **options), message)
    assert not ScoringRound.objects.exists() and not ScoreLine.objects.exists()


def test_editing_a_round_is_version_checked(scoring_round, cast):
    data = {
        "title": "Chấm điểm thi đua năm 2020",
        "opens_on": sf.OPENS,
        "closes_on": sf.CLOSES,
        "grace_days": 5,
        "discrepancy_threshold": "0,5",
    }
    saved = actions.update_round(scoring_round=scoring_round, version=1, by=cast["leader"], **data)
    assert (saved.grace_days, saved.discrepancy_threshold, saved.version) == (5, D("0.5"), 2)
    assert audited("scoring.round.updated").before["grace_days"] == 2
    with pytest.raises(StaleEditError) as caught:
        actions.update_round(scoring_round=scoring_round, version=1, by=cast["leader"], **data)
    assert caught.value.current.version == 2


def test_closing_is_a_conditional_update(scoring_round, cast):
    actions.close_round(scoring_round=scoring_round, by=cast["leader"])
    assert audited("scoring.round.closed").after["status"] == "closed"
    refused(lambda: actions.close_round(scoring_round=scoring_round, by=cast["leader"]), "đang mở")
    assert AuditEntry.objects.filter(action="scoring.round.closed").count() == 1


# --- self scores --------------------------------------------------------------------------------


def test_a_target_is_scored_by_its_rule_and_audited(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    saved = actions.save_self_score(
        line=line,
        version=line.version,
        value="90",
        note="Đạt 90%",
        by=cast["member"],
        today=sf.DURING,
    )
    stored = ScoreLine.objects.get(pk=line.pk)
    assert (stored.self_value, stored.self_points, stored.version) == (D(90), D("3.6"), 2)
    assert saved.version == 2 and stored.self_by == cast["member"]
    entry = audited("scoring.self_score.saved")
    assert entry.before["self_points"] is None and entry.after["self_points"] == "3.60"
    assert entry.actor == cast["member"] and entry.unit_id == tree["d3"].pk


@pytest.mark.parametrize(
    ("today", "message"),
    [
        (datetime.date(2020, 11, 30), "bắt đầu từ ngày 01/12/2020"),
        (datetime.date(2020, 12, 18), "Đã quá hạn tự chấm điểm (17/12/2020)"),
    ],
)
def test_self_scoring_is_refused_outside_its_window(scoring_round, tree, cast, today, message):
    line = sf.line(scoring_round, tree["d3"], "2.1")
    refused(
        lambda: actions.save_self_score(
            line=line, version=line.version, choice="yes", by=cast["member"], today=today
        ),
        message,
    )
    assert ScoreLine.objects.get(pk=line.pk).self_points is None


def test_the_grace_period_keeps_self_scoring_open_after_the_closing_date(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "2.1")
    actions.save_self_score(
        line=line,
        version=line.version,
        choice="yes",
        by=cast["member"],
        today=datetime.date(2020, 12, 17),
    )
    assert ScoreLine.objects.get(pk=line.pk).self_points == D(3)


def test_bad_input_changes_nothing(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.2")
    refused(
        lambda: actions.save_self_score(
            line=line, version=line.version, choice="Giỏi", by=cast["member"], today=sf.DURING
        ),
        "Hãy chọn một trong các mức",
    )
    assert ScoreLine.objects.get(pk=line.pk).version == 1
    assert not AuditEntry.objects.filter(action="scoring.self_score.saved").exists()


def test_a_stale_self_score_is_refused_with_the_current_value(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    actions.save_self_score(line=line, version=1, value=95, by=cast["member"], today=sf.DURING)
    with pytest.raises(StaleEditError) as caught:
        actions.save_self_score(line=line, version=1, value=70, by=cast["member"], today=sf.DURING)
    assert caught.value.current.self_value == D(95)
    assert ScoreLine.objects.get(pk=line.pk).self_value == D(95)


def test_a_bonus_rule_is_scored_by_its_occurrences(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], rule_text="Chậm gửi")
    actions.save_self_score(line=line, version=1, value="3", by=cast["member"], today=sf.DURING)
    assert ScoreLine.objects.get(pk=line.pk).self_points == D("1.5")


def test_handing_in_needs_every_criterion_and_the_required_evidence(scoring_round, tree, cast):
    member = RoundUnit.objects.get(round=scoring_round, unit=tree["d3"])
    refused(
        lambda: actions.submit_self_scoring(member=member, by=cast["member"], today=sf.DURING),
        "còn chưa chấm: 1.1, 1.2, 2.1",
    )
    sf.self_score(scoring_round, tree["d3"], cast["member"], **sf.FULL)
    refused(
        lambda: actions.submit_self_scoring(member=member, by=cast["member"], today=sf.DURING),
        "minh chứng mà các tiêu chí này yêu cầu: 1.1, 2.1",
    )
    for code in ("1.1", "2.1"):
        actions.add_evidence(
            line=sf.line(scoring_round, tree["d3"], code),
            upload=sf.pdf(),
            by=cast["member"],
            today=sf.DURING,
        )
    actions.submit_self_scoring(member=member, by=cast["member"], today=sf.DURING)
    assert RoundUnit.objects.get(pk=member.pk).submitted_at is not None
    assert audited("scoring.self_scoring.submitted").unit_id == tree["d3"].pk
    refused(
        lambda: actions.submit_self_scoring(member=member, by=cast["member"], today=sf.DURING),
        "đã nộp",
    )


def test_a_criterion_scored_0_needs_no_evidence(scoring_round, tree, cast):
    sf.self_score(
        scoring_round,
        tree["d3"],
        cast["member"],
        **{"1.1": {"value": 0}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "no"}},
    )
    member = RoundUnit.objects.get(round=scoring_round, unit=tree["d3"])
    actions.submit_self_scoring(member=member, by=cast["member"], today=sf.DURING)


# --- evidence -----------------------------------------------------------------------------------


def test_evidence_is_stored_under_a_random_name_with_its_sniffed_type(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    evidence = actions.add_evidence(
        line=line, upload=sf.pdf("Báo cáo thu ngân sách.pdf"), by=cast["member"], today=sf.DURING
    )
    assert evidence.name == "Báo cáo thu ngân sách.pdf"
    assert evidence.content_type == "application/pdf" and evidence.size == len(sf.PDF)
    assert evidence.file.name.startswith(f"scoring/{scoring_round.pk}/{tree['d3'].pk}/")
    assert "Báo cáo" not in evidence.file.name
    assert audited("scoring.evidence.added").after["name"] == "Báo cáo thu ngân sách.pdf"


def test_a_disguised_or_oversized_file_is_refused_and_nothing_is_stored(
    scoring_round, tree, cast, settings
):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    fake = SimpleUploadedFile("minh-chung.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused(
        lambda: actions.add_evidence(line=line, upload=fake, by=cast["member"], today=sf.DURING),
        "Loại tệp này không được chấp nhận",
    )
    settings.UPLOAD_MAX_BYTES = 10
    refused(
        lambda: actions.add_evidence(
            line=line, upload=sf.pdf(), by=cast["member"], today=sf.DURING
        ),
        "quá lớn",
    )
    assert not Evidence.objects.exists()


def test_removing_evidence_deletes_the_file_after_commit(
    scoring_round, tree, cast, django_capture_on_commit_callbacks
):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    evidence = actions.add_evidence(line=line, upload=sf.pdf(), by=cast["member"], today=sf.DURING)
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_evidence(evidence=evidence, by=cast["member"], today=sf.DURING)
    assert not Evidence.objects.exists() and not storage.exists(name)
    assert audited("scoring.evidence.removed").before["file"] == name


# --- cross-scoring ------------------------------------------------------------------------------


def test_the_default_assignment_is_a_cycle_reproducible_from_the_seed(scoring_round, cast):
    actions.assign_cross_scorers(scoring_round=scoring_round, seed=42, by=cast["leader"])
    first = sorted(CrossAssignment.objects.values_list("scorer_id", "scored_id"))
    actions.assign_cross_scorers(scoring_round=scoring_round, seed=42, by=cast["leader"])
    assert sorted(CrossAssignment.objects.values_list("scorer_id", "scored_id")) == first
    assert len(first) == 3 and all(a != b for a, b in first)
    assert not {(b, a) for a, b in first} & set(first)
    entry = audited("scoring.cross.assigned")
    assert entry.after["seed"] == 42 and entry.before["pairs"] == [list(p) for p in first]


def test_all_to_all_assigns_every_ordered_pair(scoring_round, cast):
    actions.assign_cross_scorers(scoring_round=scoring_round, mode="all", by=cast["leader"])
    assert CrossAssignment.objects.count() == 6
    scoring_round.refresh_from_db()
    assert scoring_round.cross_mode == "all" and scoring_round.cross_seed is None


def test_assignments_are_frozen_once_a_cross_score_exists(scored, tree, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=cast["leader"])
    line = sf.line(scored, tree["d3"], "2.1")
    actions.save_cross_score(
        line=line, scorer=tree["d2"], version=0, choice="no", by=cast["officer"]
    )
    refused(
        lambda: actions.assign_cross_scorers(scoring_round=scored, seed=1, by=cast["leader"]),
        "không thể thay đổi phân công",
    )
    assert CrossAssignment.objects.count() == 6


def test_a_cross_score_that_differs_from_the_self_score_needs_a_reason(scored, tree, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=cast["leader"])
    line = sf.line(scored, tree["d2"], "1.2")  # self: Khá = 2
    refused(
        lambda: actions.save_cross_score(
            line=line, scorer=tree["d3"], version=0, choice="Trung bình", by=cast["member"]
        ),
        "Hãy nêu lý do chấm khác điểm tự chấm (2)",
    )
    same = actions.save_cross_score(
        line=line, scorer=tree["d3"], version=0, choice="Khá", by=cast["member"]
    )
    assert same.points == D(2) and same.reason == ""
    changed = actions.save_cross_score(
        line=line,
        scorer=tree["d3"],
        version=1,
        choice="Trung bình",
        reason="Chưa có báo cáo kết quả hỗ trợ doanh nghiệp",
        by=cast["member"],
    )
    assert (changed.points, changed.version) == (D(1), 2)
    entry = audited("scoring.cross_score.saved")
    assert entry.before["points"] == "2.00" and entry.reason.startswith("Chưa có báo cáo")


def test_only_an_assigned_unit_cross_scores(scored, tree, cast):
    line = sf.line(scored, tree["d2"], "2.1")
    refused(
        lambda: actions.save_cross_score(
            line=line, scorer=tree["d3"], version=0, choice="yes", by=cast["member"]
        ),
        "không được phân công chấm chéo",
    )
    assert not CrossScore.objects.exists()


def test_a_first_cross_score_sent_twice_is_stored_once(scored, tree, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=cast["leader"])
    line = sf.line(scored, tree["d2"], "2.1")
    actions.save_cross_score(
        line=line, scorer=tree["d3"], version=0, choice="yes", by=cast["member"]
    )
    with pytest.raises(StaleEditError) as caught:
        actions.save_cross_score(
            line=line, scorer=tree["d3"], version=0, choice="no", reason="x", by=cast["member"]
        )
    assert caught.value.current.points == D(3)
    assert CrossScore.objects.count() == 1


# --- validation, ties, publication --------------------------------------------------------------


@pytest.fixture
def disputed(scored, tree, cast):
    """d2 cross-scores d3 lower on 1.1 (3,2 instead of 4); d3 cross-scores d1 lower on 1.2."""
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=cast["leader"])
    actions.save_cross_score(
        line=sf.line(scored, tree["d3"], "1.1"),
        scorer=tree["d2"],
        version=0,
        value=80,
        reason="Quyết toán mới đạt 80%",
        by=cast["officer"],
    )
    actions.save_cross_score(
        line=sf.line(scored, tree["d1"], "1.2"),
        scorer=tree["d3"],
        version=0,
        choice="Khá",
        reason="Chỉ đạt mức Khá",
        by=cast["member"],
    )
    return scored


def test_validation_waits_for_the_round_to_close(disputed, tree, cast):
    line = sf.line(disputed, tree["d3"], "1.1")
    refused(
        lambda: actions.validate_score(
            line=line, version=line.version, points=3, reason="x", by=cast["leader"]
        ),
        "sau khi kết thúc tự chấm",
    )


def test_a_validated_score_needs_a_reason_and_stays_within_the_maximum(disputed, tree, cast):
    actions.close_round(scoring_round=disputed, by=cast["leader"])
    line = sf.line(disputed, tree["d3"], "1.1")
    refused(
        lambda: actions.validate_score(
            line=line, version=line.version, points="3,2", reason=" ", by=cast["leader"]
        ),
        "không được để trống",
    )
    refused(
        lambda: actions.validate_score(
            line=line, version=line.version, points=5, reason="x", by=cast["leader"]
        ),
        "không được vượt quá điểm tối đa 4",
    )
    saved = actions.validate_score(
        line=line,
        version=line.version,
        points="3,2",
        reason="Theo báo cáo quyết toán",
        by=cast["leader"],
    )
    assert saved.validated_points == D("3.2")
    entry = audited("scoring.score.validated")
    assert entry.before == {"validated_points": None, "validated_reason": ""}
    assert entry.after["validated_points"] == "3.20" and entry.reason == "Theo báo cáo quyết toán"
    assert entry.actor == cast["leader"]


def test_publication_waits_for_every_discrepancy_then_locks_the_round(disputed, tree, cast):
    actions.close_round(scoring_round=disputed, by=cast["leader"])
    refused(
        lambda: actions.publish_round(scoring_round=disputed, by=cast["leader"]),
        "Còn 2 chênh lệch",
    )
    for unit, code, points in ((tree["d3"], "1.1", "3,2"), (tree["d1"], "1.2", "2,5")):
        line = sf.line(disputed, unit, code)
        actions.validate_score(
            line=line, version=line.version, points=points, reason="Thống nhất", by=cast["leader"]
        )
    published = actions.publish_round(scoring_round=disputed, by=cast["leader"])
    assert published.status == RoundStatus.PUBLISHED and published.published_by == cast["leader"]
    results = list(UnitResult.objects.filter(round=disputed).order_by("rank"))
    assert [r.unit_id for r in results] == [tree["d1"].pk, tree["d2"].pk, tree["d3"].pk]
    assert [r.total for r in results] == [D("9.5"), D(9), D("5.2")]
    assert [r.tie_kind for r in results] == ["", "total", "total"]
    assert results[0].self_total == D(10) and results[0].year == 2020
    assert audited("scoring.round.published").after["ranking"][0]["unit"] == tree["d1"].pk
    # Locked: no score changes any more.
    line = sf.line(disputed, tree["d3"], "2.1")
    refused(
        lambda: actions.validate_score(
            line=line, version=line.version, points=3, reason="x", by=cast["leader"]
        ),
        "đã công bố",
    )
    refused(
        lambda: actions.publish_round(scoring_round=disputed, by=cast["leader"]),
        "Hãy kết thúc tự chấm",
    )
    refused(
        lambda: actions.save_cross_score(
            line=line, scorer=tree["d1"], version=0, choice="yes", by=cast["leader"]
        ),
        "đã công bố",
    )


def test_ties_are_decided_with_a_reason_and_only_between_round_units(scoring_round, tree, cast):
    same = {"1.1": {"value": 100}, "1.2": {"choice": "Tốt"}, "2.1": {"choice": "yes"}}
    sf.score_all(scoring_round, cast, tree, {"d1": same, "d2": same, "d3": same})
    actions.close_round(scoring_round=scoring_round, by=cast["leader"])
    refused(
        lambda: actions.publish_round(scoring_round=scoring_round, by=cast["leader"]),
        "vẫn bằng điểm",
    )
    refused(
        lambda: actions.decide_ties(
            scoring_round=scoring_round,
            orders={tree["d1"].pk: 1, tree["d2"].pk: 1},
            reason="x",
            by=cast["leader"],
        ),
        "không được cùng một thứ tự",
    )
    refused(
        lambda: actions.decide_ties(
            scoring_round=scoring_round, orders={tree["o1"].pk: 1}, reason="x", by=cast["leader"]
        ),
        "không tham gia",
    )
    actions.decide_ties(
        scoring_round=scoring_round,
        orders={tree["d1"].pk: 2, tree["d2"].pk: 1, tree["d3"].pk: 3},
        reason="Biên bản họp Cụm ngày 20/12/2020",
        by=cast["leader"],
    )
    assert audited("scoring.tie.decided").reason == "Biên bản họp Cụm ngày 20/12/2020"
    actions.publish_round(scoring_round=scoring_round, by=cast["leader"])
    ranks = dict(UnitResult.objects.values_list("unit_id", "rank"))
    assert ranks == {tree["d2"].pk: 1, tree["d1"].pk: 2, tree["d3"].pk: 3}
