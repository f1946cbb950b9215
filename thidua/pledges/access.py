"""Object gates for pledges: 404 when the cluster is invisible, 403 when visible without the role.

Drafting (the pledge and its amendments): officers of the cluster's leader and deputy units, and
the board that manages the cluster. Signing: each member unit's officer, for that unit only.
Reading: whoever can see the cluster.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thidua.clusters.access import can_manage_cluster, cluster_for_viewing, leads_cluster
from thidua.clusters.models import Cluster
from thidua.organizations.models import Unit

from .models import AdjustmentRule, ContentGroup, Criterion, KeyTask, Pledge, PledgeVersion
from .queries import pledges_visible_to, signing_units, versions_visible_to

PLEDGE_RELATED = ("cluster__emulation_year__unit", "cluster__leader", "cluster__deputy")
VERSION_RELATED = tuple(f"pledge__{r}" for r in PLEDGE_RELATED)


def can_edit_pledge(user, cluster: Cluster) -> bool:
    return leads_cluster(user, cluster) or can_manage_cluster(user, cluster)


def cluster_for_pledging(user, cluster_id: int) -> Cluster:
    cluster = cluster_for_viewing(user, cluster_id)
    if not can_edit_pledge(user, cluster):
        raise PermissionDenied
    return cluster


def pledge_for_viewing(user, pledge_id: int) -> Pledge:
    return get_object_or_404(pledges_visible_to(user).select_related(*PLEDGE_RELATED), pk=pledge_id)


def pledge_for_editing(user, pledge_id: int) -> Pledge:
    pledge = pledge_for_viewing(user, pledge_id)
    if not can_edit_pledge(user, pledge.cluster):
        raise PermissionDenied
    return pledge


def version_for_viewing(user, version_id: int) -> PledgeVersion:
    return get_object_or_404(
        versions_visible_to(user).select_related(*VERSION_RELATED), pk=version_id
    )


def version_for_editing(user, version_id: int) -> PledgeVersion:
    version = version_for_viewing(user, version_id)
    if not can_edit_pledge(user, version.pledge.cluster):
        raise PermissionDenied
    return version


def _part_for_editing(model, user, part_id: int):
    part = get_object_or_404(
        model.objects.filter(pledge_version__in=versions_visible_to(user)).select_related(
            *(f"pledge_version__{r}" for r in VERSION_RELATED)
        ),
        pk=part_id,
    )
    if not can_edit_pledge(user, part.pledge_version.pledge.cluster):
        raise PermissionDenied
    return part


def key_task_for_editing(user, task_id: int) -> KeyTask:
    return _part_for_editing(KeyTask, user, task_id)


def group_for_editing(user, group_id: int) -> ContentGroup:
    return _part_for_editing(ContentGroup, user, group_id)


def criterion_for_editing(user, criterion_id: int) -> Criterion:
    return _part_for_editing(Criterion, user, criterion_id)


def rule_for_editing(user, rule_id: int) -> AdjustmentRule:
    return _part_for_editing(AdjustmentRule, user, rule_id)


def version_for_signing(user, version_id: int) -> tuple[PledgeVersion, list[Unit]]:
    """The version and the member units the user signs for; 403 when they sign for none."""
    version = version_for_viewing(user, version_id)
    units = signing_units(user, version)
    if not units:
        raise PermissionDenied
    return version, units


def unit_for_signing(units: list[Unit], unit_id) -> Unit:
    """One of the user's member units; another unit (a member or not) is refused with 403."""
    for unit in units:
        if str(unit.pk) == str(unit_id):
            return unit
    raise PermissionDenied
