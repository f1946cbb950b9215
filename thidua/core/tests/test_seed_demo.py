import pytest
from django.core.management import CommandError, call_command

from thidua.accounts.models import RoleAssignment, User
from thidua.clusters.models import Cluster
from thidua.core.db import vi
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(m.objects.count() for m in (Unit, Person, Cluster, User, RoleAssignment))


def test_seed_demo_builds_the_ha_noi_clusters_once(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    ix = Cluster.objects.get(number="IX", emulation_year__year=2020)
    members = list(
        Unit.objects.filter(cluster_memberships__cluster=ix)
        .order_by(vi("short_name"))
        .values_list("short_name", flat=True)
    )
    assert members == ["Bắc Từ Liêm", "Cầu Giấy", "Hà Đông", "Nam Từ Liêm", "Tây Hồ", "Thanh Xuân"]
    assert ix.leader.short_name == "Cầu Giấy"
    assert Cluster.objects.get(number="4").memberships.count() == 6
    wards = Cluster.objects.get(emulation_year__year=2018)
    assert wards.memberships.count() == 8
    assert wards.emulation_year.unit.short_name == "Cầu Giấy"
    assert Unit.objects.get(short_name="Ba Đình").children.count() == 14
    assert Person.objects.filter(given_name="Thắng", is_sample=False).exists()
    out = capsys.readouterr().out
    assert "admin" in out and "caugiay" in out and "demo" in out


def test_seed_demo_covers_every_role_with_the_shared_password(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {"board_officer", "unit_officer", "council_member", "viewer"}
    assert User.objects.get(username="admin").check_password("demo")
    assert User.objects.get(username="admin").is_staff


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert _counts() == (0, 0, 0, 0, 0)


def test_seed_demo_dry_run_writes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", dry_run=True, verbosity=0)
    assert _counts() == (0, 0, 0, 0, 0)
