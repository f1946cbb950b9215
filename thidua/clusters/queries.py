"""Reads of emulation years and clusters, always from what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from thidua.accounts.scope import scope_of
from thidua.core.db import vi
from thidua.organizations.models import Unit

from .models import Cluster, ClusterMembership, EmulationYear


def clusters_visible_to(user) -> QuerySet[Cluster]:
    """Clusters organised within the user's subtrees, or with a member unit inside them."""
    scope = scope_of(user)
    if scope.is_empty:
        return Cluster.objects.none()
    reach = Unit.objects.filter(scope.subtree_q("path"))
    return Cluster.objects.filter(
        Q(emulation_year__unit__in=reach)
        | Q(pk__in=ClusterMembership.objects.filter(unit__in=reach).values("cluster_id"))
    )


def years_visible_to(user) -> QuerySet[EmulationYear]:
    scope = scope_of(user)
    if scope.is_empty:
        return EmulationYear.objects.none()
    return EmulationYear.objects.filter(
        Q(unit__in=Unit.objects.filter(scope.subtree_q("path")))
        | Q(pk__in=clusters_visible_to(user).values("emulation_year_id"))
    ).select_related("unit")


def cluster_list(user, *, year: int | None = None) -> QuerySet[Cluster]:
    clusters = (
        clusters_visible_to(user)
        .select_related("emulation_year__unit", "leader", "deputy")
        .annotate(member_count=Count("memberships"))
    )
    if year:
        clusters = clusters.filter(emulation_year__year=year)
    return clusters.order_by(
        "-emulation_year__year", vi("emulation_year__unit__short_name"), "kind", vi("number"), "pk"
    )


def members_in_vietnamese_order(cluster: Cluster) -> QuerySet[Unit]:
    return Unit.objects.filter(cluster_memberships__cluster=cluster).order_by(
        vi("short_name"), "pk"
    )


def clusters_of_unit(user, unit: Unit) -> QuerySet[Cluster]:
    """The visible clusters a unit belongs to, newest year first."""
    return (
        clusters_visible_to(user)
        .filter(memberships__unit=unit)
        .select_related("emulation_year__unit", "leader", "deputy")
        .distinct()
        .order_by("-emulation_year__year", "pk")
    )


def available_years(user) -> list[int]:
    return sorted(
        set(clusters_visible_to(user).values_list("emulation_year__year", flat=True)), reverse=True
    )
