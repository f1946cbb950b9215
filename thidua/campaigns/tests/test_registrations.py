import datetime
import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from thidua.campaigns import actions, queries
from thidua.campaigns.catalog import AWARD_CODES, REGISTRABLE_AWARDS
from thidua.campaigns.models import RegisteredModel, RegisteredTitle, Registration, RegistrationRule
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date
NEW, THEMATIC = "mo_hinh_moi", "chuyen_de"


def _counts():
    return (
        Registration.objects.count(),
        RegisteredTitle.objects.count(),
        RegisteredModel.objects.count(),
        AuditEntry.objects.count(),
    )


def _register(cluster, unit, *, titles=("tap_the_lao_dong_xuat_sac",), models=(), by=None):
    return actions.register_for_emulation(
        cluster=cluster, unit=unit, titles=list(titles), models=list(models), by=by
    )


def test_the_leader_sets_the_rule_and_changes_it_with_the_version(cluster, cast, on_day):
    rule = actions.set_registration_rule(
        cluster=cluster,
        min_models=1,
        deadline=D(2020, 3, 15),
        note="Ít nhất 1 mô hình",
        by=cast["leader"],
    )
    assert AuditEntry.objects.get(action="campaigns.registration_rule.set").after["min_models"] == 1
    actions.set_registration_rule(
        cluster=cluster, min_models=3, deadline=D(2020, 3, 31), version=1, by=cast["officer"]
    )
    with pytest.raises(StaleEditError):
        actions.set_registration_rule(
            cluster=cluster, min_models=5, deadline=None, version=1, by=cast["leader"]
        )
    with pytest.raises(StaleEditError):  # a second "create" while one exists
        actions.set_registration_rule(cluster=cluster, min_models=5, deadline=None, by=None)
    rule.refresh_from_db()
    assert (rule.min_models, rule.deadline, rule.version) == (3, D(2020, 3, 31), 2)
    entry = AuditEntry.objects.get(action="campaigns.registration_rule.updated")
    assert (entry.before["min_models"], entry.after["min_models"]) == (1, 3)


@pytest.mark.parametrize(
    ("min_models", "deadline", "field"),
    [(-1, None, "min_models"), (51, None, "min_models"), (1, D(2018, 12, 31), "deadline")],
)
def test_a_rule_that_makes_no_sense_is_refused(cluster, min_models, deadline, field):
    with pytest.raises(ValidationError) as exc:
        actions.set_registration_rule(
            cluster=cluster, min_models=min_models, deadline=deadline, by=None
        )
    assert field in exc.value.message_dict
    assert not RegistrationRule.objects.exists()


def test_without_a_rule_the_minimum_is_one_and_there_is_no_deadline(cluster):
    rule = queries.rule_for(cluster)
    assert (rule.pk, rule.min_models, rule.deadline) == (None, 1, None)


def test_a_registration_is_audited_with_its_titles_and_models(cluster, tree, cast):
    reg = _register(
        cluster,
        tree["d2"],
        titles=["co_thi_dua_cap_tinh"],
        models=[(NEW, "Mô hình “Tuyến phố văn minh”"), (THEMATIC, "Chuyên đề cải cách hành chính")],
        by=cast["officer"],
    )
    assert [t.code for t in reg.titles.all()] == ["co_thi_dua_cap_tinh"]
    entry = AuditEntry.objects.get(action="campaigns.registration.created")
    assert entry.after["titles"] == ["co_thi_dua_cap_tinh"]
    assert entry.after["models"][0] == [NEW, "Mô hình “Tuyến phố văn minh”"]
    assert entry.actor == cast["officer"] and entry.unit == tree["d2"]


def test_registrations_below_the_clusters_minimum_are_flagged(cluster, tree, rule, on_day):
    on_day(D(2020, 3, 1))
    _register(cluster, tree["d1"], models=[(NEW, "Mô hình A"), (THEMATIC, "Chuyên đề B")])
    _register(cluster, tree["d2"], models=[(NEW, "Mô hình C")])
    rows = {r.unit.short_name: r for r in queries.registration_status(cluster)}
    assert (rows["Cầu Giấy"].below_minimum, rows["Cầu Giấy"].needs_reminder) == (False, False)
    assert (rows["Thanh Xuân"].below_minimum, rows["Thanh Xuân"].model_count) == (True, 1)
    assert (rows["Hà Đông"].missing, rows["Hà Đông"].below_minimum) == (True, False)
    assert [r.unit.short_name for r in queries.registration_status(cluster)] == [
        "Cầu Giấy",
        "Hà Đông",
        "Thanh Xuân",
    ]


