import pytest
from django.core.exceptions import ValidationError

from thidua.clusters import actions
from thidua.clusters.models import Cluster, ClusterMembership
from thidua.clusters.tests.factories import make_cluster
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _counts():
    return (Cluster.objects.count(), ClusterMembership.objects.count(), AuditEntry.objects.count())


def test_creating_a_cluster_is_audited_with_its_members(tree, cast, cluster):
    entry = AuditEntry.objects.get(action="clusters.cluster.created", object_id=str(cluster.pk))
    assert sorted(entry.after["members"]) == sorted([tree["d1"].pk, tree["d2"].pk, tree["d3"].pk])
    assert entry.after["leader"] == tree["d1"].pk


def test_a_unit_cannot_be_member_of_two_clusters_in_one_year(tree, cast, cluster):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        make_cluster(unit=tree["city"], members=[tree["d1"]], number="II", name="Cụm II")
    assert "đã là thành viên" in str(exc.value) and "Quận Cầu Giấy" in str(exc.value)
    assert _counts() == before


def test_the_same_unit_may_join_a_cluster_of_another_year(tree, cast, cluster):
    other = make_cluster(unit=tree["city"], members=[tree["d1"]], year=2021, number="I")
    assert other.memberships.count() == 1


def test_leader_must_be_a_member(tree, cast):
    actions.create_emulation_year(unit=tree["city"], year=2020, by=None)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        make_cluster(unit=tree["city"], members=[tree["d2"], tree["d3"]], leader=tree["d1"])
    assert "cụm trưởng phải là thành viên" in str(exc.value)
    assert _counts() == before


def test_deputy_differs_from_leader(tree, cast):
    with pytest.raises(ValidationError):
        make_cluster(unit=tree["city"], members=[tree["d1"]], leader=tree["d1"], deputy=tree["d1"])


def test_member_listed_twice_is_refused(tree, cast):
    with pytest.raises(ValidationError) as exc:
        make_cluster(unit=tree["city"], members=[tree["d1"], tree["d1"]])
    assert "hai lần" in str(exc.value)


def test_update_with_an_old_version_is_refused(tree, cast, cluster):
    kwargs = dict(
        name="Cụm I",
        number="I",
        description="",
        members=[tree["d1"], tree["d2"]],
        leader=tree["d1"],
        deputy=None,
        by=cast["board"],
    )
    actions.update_cluster(cluster=cluster, version=cluster.version, **kwargs)
    with pytest.raises(StaleEditError):
        actions.update_cluster(cluster=cluster, version=cluster.version, **kwargs)
    cluster.refresh_from_db()
    assert cluster.version == 2
    assert set(cluster.memberships.values_list("unit_id", flat=True)) == {
        tree["d1"].pk,
        tree["d2"].pk,
    }


def test_next_leader_rotates_into_next_years_cluster(tree, cast, cluster):
    actions.choose_next_leader(cluster=cluster, unit=tree["d2"], by=cast["board"])
    ey = actions.create_emulation_year(unit=tree["city"], year=2021, by=cast["board"])
    new = actions.roll_over_cluster(cluster=cluster, emulation_year=ey, by=cast["board"])
    assert new.leader == tree["d2"]
    assert new.memberships.count() == 3
    assert AuditEntry.objects.filter(action="clusters.cluster.next_leader_chosen").exists()


def test_next_leader_must_be_a_member(tree, cast, cluster):
    with pytest.raises(ValidationError):
        actions.choose_next_leader(cluster=cluster, unit=tree["w1"], by=cast["board"])
