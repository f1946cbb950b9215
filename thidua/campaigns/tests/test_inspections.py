import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.campaigns import actions
from thidua.campaigns.models import Exemplar, Inspection, Replication
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def inspection(cluster, tree, cast):
    return actions.plan_inspection(
        cluster=cluster,
        inspecting=tree["d2"],
        inspected=tree["d3"],
        planned_on=D(2020, 11, 20),
        by=cast["leader"],
    )


@pytest.fixture
def exemplar(tree, cast):
    return actions.recognise_exemplar(
        recognised_by=tree["d1"],
        unit=tree["w1"],
        recognised_on=D(2020, 10, 20),
        achievement="Hoàn thành vượt mức các chỉ tiêu",
        by=cast["board"],
    )


def test_a_cross_inspection_is_planned_and_audited(inspection, cast, tree):
    assert inspection.status == "planned"
    entry = AuditEntry.objects.get(action="campaigns.inspection.planned")
    assert entry.actor == cast["leader"] and entry.after["inspected"] == tree["d3"].pk


def test_inspection_of_itself_is_refused(cluster, tree):
    with pytest.raises(ValidationError) as exc:
        actions.plan_inspection(
            cluster=cluster,
            inspecting=tree["d2"],
            inspected=tree["d2"],
            planned_on=D(2020, 11, 20),
            by=None,
        )
    assert exc.value.message_dict == {"inspected": ["Đơn vị không được tự kiểm tra chính mình."]}
    assert not Inspection.objects.exists()


def test_only_members_inspect_each_other(cluster, tree):
    with pytest.raises(ValidationError) as exc:
        actions.plan_inspection(
            cluster=cluster,
            inspecting=tree["d2"],
            inspected=tree["w1"],
            planned_on=D(2020, 11, 20),
            by=None,
        )
    assert exc.value.message_dict == {
        "inspected": ["Phường Mai Dịch không phải là thành viên của cụm."]
    }


def test_an_inspection_date_far_from_the_clusters_year_is_refused(cluster, tree):
    with pytest.raises(ValidationError) as exc:
        actions.plan_inspection(
            cluster=cluster,
            inspecting=tree["d2"],
            inspected=tree["d3"],
            planned_on=D(2019, 12, 1),
            by=None,
        )
    assert "năm 2020 hoặc 2021" in str(exc.value)


def test_the_same_pair_is_planned_once(inspection, cluster, tree):
    with pytest.raises(ValidationError):
        actions.plan_inspection(
            cluster=cluster,
            inspecting=tree["d2"],
            inspected=tree["d3"],
            planned_on=D(2020, 12, 1),
            by=None,
        )
    assert Inspection.objects.count() == 1


def test_findings_are_recorded_with_the_version_and_audited(inspection, cast):
    actions.record_inspection(
        inspection=inspection,
        version=1,
        held_on=D(2020, 11, 21),
        findings="Hồ sơ đầy đủ.\nĐề nghị bổ sung minh chứng.",
        by=cast["officer"],
    )
    with pytest.raises(StaleEditError):
        actions.record_inspection(
            inspection=inspection, version=1, held_on=D(2020, 11, 21), findings="Khác", by=None
        )
    inspection.refresh_from_db()
    assert (inspection.status, inspection.findings) == (
        "done",
        "Hồ sơ đầy đủ.\nĐề nghị bổ sung minh chứng.",
    )
    entry = AuditEntry.objects.get(action="campaigns.inspection.recorded")
    assert (entry.before["status"], entry.after["status"]) == ("planned", "done")


@pytest.mark.parametrize(
    ("findings", "held_on", "field"),
    [("  \u200b", D(2020, 11, 21), "findings"), ("Tốt", D(2099, 1, 1), "held_on")],
)
def test_findings_must_be_written_and_the_visit_in_the_past(inspection, findings, held_on, field):
    with pytest.raises(ValidationError) as exc:
        actions.record_inspection(
            inspection=inspection, version=1, held_on=held_on, findings=findings, by=None
        )
    assert field in exc.value.message_dict
    inspection.refresh_from_db()
    assert inspection.status == "planned"


def test_an_exemplar_is_recognised_and_audited(exemplar, tree, cast):
    assert exemplar.subject_name == "Phường Mai Dịch"
    entry = AuditEntry.objects.get(action="campaigns.exemplar.recognised")
    assert entry.actor == cast["board"] and entry.after["unit"] == tree["w1"].pk


def test_a_person_can_be_an_exemplar(tree):
    person = PersonFactory(unit=tree["w1"], family_name="Vũ", middle_name="Thị", given_name="Ân")
    ex = actions.recognise_exemplar(
        recognised_by=tree["d1"],
        person=person,
        recognised_on=D(2020, 12, 18),
        achievement="Một cửa điện tử",
        by=None,
    )
    assert ex.subject_name == "Vũ Thị Ân"


@pytest.mark.parametrize(
    ("subject", "achievement", "field", "message"),
    [
        ("d2", "Thành tích", "unit", "phải thuộc đơn vị công nhận"),
        ("w1", "\u200b", "achievement", "không được để trống"),
        (None, "Thành tích", "unit", "Chọn một đơn vị hoặc một cá nhân"),
    ],
)
def test_bad_exemplars_are_refused(tree, subject, achievement, field, message):
    with pytest.raises(ValidationError) as exc:
        actions.recognise_exemplar(
            recognised_by=tree["d1"],
            unit=tree[subject] if subject else None,
            recognised_on=D(2020, 10, 20),
            achievement=achievement,
            by=None,
        )
    assert message in exc.value.message_dict[field][0]
    assert not Exemplar.objects.exists()


def test_an_exemplar_edit_checks_the_version_and_is_audited(exemplar, cast):
    actions.update_exemplar(
        exemplar=exemplar,
        version=1,
        achievement="Mô hình tổ dân phố văn minh",
        recognised_on=D(2020, 10, 21),
        decision_number="12/QĐ-UBND",
        by=cast["board"],
    )
    with pytest.raises(StaleEditError):
        actions.update_exemplar(
            exemplar=exemplar, version=1, achievement="X", recognised_on=D(2020, 10, 21), by=None
        )
    assert AuditEntry.objects.filter(action="campaigns.exemplar.updated").count() == 1


def test_a_replication_is_recorded_and_audited(exemplar, tree, cast):
    rep = actions.record_replication(
        exemplar=exemplar,
        unit=tree["d2"],
        replicated_on=D(2020, 11, 16),
        note="Học tập mô hình",
        by=cast["officer"],
    )
    entry = AuditEntry.objects.get(action="campaigns.exemplar.replicated")
    assert entry.object_id == str(rep.pk) and entry.unit == tree["d2"]


@pytest.mark.parametrize(
    ("unit", "day", "message"),
    [
        ("w1", D(2020, 11, 16), "ở đơn vị khác"),
        ("d2", D(2020, 10, 1), "không được trước ngày công nhận điển hình (20/10/2020)"),
    ],
)
def test_bad_replications_are_refused(exemplar, tree, unit, day, message):
    with pytest.raises(ValidationError) as exc:
        actions.record_replication(exemplar=exemplar, unit=tree[unit], replicated_on=day, by=None)
    assert message in str(exc.value)
    assert not Replication.objects.exists()


def test_a_unit_replicates_an_exemplar_once(exemplar, tree):
    actions.record_replication(
        exemplar=exemplar, unit=tree["d2"], replicated_on=D(2020, 11, 1), by=None
    )
    with pytest.raises(ValidationError):
        actions.record_replication(
            exemplar=exemplar, unit=tree["d2"], replicated_on=D(2020, 12, 1), by=None
        )
