"""Building a pledge: totals against the scale, caps, bad input, stale edits, drafts only."""

import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.pledges import actions, queries
from thidua.pledges.models import Criterion, GradeThreshold, Pledge, PledgeVersion

pytestmark = pytest.mark.django_db


def _state():
    return (
        Pledge.objects.count(),
        PledgeVersion.objects.count(),
        list(Criterion.objects.order_by("pk").values_list("code", "text", "max_score")),
        AuditEntry.objects.count(),
    )


def _add(group, by, **fields):
    base = {"code": "9.9", "text": "Tiêu chí thử", "max_score": "1", "method": "free"}
    return actions.add_criterion(group=group, by=by, **{**base, **fields})


def test_creating_a_pledge_takes_the_theme_of_the_year(cluster, cast):
    pledge = actions.create_pledge(cluster=cluster, title="Giao ước 2020", by=cast["leader"])
    version = pledge.versions.get()
    assert version.number == 1 and version.is_draft and version.scale == 100
    assert version.theme == cluster.emulation_year.theme


def test_a_cluster_has_one_pledge(cluster, cast, draft):
    with pytest.raises(ValidationError) as exc:
        actions.create_pledge(cluster=cluster, title="Giao ước khác", by=cast["board"])
    assert "đã có giao ước" in str(exc.value)


def test_totals_must_not_exceed_the_scale(draft, cast):
    group = draft.groups.first()
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _add(group, cast["leader"], max_score="0,5")
    assert "10,5" in str(exc.value) and "thang điểm 10" in str(exc.value)
    assert _state() == before


def test_totals_must_match_the_scale_before_signing(cluster, cast):
    pledge = actions.create_pledge(cluster=cluster, title="Giao ước", scale=10, by=cast["leader"])
    version = pledge.versions.get()
    group = actions.add_group(pledge_version=version, title="Kinh tế", by=cast["leader"])
    _add(group, cast["leader"], max_score="7")
    before = _state()
    with pytest.raises(ValidationError) as exc:
        actions.open_for_signing(pledge_version=version, by=cast["leader"])
    assert "Tổng điểm tối đa là 7, không bằng thang điểm 10" in str(exc.value)
    assert _state() == before
    version.refresh_from_db()
    assert version.is_draft


def test_running_total_counts_an_edited_criterion_once(draft):
    criterion = draft.criteria.get(code="1.1")
    total = queries.running_total(draft, criterion_id=criterion.pk, max_score=Decimal("5"))
    assert total == {"total": Decimal("11"), "scale": 10, "matches": False}
    assert queries.running_total(draft)["matches"] is True


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("text", "   ", "không được để trống"),
        ("max_score", "-2", "không được âm"),
        ("max_score", "mười", "Nhập một số"),
        ("max_score", "0", "lớn hơn 0"),
        ("max_score", "1,234", "hai chữ số thập phân"),
        ("code", "", "không được để trống"),
        ("method", "bốc thăm", "Chọn cách chấm"),
    ],
)
def test_bad_criterion_input_gets_a_vietnamese_message_and_changes_nothing(
    draft, cast, field, value, message
):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _add(
            draft.groups.first(),
            cast["leader"],
            **{field: value, "code": "1.3"} | ({"code": value} if field == "code" else {}),
        )
    assert field in exc.value.error_dict
    assert message in str(exc.value.error_dict[field])
    assert _state() == before


def test_a_target_criterion_needs_its_target_and_unit(draft, cast):
    with pytest.raises(ValidationError) as exc:
        _add(draft.groups.first(), cast["leader"], method="target", max_score="0,5")
    assert {"target_value", "target_unit"} <= set(exc.value.error_dict)


def test_graded_levels_must_reach_the_maximum(draft, cast):
    with pytest.raises(ValidationError) as exc:
        _add(draft.groups.first(), cast["leader"], method="levels", levels="Tốt: 0,5; Khá: 0,2")
    assert "điểm tối đa" in str(exc.value.error_dict["levels"])


