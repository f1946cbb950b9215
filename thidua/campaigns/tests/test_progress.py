import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.campaigns import actions, queries
from thidua.campaigns.forms import parse_vn_decimal
from thidua.campaigns.models import ProgressReport, format_measure
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date


def _counts():
    return ProgressReport.objects.count(), AuditEntry.objects.count()


def test_a_unit_reports_progress_inside_the_window_and_it_is_audited(target, tree, cast):
    report = actions.report_progress(
        target=target,
        unit=tree["d1"],
        as_of=D(2020, 9, 30),
        value=Decimal("72.5"),
        by=cast["leader"],
    )
    assert report.value_display == "72,5%" and report.share_of_goal == Decimal("90.6")
    entry = AuditEntry.objects.get(action="campaigns.progress.reported")
    assert entry.actor == cast["leader"] and entry.unit == tree["d1"]
    assert entry.after["value"] == "72.50" and entry.after["as_of"] == "2020-09-30"


@pytest.mark.parametrize("as_of", [D(2020, 9, 15), D(2020, 10, 17), D(2021, 1, 1)])
def test_a_progress_report_outside_the_campaign_window_is_refused(target, tree, as_of):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(target=target, unit=tree["d1"], as_of=as_of, value=50, by=None)
    assert exc.value.message_dict == {
        "as_of": [
            "Ngày báo cáo phải nằm trong thời gian của đợt thi đua (từ 16/09/2020 đến 16/10/2020)."
        ]
    }
    assert _counts() == before


def test_a_movement_report_must_fall_in_the_movements_years(movement, tree):
    target = actions.add_target(owner=movement, name="Vụ án", measure="count", by=None)
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(
            target=target, unit=tree["d2"], as_of=D(2023, 1, 2), value=1, by=None
        )
    assert "thời gian của phong trào (từ 01/01/2020 đến 31/12/2022)" in str(exc.value)


def test_a_report_dated_in_the_future_is_refused(target, tree, on_day):
    on_day(D(2020, 10, 1))
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(
            target=target, unit=tree["d1"], as_of=D(2020, 10, 2), value=1, by=None
        )
    assert exc.value.message_dict == {"as_of": ["Ngày không được ở tương lai."]}


@pytest.mark.parametrize(("value", "message"), [(-1, "không được âm"), ("abc", "Nhập một số")])
def test_a_negative_or_non_numeric_value_is_refused(target, tree, value, message):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(
            target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=value, by=None
        )
    assert message in exc.value.message_dict["value"][0]
    assert _counts() == before


def test_a_unit_outside_the_campaigns_scope_cannot_report(target, tree):
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(
            target=target, unit=tree["d2"], as_of=D(2020, 9, 30), value=1, by=None
        )
    assert "ngoài phạm vi" in str(exc.value)
    ward = actions.report_progress(
        target=target, unit=tree["w1"], as_of=D(2020, 9, 30), value=1, by=None
    )
    assert ward.unit == tree["w1"]  # a ward of the launching district is inside


def test_the_same_day_reported_twice_is_refused(target, tree):
    actions.report_progress(target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=1, by=None)
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(
            target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=2, by=None
        )
    assert "hãy sửa báo cáo đã có" in str(exc.value)


def test_a_report_edit_on_an_old_version_is_refused(target, tree, cast):
    report = actions.report_progress(
        target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=70, by=cast["leader"]
    )
    actions.update_progress_report(
        report=report, version=1, as_of=D(2020, 9, 30), value=75, by=cast["leader"]
    )
    with pytest.raises(StaleEditError):
        actions.update_progress_report(
            report=report, version=1, as_of=D(2020, 9, 30), value=99, by=cast["leader"]
        )
    report.refresh_from_db()
    assert report.value == 75
    entry = AuditEntry.objects.get(action="campaigns.progress.updated")
    assert (entry.before["value"], entry.after["value"]) == ("70.00", "75.00")


def test_an_edit_cannot_move_a_report_out_of_the_window(target, tree):
    report = actions.report_progress(
        target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=70, by=None
    )
    with pytest.raises(ValidationError):
        actions.update_progress_report(
            report=report, version=1, as_of=D(2020, 11, 30), value=70, by=None
        )


@pytest.mark.parametrize(
    ("kind", "value", "unit", "text"),
    [
        ("money", Decimal("14600000000"), "", "14,6 tỷ đồng"),
        ("money", Decimal("1300000000"), "", "1,3 tỷ đồng"),
        ("count", Decimal(49), "hộ thoát nghèo", "49 hộ thoát nghèo"),
        ("percent", Decimal(50), "", "50%"),
        ("percent", Decimal("100.00"), "%", "100%"),
    ],
)
def test_values_are_shown_the_vietnamese_way(kind, value, unit, text):
    assert format_measure(kind, value, unit) == text


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("14,6 tỷ", Decimal("14600000000")),
        ("1.300.000.000", Decimal("1300000000")),
        ("1.234,5", Decimal("1234.5")),
        ("50%", Decimal(50)),
        ("14.6", Decimal("14.6")),
        ("-3", Decimal(-3)),
    ],
)
def test_numbers_are_read_as_vietnamese_type_them(typed, value):
    assert parse_vn_decimal(typed) == value


def test_latest_reports_keep_one_row_per_unit_and_target(target, tree, campaign):
    for unit, day, value in [
        ("d1", D(2020, 9, 30), 60),
        ("d1", D(2020, 10, 15), 85),
        ("w1", D(2020, 10, 1), 70),
    ]:
        actions.report_progress(target=target, unit=tree[unit], as_of=day, value=value, by=None)
    rows = [(r.unit.short_name, r.value) for r in queries.latest_reports(campaign.targets.all())]
    assert rows == [("Cầu Giấy", 85), ("Mai Dịch", 70)]
    (t,) = queries.targets_with_latest(campaign)
    assert [r.value for r in t.latest] == [85, 70]


def test_progress_figures_give_reports_the_latest_figures_of_a_year(target, movement, tree):
    actions.report_progress(
        target=target, unit=tree["d1"], as_of=D(2020, 10, 15), value=85, by=None
    )
    other = actions.add_target(owner=movement, name="Vụ án", measure="count", by=None)
    actions.report_progress(target=other, unit=tree["d2"], as_of=D(2022, 3, 1), value=4, by=None)
    assert {r.value for r in queries.progress_figures(year=2020)} == {85}
    assert {r.value for r in queries.progress_figures(year=2022)} == {4}
    assert not queries.progress_figures(unit_ids=[tree["d3"].pk]).exists()
