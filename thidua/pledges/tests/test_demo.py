"""The demo pledges built from the seeds, through the actions, as the demo officers."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from thidua.clusters.models import Cluster
from thidua.core.models import AuditEntry
from thidua.pledges import queries
from thidua.pledges.models import Criterion, Pledge, Signature

pytestmark = pytest.mark.django_db


def _seed() -> dict:
    """The demo modules the pledges build on, then ours (seed_demo runs them all, in order)."""
    from thidua.accounts import demo as accounts
    from thidua.clusters import demo as clusters
    from thidua.organizations import demo as organizations
    from thidua.pledges import demo as pledges

    ctx: dict = {}
    for module in (organizations, clusters, accounts, pledges):
        module.seed(ctx)
    return ctx


@pytest.fixture
def demo():
    return _seed()


def _pledge(year):
    return Pledge.objects.get(cluster__emulation_year__year=year)


def test_demo_builds_the_three_pledges_once(demo):
    counts = (Pledge.objects.count(), Criterion.objects.count(), Signature.objects.count())
    _seed()
    assert (Pledge.objects.count(), Criterion.objects.count(), Signature.objects.count()) == counts
    assert counts == (3, 24 + 35, 6 + 8)


def test_cum_ix_2020_is_signed_by_its_six_districts_and_locked(demo):
    pledge = _pledge(2020)
    version = queries.version_in_force(pledge, on=datetime.date(2020, 12, 31))
    assert version.number == 1 and version.in_force_from == datetime.date(2020, 2, 20)
    assert version.theme.startswith("Phát huy sức mạnh của cả hệ thống chính trị")
    assert version.groups.count() == 8 and not version.groups.filter(is_sample=False).exists()
    assert "Toàn dân bảo vệ an ninh Tổ quốc" in version.groups.values_list("title", flat=True)
    assert version.criteria.aggregate(t=Sum("max_score"))["t"] == Decimal(100) == version.scale
    assert not version.criteria.filter(is_sample=False).exists()
    signatures = version.signatures.select_related("signed_by")
    assert {s.signed_on for s in signatures} == {datetime.date(2020, 2, 20)}
    assert {s.signed_by.username for s in signatures} == {
        "caugiay",
        "thanhxuan",
        "hadong",
        "namtuliem",
        "bactuliem",
        "tayho",
    }
    assert AuditEntry.objects.filter(action="pledges.pledge.locked").count() == 2
    assert list(version.grades.values_list("min_score", flat=True)) == [95, 85, 75]


def test_cau_giay_wards_2018_has_8_tasks_4_groups_35_criteria(demo):
    version = _pledge(2018).versions.get()
    assert version.is_locked and version.scale == 100
    assert version.key_tasks.count() == 8
    assert list(version.groups.values_list("title", flat=True)) == [
        "Phát triển kinh tế",
        "Văn hóa – xã hội",
        "An ninh – quốc phòng",
        "Cải cách hành chính",
    ]
    assert version.criteria.count() == 35 and version.criteria.filter(is_sample=True).count() == 35
    assert version.criteria.aggregate(t=Sum("max_score"))["t"] == 100
    assert version.signatures.count() == 8
    assert version.in_force_from == datetime.date(2018, 1, 26)


def test_cum_4_2019_is_a_draft_with_the_rule_of_one_new_model(demo):
    version = _pledge(2019).versions.get()
    assert version.is_draft and version.key_tasks.count() == 6
    assert "ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới" in version.commitments
    assert Cluster.objects.get(pk=version.pledge.cluster_id).leader.short_name.startswith("Hội")


def test_the_demo_pledge_page_reads_in_vietnamese(demo, client):
    from thidua.accounts.models import User

    client.force_login(User.objects.get(username="hadong"))
    html = client.get(f"/pledges/{_pledge(2020).pk}/").content.decode()
    assert "Đã khóa" in html and "Tổng 100 / 100 điểm" in html
    assert "VIII. Đảm bảo an ninh, quốc phòng" in html
