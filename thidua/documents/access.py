"""Who may download a paper: whoever may see what it is about; the same 404 for missing and
hidden objects (the gates are the clusters app's own)."""

from django.shortcuts import get_object_or_404

from thidua.clusters.access import cluster_for_viewing
from thidua.clusters.models import Cluster, EmulationYear
from thidua.clusters.queries import years_visible_to


def year_for_papers(user, year_id: int) -> EmulationYear:
    return get_object_or_404(years_visible_to(user), pk=year_id)


def cluster_for_papers(user, cluster_id: int) -> Cluster:
    return cluster_for_viewing(user, cluster_id)
