"""Reads of the unit tree and people. Every page starts from a visible_to queryset."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.scope import scope_of
from thidua.core import vn
from thidua.core.db import vi

from .models import Person, Unit, UnitSuccession


def units_visible_to(user) -> QuerySet[Unit]:
    """The subtrees under the user's roles, their ancestors, and fellow cluster members."""
    scope = scope_of(user)
    if scope.is_empty:
        return Unit.objects.none()
    from thidua.clusters.models import ClusterMembership

    own = Unit.objects.filter(scope.subtree_q("path"))
    peers = ClusterMembership.objects.filter(
        cluster__memberships__unit__in=own.values("pk")
    ).values("unit_id")
    return Unit.objects.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=scope.ancestor_ids()) | Q(pk__in=peers)
    )


def people_visible_to(user) -> QuerySet[Person]:
    return Person.objects.filter(unit__in=Unit.objects.filter(scope_of(user).subtree_q("path")))


def in_vietnamese_order(units: QuerySet[Unit]) -> QuerySet[Unit]:
    return units.order_by(vi("short_name"), "pk")


def people_in_vietnamese_order(people: QuerySet[Person]) -> QuerySet[Person]:
    """By given name, then middle and family name, in Vietnamese letter order."""
    return people.order_by(vi("given_name"), vi("middle_name"), vi("family_name"), "pk")


def tree_roots(user) -> list[Unit]:
    """The top units a user can browse: visible units whose parent is not visible."""
    visible = units_visible_to(user)
    return list(
        in_vietnamese_order(visible.exclude(parent__in=visible.values("pk"))).select_related(
            "parent"
        )
    )


def children_of(unit: Unit, user) -> QuerySet[Unit]:
    return in_vietnamese_order(units_visible_to(user).filter(parent=unit))


def ancestors_of(unit: Unit) -> list[Unit]:
    ids = [int(p) for p in unit.path.strip("/").split("/")[:-1] if p]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def lineage(unit: Unit) -> dict[str, list[UnitSuccession]]:
    """Direct predecessors and successors (each step is one query, not one per row)."""
    return {
        "predecessors": list(
            UnitSuccession.objects.filter(successor=unit).select_related("predecessor")
        ),
        "successors": list(
            UnitSuccession.objects.filter(predecessor=unit).select_related("successor")
        ),
    }


def history_unit_ids(unit: Unit, max_depth: int = 20) -> list[int]:
    """The unit and every unit whose history it inherited through mergers, splits and renamings."""
    seen = {unit.pk}
    frontier = {unit.pk}
    for _ in range(max_depth):
        frontier = (
            set(
                UnitSuccession.objects.filter(successor__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            - seen
        )
        if not frontier:
            break
        seen |= frontier
    return sorted(seen)


def search(user, text: str, limit: int = 50) -> dict[str, list]:
    """Diacritic-insensitive search: "cau giay" finds "Cầu Giấy"."""
    needle = vn.fold(text)
    if not needle:
        return {"units": [], "people": []}
    units = in_vietnamese_order(units_visible_to(user).filter(search_text__contains=needle))
    people = people_in_vietnamese_order(
        people_visible_to(user).filter(search_text__contains=needle)
    ).select_related("unit")
    return {"units": list(units[:limit]), "people": list(people[:limit])}
