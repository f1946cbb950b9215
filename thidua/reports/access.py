"""Who sees a report: whoever holds a role in the unit or above it (a report covers the unit's
whole subtree, so a fellow cluster member or a unit below does not see it). Missing and hidden
units alike answer 404. Drafting the annual summary is for board and unit officers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import cluster_for_viewing
from thidua.clusters.models import Cluster
from thidua.organizations.models import Unit

DRAFTERS = (Role.BOARD_OFFICER, Role.UNIT_OFFICER)
FIRST_YEAR = 2000


def report_year(value) -> int:
    """A year a report can cover (2000 to next year); any other answers 404, like the page."""
    year = int(value)
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def unit_for_reports(user, unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.filter(scope_of(user).subtree_q("path")), pk=unit_id)


def cluster_for_reports(user, cluster_id: int) -> Cluster:
    return cluster_for_viewing(user, cluster_id)


def may_draft_for_unit(user, unit: Unit) -> bool:
    return scope_of(user).reaches(unit, *DRAFTERS)


def may_draft_for_cluster(user, cluster: Cluster) -> bool:
    """The cluster's leader and deputy units' officers, and the organiser's board."""
    scope = scope_of(user)
    if scope.reaches(cluster.emulation_year.unit, Role.BOARD_OFFICER):
        return True
    return any(
        u is not None and scope.holds_in(u, Role.UNIT_OFFICER)
        for u in (cluster.leader, cluster.deputy)
    )


def unit_for_drafting(user, unit_id: int) -> Unit:
    unit = unit_for_reports(user, unit_id)
    if not may_draft_for_unit(user, unit):
        raise PermissionDenied
    return unit


def cluster_for_drafting(user, cluster_id: int) -> Cluster:
    cluster = cluster_for_reports(user, cluster_id)
    if not may_draft_for_cluster(user, cluster):
        raise PermissionDenied
    return cluster
