"""Object gates: the object or 404 (missing and invisible look alike), then 403 for a wrong role.

Who does what:
- the board of the launching unit (or above) creates and edits movements and peak campaigns,
  their targets, and records a movement's leading units;
- the cluster's leader and deputy (officers of those units) set the registration rule and
  deadline, plan cross-inspections and send reminders;
- a member's unit officer registers and reports progress for that unit only;
- the inspecting unit's officer (or the leader, deputy) records an inspection's findings;
- the recognising unit's board or officer records exemplars and their replications.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import cluster_for_viewing, leads_cluster
from thidua.clusters.models import Cluster
from thidua.core.db import vi
from thidua.organizations.models import Unit

from . import queries
from .models import (
    Exemplar,
    Inspection,
    Movement,
    Notification,
    PeakCampaign,
    ProgressReport,
    Target,
)

# --- who may launch --------------------------------------------------------------------------


def can_launch(user, unit: Unit) -> bool:
    """The board of a unit (or above it) launches movements and campaigns for it."""
    return scope_of(user).reaches(unit, Role.BOARD_OFFICER)


def launching_units(user) -> QuerySet[Unit]:
    """Units the user can launch for: those where they hold the board role."""
    ids = scope_of(user).unit_ids(Role.BOARD_OFFICER)
    return Unit.objects.filter(pk__in=ids, valid_to__isnull=True).order_by(vi("short_name"), "pk")


def launching_units_or_403(user) -> QuerySet[Unit]:
    units = launching_units(user)
    if not units.exists():
        raise PermissionDenied
    return units


# --- movements and campaigns -----------------------------------------------------------------


def movement_for_viewing(user, movement_id: int) -> Movement:
    return get_object_or_404(
        queries.movements_visible_to(user).select_related("launched_by", "cluster__emulation_year"),
        pk=movement_id,
    )


def movement_for_managing(user, movement_id: int) -> Movement:
    movement = movement_for_viewing(user, movement_id)
    if not can_launch(user, movement.launched_by):
        raise PermissionDenied
    return movement


def campaign_for_viewing(user, campaign_id: int) -> PeakCampaign:
    return get_object_or_404(
        queries.campaigns_visible_to(user).select_related("launched_by", "cluster", "movement"),
        pk=campaign_id,
    )


def campaign_for_managing(user, campaign_id: int) -> PeakCampaign:
    campaign = campaign_for_viewing(user, campaign_id)
    if not can_launch(user, campaign.launched_by):
        raise PermissionDenied
    return campaign


def target_for_reporting(user, target_id: int) -> tuple[Target, QuerySet[Unit]]:
    """The target and the user's own units that may report on it (403 when none)."""
    target = get_object_or_404(
        queries.targets_visible_to(user).select_related(
            "campaign__launched_by", "movement__launched_by"
        ),
        pk=target_id,
    )
    units = queries.reporting_units(user, target.owner)
    if not units.exists():
        raise PermissionDenied
    return target, units


def report_for_editing(user, report_id: int) -> ProgressReport:
    report = get_object_or_404(
        queries.reports_visible_to(user).select_related(
            "unit", "target__campaign", "target__movement"
        ),
        pk=report_id,
    )
    if not scope_of(user).holds_in(report.unit, Role.UNIT_OFFICER):
        raise PermissionDenied
    return report


# --- clusters: registrations, reminders, inspections -----------------------------------------


def cluster_for_leading(user, cluster_id: int) -> Cluster:
    """The leader and deputy set the rule, plan inspections and send reminders."""
    cluster = cluster_for_viewing(user, cluster_id)
    if not leads_cluster(user, cluster):
        raise PermissionDenied
    return cluster


def member_for_registering(user, cluster_id: int, unit_id: int) -> tuple[Cluster, Unit]:
    """A member's own officer registers for it; another unit's officer gets 403."""
    cluster = cluster_for_viewing(user, cluster_id)
    unit = get_object_or_404(Unit.objects.filter(cluster_memberships__cluster=cluster), pk=unit_id)
    if not scope_of(user).holds_in(unit, Role.UNIT_OFFICER):
        raise PermissionDenied
    return cluster, unit


def can_record_inspection(user, inspection: Inspection) -> bool:
    return leads_cluster(user, inspection.cluster) or scope_of(user).holds_in(
        inspection.inspecting, Role.UNIT_OFFICER
    )


def inspection_for_recording(user, inspection_id: int) -> Inspection:
    inspection = get_object_or_404(
        queries.inspections_visible_to(user).select_related(
            "cluster__emulation_year",
            "cluster__leader",
            "cluster__deputy",
            "inspecting",
            "inspected",
        ),
        pk=inspection_id,
    )
    if not can_record_inspection(user, inspection):
        raise PermissionDenied
    return inspection


# --- exemplars -------------------------------------------------------------------------------


def can_recognise(user, unit: Unit) -> bool:
    scope = scope_of(user)
    return scope.reaches(unit, Role.BOARD_OFFICER) or scope.holds_in(unit, Role.UNIT_OFFICER)


def recognising_units_or_403(user) -> QuerySet[Unit]:
    """Units the user records exemplars for: where they hold the board or officer role."""
    ids = scope_of(user).unit_ids(Role.BOARD_OFFICER, Role.UNIT_OFFICER)
    units = Unit.objects.filter(pk__in=ids, valid_to__isnull=True).order_by(vi("short_name"), "pk")
    if not units.exists():
        raise PermissionDenied
    return units


def exemplar_for_viewing(user, exemplar_id: int) -> Exemplar:
    return get_object_or_404(
        queries.exemplars_visible_to(user).select_related(
            "person__unit", "unit", "recognised_by", "movement"
        ),
        pk=exemplar_id,
    )


def exemplar_for_managing(user, exemplar_id: int) -> Exemplar:
    exemplar = exemplar_for_viewing(user, exemplar_id)
    if not can_recognise(user, exemplar.recognised_by):
        raise PermissionDenied
    return exemplar


# --- notifications ---------------------------------------------------------------------------


def notification_for_reading(user, notification_id: int) -> Notification:
    return get_object_or_404(Notification.objects.filter(recipient=user), pk=notification_id)