def test_registering_after_the_deadline_is_refused_and_changes_nothing(cluster, tree, rule, on_day):
    on_day(D(2020, 3, 16))
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _register(cluster, tree["d3"], models=[(NEW, "Mô hình A")])
    assert exc.value.messages == ["Đã quá hạn đăng ký (15/03/2020); không nhận đăng ký nữa."]
    assert _counts() == before


def test_registering_on_the_deadline_day_is_still_accepted(cluster, tree, rule, on_day):
    on_day(D(2020, 3, 15))
    assert _register(cluster, tree["d3"], models=[(NEW, "Mô hình A")]).pk


def test_editing_a_registration_after_the_deadline_is_refused(cluster, tree, rule, on_day):
    on_day(D(2020, 3, 1))
    reg = _register(cluster, tree["d3"], models=[(NEW, "Mô hình A")])
    on_day(D(2020, 4, 1))
    with pytest.raises(ValidationError):
        actions.update_registration(
            registration=reg, version=1, titles=[], models=[(NEW, "Mô hình B")], by=None
        )
    assert [m.name for m in reg.new_models.all()] == ["Mô hình A"]


def test_a_registration_edit_replaces_the_lists_and_checks_the_version(cluster, tree, cast):
    reg = _register(cluster, tree["d3"], models=[(NEW, "Mô hình A")])
    actions.update_registration(
        registration=reg,
        version=1,
        titles=["co_thi_dua_cap_tinh"],
        models=[(NEW, "Mô hình A"), (THEMATIC, "Chuyên đề B")],
        by=cast["member"],
    )
    with pytest.raises(StaleEditError):
        actions.update_registration(registration=reg, version=1, titles=[], models=[], by=None)
    assert [m.name for m in reg.new_models.all()] == ["Mô hình A", "Chuyên đề B"]
    entry = AuditEntry.objects.get(action="campaigns.registration.updated")
    assert entry.before["titles"] == ["tap_the_lao_dong_xuat_sac"]
    assert entry.after["titles"] == ["co_thi_dua_cap_tinh"]


@pytest.mark.parametrize(
    ("titles", "models", "message"),
    [
        (["huan_chuong_sao_vang"], [], "không có trong danh mục"),
        (["giay_khen", "giay_khen"], [], "chọn hai lần"),
        ([], [(NEW, "\u200b  ")], "không được để trống"),
        ([], [(NEW, "Mô hình mới"), (NEW, "Mo\u0302 hi\u0300nh mơ\u0301i")], "ghi hai lần"),
        ([], [("khac", "Mô hình")], "Chọn loại hợp lệ"),
        ([], [], "ít nhất một danh hiệu"),
    ],
)
def test_bad_registrations_get_a_vietnamese_message_and_change_nothing(
    cluster, tree, titles, models, message
):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _register(cluster, tree["d3"], titles=titles, models=models)
    assert message in " ".join(exc.value.messages)
    assert _counts() == before


def test_a_unit_outside_the_cluster_cannot_register(cluster, tree):
    with pytest.raises(ValidationError) as exc:
        _register(cluster, tree["w1"])
    assert "không phải là thành viên" in str(exc.value)


def test_a_unit_registers_once(cluster, tree):
    _register(cluster, tree["d3"])
    with pytest.raises(ValidationError) as exc:
        _register(cluster, tree["d3"])
    assert "đã đăng ký" in str(exc.value)


def test_registered_titles_come_in_vietnamese_order_for_the_documents(cluster, tree):
    _register(cluster, tree["d2"], titles=["co_thi_dua_cap_tinh"])
    _register(cluster, tree["d1"], titles=["tap_the_lao_dong_xuat_sac", "giay_khen"])
    rows = [(t.registration.unit.short_name, str(t)) for t in queries.registered_titles(cluster)]
    assert rows == [
        ("Cầu Giấy", "Tập thể lao động xuất sắc"),
        ("Cầu Giấy", "Giấy khen"),
        ("Thanh Xuân", "Cờ thi đua của bộ, ban, ngành, tỉnh"),
    ]


def test_every_registrable_code_is_a_collective_title_or_form_of_the_catalogue():
    path = settings.BASE_DIR / "thidua" / "awards" / "data" / "awards-catalog.json"
    if not path.exists():
        pytest.skip("the awards app's copy of the catalogue is not there yet")
    catalog = json.loads(path.read_text(encoding="utf-8"))
    entries = {e["code"]: e for e in catalog["titles"] + catalog["forms"]}
    assert set(entries) >= AWARD_CODES
    for code, name, kind in REGISTRABLE_AWARDS:
        assert entries[code]["vi"] == name and entries[code]["kind"] == kind
        assert entries[code]["subject"] in ("collective", "both")
