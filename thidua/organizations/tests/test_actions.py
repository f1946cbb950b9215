import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEntry
from thidua.organizations import actions, queries
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_creating_a_unit_is_audited(tree):
    entry = AuditEntry.objects.get(
        action="organizations.unit.created", object_id=str(tree["d1"].pk)
    )
    assert entry.after["short_name"] == "Cầu Giấy"
    assert entry.after["parent"] == tree["city"].pk


def test_moving_a_unit_rewrites_its_subtree_set_wise(tree):
    d1, w1, d2 = tree["d1"], tree["w1"], tree["d2"]
    actions.update_unit(unit=d1, version=d1.version, parent=d2, by=None)
    w1.refresh_from_db()
    d1.refresh_from_db()
    assert d1.path == f"{d2.path}{d1.pk}/" and d1.depth == 2
    assert w1.path == f"{d1.path}{w1.pk}/" and w1.depth == 3
    entry = AuditEntry.objects.filter(action="organizations.unit.updated").latest("id")
    assert entry.before["parent"] == tree["city"].pk and entry.after["parent"] == d2.pk


def test_a_unit_cannot_become_its_own_ancestor(tree):
    d1 = tree["d1"]
    for new_parent in (d1, tree["w1"]):
        with pytest.raises(ValidationError) as exc:
            actions.update_unit(unit=d1, version=d1.version, parent=new_parent, by=None)
        assert "trực thuộc chính nó" in str(exc.value)
    d1.refresh_from_db()
    assert d1.parent == tree["city"] and d1.version == 1


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u200d", "\ufeff"])
def test_an_empty_name_is_refused_and_nothing_is_written(tree, name):
    before = (Unit.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        actions.create_unit(
            parent=tree["city"], kind="huyen", short_name=name, name="Quận X", by=None
        )
    assert "không được để trống" in str(exc.value)
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_an_end_before_the_start_is_refused(tree):
    with pytest.raises(ValidationError):
        actions.create_unit(
            parent=tree["city"],
            kind="huyen",
            short_name="X",
            name="Quận X",
            valid_from="2020-01-01",
            valid_to="2019-01-01",
            by=None,
        )


def test_a_merged_units_history_is_reachable_from_its_successor(tree):
    a = UnitFactory(parent=tree["d1"], short_name="Phường A", kind="xa")
    b = UnitFactory(parent=tree["d1"], short_name="Phường B", kind="xa")
    c = UnitFactory(parent=tree["d1"], short_name="Phường C", kind="xa")
    actions.end_unit(unit=a, ended_on="2020-01-01", successors=[b], kind="merger", by=None)
    actions.end_unit(unit=b, ended_on="2025-07-01", successors=[c], kind="merger", by=None)
    assert queries.history_unit_ids(c) == sorted([a.pk, b.pk, c.pk])
    a.refresh_from_db()
    assert a.valid_to is not None and not a.is_active


def test_a_split_needs_two_successors_and_an_ended_unit_cannot_end_again(tree):
    with pytest.raises(ValidationError):
        actions.end_unit(
            unit=tree["d3"], ended_on="2025-07-01", successors=[tree["d2"]], kind="split", by=None
        )
    actions.end_unit(
        unit=tree["d3"], ended_on="2025-07-01", successors=[tree["d2"]], kind="merger", by=None
    )
    with pytest.raises(ValidationError):
        actions.end_unit(
            unit=tree["d3"], ended_on="2025-07-02", successors=[tree["d1"]], kind="merger", by=None
        )


def test_a_unit_cannot_succeed_itself(tree):
    with pytest.raises(ValidationError):
        actions.end_unit(
            unit=tree["d3"], ended_on="2025-07-01", successors=[tree["d3"]], kind="merger", by=None
        )


def test_names_are_stored_in_nfc_and_searchable_without_accents(tree):
    unit = actions.create_unit(
        parent=tree["city"],
        kind="huyen",
        short_name="Ta\u0302y Ho\u0302\u0300",
        name="Qua\u0323\u0302n Tây Hồ",
        by=None,
    )
    assert unit.short_name == "Tây Hồ" and unit.name == "Quận Tây Hồ"
    assert Unit.objects.filter(search_text__contains="tay ho").get() == unit
