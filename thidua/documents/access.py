"""Who may download a paper: whoever may see what it is about; the same 404 for missing and
hidden objects (the gates are the clusters app's own)."""

from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import cluster_for_viewing
from thidua.clusters.models import Cluster, EmulationYear
from thidua.clusters.queries import years_visible_to

from .models import Batch


def year_for_papers(user, year_id: int) -> EmulationYear:
    return get_object_or_404(years_visible_to(user), pk=year_id)


def cluster_for_papers(user, cluster_id: int) -> Cluster:
    return cluster_for_viewing(user, cluster_id)


# --- batches --------------------------------------------------------------------------------


def batch_scope(user, kind, scope_id: int):
    """The year, cluster or unit a batch is made for, if the user may see it (else 404)."""
    if kind.scope == "year":
        return year_for_papers(user, scope_id)
    if kind.scope == "cluster":
        return cluster_for_papers(user, scope_id)
    from thidua.reports.access import unit_for_reports

    return unit_for_reports(user, scope_id)


def may_start_batches(user) -> bool:
    """Batches are work for officers (board and unit officers), not for readers."""
    return bool(scope_of(user).unit_ids(Role.BOARD_OFFICER, Role.UNIT_OFFICER))


def batch_for_owner(user, batch_id: int) -> Batch:
    """A batch is seen by whoever started it; anyone else gets a 404."""
    return get_object_or_404(Batch.objects.filter(created_by=user), pk=batch_id)