def test_nfd_text_is_stored_in_nfc(draft, cast):
    actions.update_settings(
        pledge_version=draft, version=draft.version, title=draft.title, scale=20, by=cast["leader"]
    )
    group = draft.groups.first()
    nfd = unicodedata.normalize("NFD", "  Giữ   gìn trật tự đô thị ")
    criterion = _add(group, cast["leader"], text=nfd, max_score="0,5", code="1.3")
    assert criterion.text == "Giữ gìn trật tự đô thị"
    assert unicodedata.is_normalized("NFC", criterion.text)


def test_a_code_is_used_once_per_pledge(draft, cast):
    with pytest.raises(ValidationError) as exc:
        _add(draft.groups.first(), cast["leader"], code="1.1", max_score="0,5")
    assert "1.1" in str(exc.value.error_dict["code"])


# --- caps ---------------------------------------------------------------------------------------


def test_a_rule_cannot_give_more_than_the_pledge_cap(draft, cast):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        actions.add_rule(
            pledge_version=draft, kind="bonus", text="Mô hình mới", points="4", by=cast["leader"]
        )
    assert "vượt mức trần" in str(exc.value.error_dict["points"])
    assert _state() == before


def test_a_criterion_cap_must_fit_in_its_group_cap(draft, cast):
    group = draft.groups.get(title="Kinh tế")
    v = actions.update_group(
        group=group,
        version=group.version,
        title=group.title,
        bonus_cap="1",
        penalty_cap="",
        by=cast["leader"],
    )
    criterion = draft.criteria.get(code="1.1")
    with pytest.raises(ValidationError) as exc:
        actions.update_criterion(
            criterion=criterion,
            version=criterion.version,
            by=cast["leader"],
            code="1.1",
            text=criterion.text,
            max_score="4",
            method="target",
            target_value="100",
            target_unit="%",
            bonus_cap="2",
        )
    assert "trần điểm thưởng của tiêu chí 1.1" in str(exc.value.error_dict["bonus_cap"])
    criterion.refresh_from_db()
    assert criterion.bonus_cap is None and v.bonus_cap == 1


def test_lowering_the_pledge_cap_below_a_rule_is_refused(draft, cast):
    actions.add_rule(
        pledge_version=draft, kind="penalty", text="Chậm báo cáo", points="2", by=cast["leader"]
    )
    with pytest.raises(ValidationError) as exc:
        actions.update_settings(
            pledge_version=draft,
            version=draft.version,
            title=draft.title,
            scale=10,
            bonus_cap=3,
            penalty_cap=1,
            by=cast["leader"],
        )
    assert "penalty_cap" in exc.value.error_dict
    draft.refresh_from_db()
    assert draft.penalty_cap == 3


def test_capped_total_bounds_points_by_criterion_group_and_pledge(draft, cast):
    from thidua.pledges.caps import capped_total

    leader = cast["leader"]
    economy = draft.groups.get(title="Kinh tế")
    actions.update_group(
        group=economy,
        version=economy.version,
        title="Kinh tế",
        bonus_cap="2",
        penalty_cap="",
        by=leader,
    )
    c11 = draft.criteria.get(code="1.1")
    actions.update_criterion(
        criterion=c11,
        version=c11.version,
        by=leader,
        code="1.1",
        text=c11.text,
        max_score="4",
        method="target",
        target_value="100",
        target_unit="%",
        bonus_cap="1",
    )
    on_criterion = actions.add_rule(
        pledge_version=draft, kind="bonus", text="Vượt thu", points="1", criterion=c11, by=leader
    )
    on_group = actions.add_rule(
        pledge_version=draft, kind="bonus", text="Mô hình", points="2", group=economy, by=leader
    )
    whole = actions.add_rule(
        pledge_version=draft, kind="bonus", text="Khen thưởng", points="1", by=leader
    )
    caps = queries.caps_of(draft, "bonus")
    # 3 on the criterion → 1; + 2 on the group → 3, capped at 2; + 2 pledge-wide → 4, capped at 3.
    awarded = {on_criterion.pk: Decimal(3), on_group.pk: Decimal(2), whole.pk: Decimal(2)}
    assert capped_total(caps, awarded) == Decimal(3)
    assert capped_total(caps, {on_criterion.pk: Decimal(3)}) == Decimal(1)


