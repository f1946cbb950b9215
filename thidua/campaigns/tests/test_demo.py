from decimal import Decimal

import pytest
from django.core.management import call_command

from thidua.campaigns import queries
from thidua.campaigns.models import (
    Exemplar,
    Inspection,
    Movement,
    PeakCampaign,
    ProgressReport,
    Registration,
    RegistrationRule,
)
from thidua.clusters.models import Cluster

pytestmark = pytest.mark.django_db
MODELS = (Movement, PeakCampaign, ProgressReport, Registration, Inspection, Exemplar)


def _counts():
    return tuple(m.objects.count() for m in MODELS)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_the_demo_is_built_once(demo):
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first


def test_cum_ix_launched_the_movements_of_seed_000(demo):
    ix = Cluster.objects.get(number="IX")
    names = set(ix.movements.values_list("name", flat=True))
    assert len(names) >= 6
    assert {
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        "An toàn thực phẩm",
        "Đẩy mạnh cải cách hành chính",
    } <= names
    assert set(ix.movements.values_list("level", "start_year", "is_sample")) == {
        ("cluster", 2020, False)
    }


def test_ba_dinh_peak_campaign_of_seed_001(demo):
    c = PeakCampaign.objects.get(launched_by__short_name="Ba Đình")
    assert c.plan_reference == "172/KH-UBND ngày 07/9/2020"
    assert c.starts_on.isoformat() == "2020-09-16" and "1010 năm Thăng Long" in c.occasion
    assert "15 điểm cầu" in c.description and "14 phường" in c.description
    assert c.sample_note  # the end date is an assumption, and says so
    (target,) = c.targets.all()
    assert target.goal_display == "80%"
    assert target.reports.exists() and not target.reports.filter(is_sample=False).exists()


def test_hoang_mai_2019_figures_of_seed_004_are_plain_facts(demo):
    figures = {
        r.target.name: r.value_display
        for r in ProgressReport.objects.filter(unit__short_name="Hoàng Mai").select_related(
            "target"
        )
    }
    assert sorted(figures.values()) == sorted(
        ["14,6 tỷ đồng", "1,3 tỷ đồng", "49 hộ thoát nghèo", "50%", "100%"]
    )
    assert not ProgressReport.objects.filter(unit__short_name="Hoàng Mai", is_sample=True).exists()
    assert ProgressReport.objects.get(value=Decimal("14600000000")).as_of.year == 2019


def test_cum_4_rule_and_registrations_of_seed_003(demo):
    cum4 = Cluster.objects.get(number="4")
    rule = RegistrationRule.objects.get(cluster=cum4)
    assert rule.min_models == 1 and "ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới" in rule.note
    rows = queries.registration_status(cum4)
    assert len(rows) == 6 and not any(r.needs_reminder for r in rows)
    assert all(r.registration.is_sample for r in rows)
    assert Inspection.objects.filter(cluster=cum4, status="done").count() == 1


def test_cum_ix_registrations_show_one_member_below_the_minimum(demo):
    rows = queries.registration_status(Cluster.objects.get(number="IX"))
    assert len(rows) == 6 and [r.unit.short_name for r in rows if r.below_minimum] == ["Tây Hồ"]


def test_exemplars_are_sample_data_with_replications(demo):
    assert Exemplar.objects.count() == 2 and not Exemplar.objects.filter(is_sample=False).exists()
    assert all(e.replications.exists() for e in Exemplar.objects.all())
