import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.campaigns import actions, queries
from thidua.campaigns.models import Movement, MovementLeader, PeakCampaign, Target
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date
NFD_NAME = "Toa\u0300n dân ba\u0309o vê\u0323 an ninh Tô\u0309 quô\u0301c"


def _counts():
    return (Movement.objects.count(), PeakCampaign.objects.count(), AuditEntry.objects.count())


def test_board_launches_a_thematic_movement_with_its_level_and_years_audited(movement, cast):
    assert (movement.level, movement.start_year, movement.years) == ("province", 2020, 3)
    assert movement.end_year == 2022 and movement.period == "2020–2022"
    entry = AuditEntry.objects.get(action="campaigns.movement.created")
    assert entry.actor == cast["board"] and entry.object_id == str(movement.pk)
    assert entry.after["level"] == "province" and entry.after["years"] == 3


def test_a_movement_name_typed_in_nfd_is_stored_in_nfc(tree, cast):
    m = actions.create_movement(
        launched_by=tree["d2"],
        name=f"  {NFD_NAME}\u200b ",
        kind="chuyen_de",
        start_year=2020,
        by=cast["board"],
    )
    assert m.name == "Toàn dân bảo vệ an ninh Tổ quốc" and m.level == "district"


def test_a_duplicate_name_typed_in_nfd_is_refused_and_changes_nothing(movement, tree, cast):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["city"],
            name=NFD_NAME,
            kind="chuyen_de",
            start_year=2020,
            by=cast["board"],
        )
    assert "Phong trào cùng tên đã được phát động." in str(exc.value)
    assert _counts() == before


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u00ad"])
def test_an_empty_movement_name_gets_a_vietnamese_message(tree, cast, name):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["city"], name=name, kind="chuyen_de", start_year=2020, by=None
        )
    assert exc.value.message_dict == {"name": ["Trường này không được để trống."]}
    assert _counts() == before


@pytest.mark.parametrize(("years", "field"), [(0, "years"), (101, "years"), (-1, "years")])
def test_a_duration_that_makes_no_sense_is_refused(tree, years, field):
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["city"],
            name="Phong trào",
            kind="chuyen_de",
            start_year=2020,
            years=years,
            by=None,
        )
    assert field in exc.value.message_dict


def test_a_cluster_movement_is_launched_by_its_organiser_leader_or_deputy(tree, cluster):
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["d3"],
            cluster=cluster,
            name="Phong trào",
            kind="chuyen_de",
            start_year=2020,
            by=None,
        )
    assert "cluster" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["d1"],
            cluster=cluster,
            name="Phong trào",
            kind="chuyen_de",
            start_year=2021,
            by=None,
        )
    assert "2020" in str(exc.value)


def test_a_cluster_movement_reaches_the_members_only(cluster_movement, tree):
    assert cluster_movement.level == "cluster"
    assert set(queries.scope_units(cluster_movement)) == {tree["d1"], tree["d2"], tree["d3"]}
    assert not queries.in_scope(cluster_movement, tree["w1"])


def test_the_level_follows_the_launcher_but_a_top_unit_may_record_a_national_movement(tree):
    with pytest.raises(ValidationError) as exc:
        actions.create_movement(
            launched_by=tree["d1"],
            name="Phong trào",
            kind="chuyen_de",
            start_year=2020,
            level="prime_minister",
            by=None,
        )
    assert "Cấp phát động không khớp" in str(exc.value)
    national = actions.create_movement(
        launched_by=tree["city"],
        name="Cả nước chung tay vì người nghèo",
        kind="chuyen_de",
        start_year=2016,
        years=5,
        level="prime_minister",
        by=None,
    )
    assert national.level == "prime_minister"


def test_an_edit_made_on_an_old_version_is_refused(movement, cast):
    kwargs = dict(name="Toàn dân bảo vệ an ninh Tổ quốc", kind="chuyen_de", start_year=2020)
    actions.update_movement(movement=movement, version=1, years=5, by=cast["board"], **kwargs)
    with pytest.raises(StaleEditError):
        actions.update_movement(movement=movement, version=1, years=2, by=cast["board"], **kwargs)
    movement.refresh_from_db()
    assert (movement.years, movement.version) == (5, 2)
    entry = AuditEntry.objects.get(action="campaigns.movement.updated")
    assert (entry.before["years"], entry.after["years"]) == (3, 5)


def test_shortening_a_movement_cannot_leave_reports_outside_it(movement, tree, cast):
    target = actions.add_target(owner=movement, name="Số vụ án", measure="count", by=None)
    actions.report_progress(target=target, unit=tree["d1"], as_of=D(2021, 6, 1), value=3, by=None)
    with pytest.raises(ValidationError):
        actions.update_movement(
            movement=movement,
            version=1,
            name=movement.name,
            kind="chuyen_de",
            start_year=2020,
            years=1,
            by=cast["board"],
        )
    movement.refresh_from_db()
    assert movement.years == 3


