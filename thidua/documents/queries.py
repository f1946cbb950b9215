"""Reads for papers: one query per table, members in Vietnamese order, clusters by number."""

from __future__ import annotations

from collections import defaultdict

from thidua.clusters.models import Cluster, ClusterKind, ClusterMembership, EmulationYear
from thidua.core.db import vi

from .layout import number_sort_key

KIND_ORDER = {ClusterKind.CLUSTER: 0, ClusterKind.BLOC: 1}


def cluster_order_key(cluster: Cluster) -> tuple:
    """Clusters (cụm) before blocs (khối), each by number as people read it (II < IX < X)."""
    return (KIND_ORDER.get(cluster.kind, 9), number_sort_key(cluster.number), cluster.pk)


def clusters_with_members(emulation_year: EmulationYear) -> list[tuple[Cluster, list]]:
    """The year's clusters and blocs in order, each with its member units in Vietnamese order
    (two queries, whatever the number of clusters)."""
    clusters = sorted(
        Cluster.objects.filter(emulation_year=emulation_year).select_related("leader", "deputy"),
        key=cluster_order_key,
    )
    members: dict[int, list] = defaultdict(list)
    memberships = (
        ClusterMembership.objects.filter(cluster__emulation_year=emulation_year)
        .select_related("unit")
        .order_by("cluster_id", vi("unit__short_name"), "unit_id")
    )
    for membership in memberships:
        members[membership.cluster_id].append(membership.unit)
    return [(cluster, members[cluster.pk]) for cluster in clusters]


def members_of(cluster: Cluster) -> list:
    """The cluster's member units in Vietnamese order."""
    return [
        m.unit
        for m in ClusterMembership.objects.filter(cluster=cluster)
        .select_related("unit")
        .order_by(vi("unit__short_name"), "unit_id")
    ]