# --- stale edits, drafts only -------------------------------------------------------------------


def test_a_stale_criterion_edit_is_refused(draft, cast):
    criterion = draft.criteria.get(code="2.1")
    fields = dict(code="2.1", text="Không để xảy ra trọng án", max_score="3", method="yes_no")
    actions.update_criterion(criterion=criterion, version=1, by=cast["leader"], **fields)
    with pytest.raises(StaleEditError):
        actions.update_criterion(
            criterion=criterion, version=1, by=cast["officer"], **{**fields, "text": "Khác"}
        )
    criterion.refresh_from_db()
    assert criterion.text == "Không để xảy ra trọng án" and criterion.version == 2


def test_a_stale_settings_edit_is_refused(draft, cast):
    kwargs = dict(title="Giao ước mới", scale=10, bonus_cap=3, penalty_cap=3, by=cast["leader"])
    actions.update_settings(pledge_version=draft, version=draft.version, **kwargs)
    with pytest.raises(StaleEditError):
        actions.update_settings(pledge_version=draft, version=draft.version, **kwargs)


def test_a_version_open_for_signing_cannot_be_edited(opened, cast):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _add(opened.groups.first(), cast["leader"], code="1.3")
    assert "Chỉ sửa được bản dự thảo" in str(exc.value)
    assert _state() == before


def test_grades_must_go_down_and_stay_within_the_scale(draft, cast):
    bad = [
        {"label": "Xuất sắc", "min_score": "9"},
        {"label": "Tốt", "min_score": "9,5"},
    ]
    with pytest.raises(ValidationError) as exc:
        actions.set_grades(
            pledge_version=draft, version=draft.version, grades=bad, by=cast["leader"]
        )
    assert "từ cao xuống thấp" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        actions.set_grades(
            pledge_version=draft,
            version=draft.version,
            grades=[{"label": "Xuất sắc", "min_score": "95"}],
            by=cast["leader"],
        )
    assert "vượt thang điểm" in str(exc.value)
    assert not GradeThreshold.objects.exists()


def test_grades_are_stored_as_data_for_scoring(draft, cast):
    grades = [
        {"label": "Xuất sắc", "min_score": "9,5", "excluded_by_zero_criterion": True},
        {"label": "Tốt", "min_score": "8,5", "excluded_by_zero_criterion": True},
        {"label": "Khá", "min_score": "7,5"},
    ]
    actions.set_grades(
        pledge_version=draft, version=draft.version, grades=grades, by=cast["leader"]
    )
    stored = list(draft.grades.values_list("label", "min_score", "excluded_by_zero_criterion"))
    assert stored == [
        ("Xuất sắc", Decimal("9.5"), True),
        ("Tốt", Decimal("8.5"), True),
        ("Khá", Decimal("7.5"), False),
    ]


def test_the_assessing_body_can_only_end_the_tie_break_chain(draft, cast):
    steps = [{"kind": "body"}, {"kind": "base"}]
    with pytest.raises(ValidationError) as exc:
        actions.set_tie_breaks(
            pledge_version=draft, version=draft.version, steps=steps, by=cast["leader"]
        )
    assert "bước cuối" in str(exc.value)
    group = draft.groups.first()
    actions.set_tie_breaks(
        pledge_version=draft,
        version=draft.version,
        steps=[{"kind": "base"}, {"kind": "group", "group_id": group.pk}, {"kind": "body"}],
        by=cast["leader"],
    )
    assert list(draft.tie_breaks.values_list("kind", "group_id")) == [
        ("base", None),
        ("group", group.pk),
        ("body", None),
    ]


def test_a_group_with_criteria_cannot_be_deleted(draft, cast):
    with pytest.raises(ValidationError):
        actions.delete_group(group=draft.groups.first(), by=cast["leader"])
    assert draft.groups.count() == 2


def test_discarding_the_original_draft_deletes_the_pledge(draft, cast):
    actions.discard_draft(pledge_version=draft, by=cast["leader"])
    assert not Pledge.objects.exists() and not Criterion.objects.exists()
    assert AuditEntry.objects.filter(action="pledges.pledge.discarded").count() == 1
