"""Object gates: the ballot or 404 (missing and invisible look alike), then 403 for a wrong role.

Who does what:
- an election is organised by the cluster's leader and deputy (officers of those units) or the
  board of the organising unit; each member unit votes once, through its officer;
- a council ballot is organised by the board of the council's unit (the council's standing
  agency); the council members of that unit vote; the organiser records written opinions;
- everyone who sees the ballot sees its progress, checks a receipt, and, once released, reads
  the result and downloads the minutes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import can_manage_cluster, cluster_for_viewing, leads_cluster
from thidua.clusters.models import Cluster
from thidua.core.db import vi
from thidua.organizations.models import Unit

from . import queries
from .models import Ballot, BallotKind, BallotStatus


def ballot_for_viewing(user, ballot_id: int) -> Ballot:
    return get_object_or_404(
        queries.ballots_visible_to(user).select_related(
            "cluster__emulation_year__unit",
            "cluster__leader",
            "cluster__deputy",
            "council_unit",
            "previous",
        ),
        pk=ballot_id,
    )


def can_organise(user, ballot: Ballot) -> bool:
    if ballot.kind == BallotKind.ELECTION:
        return leads_cluster(user, ballot.cluster) or can_manage_cluster(user, ballot.cluster)
    return scope_of(user).reaches(ballot.council_unit, Role.BOARD_OFFICER)


def ballot_for_organising(user, ballot_id: int) -> Ballot:
    ballot = ballot_for_viewing(user, ballot_id)
    if not can_organise(user, ballot):
        raise PermissionDenied
    return ballot


def election_for_deciding(user, ballot_id: int) -> Ballot:
    """The leader and deputy decide after the last round (the board does not)."""
    ballot = ballot_for_viewing(user, ballot_id)
    if ballot.kind != BallotKind.ELECTION:
        raise Http404
    if not leads_cluster(user, ballot.cluster):
        raise PermissionDenied
    return ballot


def council_ballot_for_organising(user, ballot_id: int) -> Ballot:
    """Questions and written opinions belong to council ballots only (404 for an election)."""
    ballot = ballot_for_viewing(user, ballot_id)
    if ballot.kind != BallotKind.COUNCIL:
        raise Http404
    if not can_organise(user, ballot):
        raise PermissionDenied
    return ballot


def ballot_for_casting(user, ballot_id: int) -> Ballot:
    ballot = ballot_for_viewing(user, ballot_id)
    if not queries.may_vote(user, ballot):
        raise PermissionDenied
    return ballot


def released_ballot(user, ballot_id: int) -> Ballot:
    """A ballot whose result may be read: not found while the result is sealed."""
    ballot = ballot_for_viewing(user, ballot_id)
    if ballot.status != BallotStatus.RELEASED:
        raise Http404
    return ballot


def cluster_for_elections(user, cluster_id: int) -> Cluster:
    cluster = cluster_for_viewing(user, cluster_id)
    if not (leads_cluster(user, cluster) or can_manage_cluster(user, cluster)):
        raise PermissionDenied
    return cluster


def council_units(user) -> QuerySet[Unit]:
    """The units whose council the user's board role lets them organise ballots for."""
    ids = scope_of(user).unit_ids(Role.BOARD_OFFICER)
    return Unit.objects.filter(pk__in=ids, valid_to__isnull=True).order_by(vi("short_name"), "pk")


def council_units_or_403(user) -> QuerySet[Unit]:
    units = council_units(user)
    if not units.exists():
        raise PermissionDenied
    return units
