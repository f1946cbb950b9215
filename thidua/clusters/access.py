"""Object gates for clusters: 404 when invisible, 403 when visible without the needed role."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of

from .models import Cluster, ClusterDocument, EmulationYear
from .queries import clusters_visible_to, years_visible_to


def cluster_for_viewing(user, cluster_id: int) -> Cluster:
    return get_object_or_404(
        clusters_visible_to(user).select_related("emulation_year__unit", "leader", "deputy"),
        pk=cluster_id,
    )


def can_manage_cluster(user, cluster: Cluster) -> bool:
    """The board of the organising unit (or above) sets clusters up."""
    return scope_of(user).reaches(cluster.emulation_year.unit, Role.BOARD_OFFICER)


def leads_cluster(user, cluster: Cluster) -> bool:
    """Officers of the leader unit act as cụm trưởng; of the deputy unit as cụm phó."""
    scope = scope_of(user)
    return any(
        u is not None and scope.holds_in(u, Role.UNIT_OFFICER)
        for u in (cluster.leader, cluster.deputy)
    )


def cluster_for_managing(user, cluster_id: int) -> Cluster:
    cluster = cluster_for_viewing(user, cluster_id)
    if not can_manage_cluster(user, cluster):
        raise PermissionDenied
    return cluster


def cluster_for_documents(user, cluster_id: int) -> Cluster:
    """Plans and rules are drafted by the leader and deputy, or filed by the board."""
    cluster = cluster_for_viewing(user, cluster_id)
    if not (leads_cluster(user, cluster) or can_manage_cluster(user, cluster)):
        raise PermissionDenied
    return cluster


def document_for_download(user, document_id: int) -> ClusterDocument:
    return get_object_or_404(
        ClusterDocument.objects.filter(cluster__in=clusters_visible_to(user)), pk=document_id
    )


def year_for_managing(user, year_id: int) -> EmulationYear:
    year = get_object_or_404(years_visible_to(user), pk=year_id)
    if not scope_of(user).reaches(year.unit, Role.BOARD_OFFICER):
        raise PermissionDenied
    return year