def test_leading_units_are_recorded_and_queryable_for_the_award_rules(movement, tree, cast):
    actions.recognise_movement_leader(
        movement=movement,
        unit=tree["d2"],
        year=2022,
        decision_number="15/QĐ-UBND",
        decision_date=D(2022, 12, 20),
        by=cast["board"],
    )
    assert AuditEntry.objects.filter(action="campaigns.movement.leader_recognised").count() == 1
    rows = queries.movement_leadership([tree["d2"].pk]).filter(
        level="province", kind="chuyen_de", years__gte=3
    )
    assert list(rows) == [
        {
            "unit_id": tree["d2"].pk,
            "year": 2022,
            "level": "province",
            "years": 3,
            "kind": "chuyen_de",
            "movement_id": movement.pk,
        }
    ]
    assert not queries.movement_leadership([tree["d2"].pk]).filter(years__gte=5).exists()


def test_a_leading_unit_outside_the_scope_or_years_is_refused(cluster_movement, tree):
    with pytest.raises(ValidationError) as exc:
        actions.recognise_movement_leader(
            movement=cluster_movement, unit=tree["w1"], year=2020, by=None
        )
    assert "ngoài phạm vi" in str(exc.value)
    with pytest.raises(ValidationError):
        actions.recognise_movement_leader(
            movement=cluster_movement, unit=tree["d2"], year=2021, by=None
        )
    assert not MovementLeader.objects.exists()


def test_movements_active_in_a_year_span_their_duration(movement, cluster_movement):
    assert set(queries.movements_active_in(2022)) == {movement}
    assert set(queries.movements_active_in(2020)) == {movement, cluster_movement}
    assert not queries.movements_active_in(2023).exists()


def test_a_peak_campaign_renders_its_plan_in_the_vietnamese_form(campaign, cast):
    assert campaign.plan_reference == "172/KH-UBND ngày 07/9/2020"
    assert (campaign.plan_number, campaign.plan_date) == ("172/KH-UBND", D(2020, 9, 7))
    entry = AuditEntry.objects.get(action="campaigns.campaign.created")
    assert entry.after["plan_date"] == "2020-09-07" and entry.actor == cast["board"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"plan_date": None}, "plan_date", "Nhập cả số và ngày"),
        ({"ends_on": D(2020, 9, 1)}, "ends_on", "không được trước ngày bắt đầu"),
        ({"name": "\u200b"}, "name", "không được để trống"),
    ],
)
def test_a_peak_campaign_with_bad_input_is_refused(tree, changes, field, message):
    before = _counts()
    kwargs = dict(
        launched_by=tree["d1"],
        name="Đợt cao điểm",
        starts_on=D(2020, 9, 16),
        ends_on=D(2020, 10, 16),
        plan_number="172/KH-UBND",
        plan_date=D(2020, 9, 7),
        by=None,
    )
    with pytest.raises(ValidationError) as exc:
        actions.create_campaign(**{**kwargs, **changes})
    assert message in " ".join(exc.value.message_dict[field])
    assert _counts() == before


def test_a_campaign_edit_on_an_old_version_is_refused_and_audited_once(campaign, cast):
    kwargs = dict(
        name=campaign.name,
        starts_on=D(2020, 9, 16),
        plan_number="172/KH-UBND",
        plan_date=D(2020, 9, 7),
        by=cast["board"],
    )
    actions.update_campaign(campaign=campaign, version=1, ends_on=D(2020, 10, 20), **kwargs)
    with pytest.raises(StaleEditError):
        actions.update_campaign(campaign=campaign, version=1, ends_on=D(2020, 10, 30), **kwargs)
    campaign.refresh_from_db()
    assert campaign.ends_on == D(2020, 10, 20)
    assert AuditEntry.objects.filter(action="campaigns.campaign.updated").count() == 1


def test_a_target_is_added_audited_and_a_negative_goal_is_refused(campaign, cast):
    target = actions.add_target(
        owner=campaign,
        name="Hoàn thành chỉ tiêu",
        measure="percent",
        goal=Decimal(80),
        by=cast["board"],
    )
    assert (target.unit_of_measure, target.goal_display) == ("%", "80%")
    assert AuditEntry.objects.filter(action="campaigns.target.added").count() == 1
    with pytest.raises(ValidationError) as exc:
        actions.add_target(owner=campaign, name="Khác", measure="count", goal=-1, by=None)
    assert exc.value.message_dict == {"goal": ["Giá trị không được âm."]}
    assert Target.objects.count() == 1
