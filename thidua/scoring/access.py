"""Object gates of scoring: the object or 404 (missing and invisible alike), then 403 for a role
that does not allow the action.

Who does what:
- the cluster's leader and deputy (officers of those units) create and run the round: dates,
  reminders, cross-scoring assignments, closing, ties, publishing; they and the board of the
  organising unit follow the progress, the discrepancies and the scoreboard before publication;
- a member unit's officer self-scores that unit and attaches its evidence;
- the officer of a unit assigned to cross-score another sees that unit's self scores and
  evidence, and cross-scores it;
- the leader sets validated scores, except for the leader's own unit, which the deputy settles
  (the organising unit's board when the cluster has no deputy);
- once published, the scoreboard and score sheet are open to whoever sees the cluster (viewers
  in an ancestor unit included). A unit never sees another unit's scores before that.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import can_manage_cluster, cluster_for_viewing, leads_cluster
from thidua.clusters.models import Cluster, ClusterMembership
from thidua.clusters.queries import clusters_visible_to
from thidua.organizations.models import Unit

from .models import CrossAssignment, Evidence, RoundUnit, ScoreLine, ScoringRound

ROUND_RELATED = (
    "cluster__emulation_year__unit",
    "cluster__leader",
    "cluster__deputy",
    "pledge_version",
)


def rounds_visible_to(user) -> QuerySet[ScoringRound]:
    return ScoringRound.objects.filter(cluster__in=clusters_visible_to(user))


# --- questions --------------------------------------------------------------------------------


def leads(user, scoring_round: ScoringRound) -> bool:
    """The leader's and deputy's officers run the round."""
    return leads_cluster(user, scoring_round.cluster)


def oversees(user, scoring_round: ScoringRound) -> bool:
    """Who follows every unit's scores before publication: the leader, deputy and the board."""
    return leads(user, scoring_round) or can_manage_cluster(user, scoring_round.cluster)


def is_officer_of(user, unit) -> bool:
    return scope_of(user).holds_in(unit, Role.UNIT_OFFICER)


def officer_unit_ids(user) -> set[int]:
    return scope_of(user).unit_ids(Role.UNIT_OFFICER)


def can_validate(user, scoring_round: ScoringRound, unit) -> bool:
    """The leader validates; for the leader's own unit the deputy (or, without a deputy, the
    organising unit's board) does."""
    cluster: Cluster = scoring_round.cluster
    scope = scope_of(user)
    if unit.pk == cluster.leader_id:
        if cluster.deputy_id is not None:
            return scope.holds_in(cluster.deputy, Role.UNIT_OFFICER)
        return can_manage_cluster(user, cluster)
    return cluster.leader_id is not None and scope.holds_in(cluster.leader, Role.UNIT_OFFICER)


def validates_any(user, scoring_round: ScoringRound) -> bool:
    cluster = scoring_round.cluster
    scope = scope_of(user)
    return (
        (cluster.leader_id is not None and scope.holds_in(cluster.leader, Role.UNIT_OFFICER))
        or (cluster.deputy_id is not None and scope.holds_in(cluster.deputy, Role.UNIT_OFFICER))
        or (cluster.deputy_id is None and can_manage_cluster(user, cluster))
    )


def can_see_scoreboard(user, scoring_round: ScoringRound) -> bool:
    return scoring_round.is_published or oversees(user, scoring_round)


def is_assigned(scoring_round: ScoringRound, scorer_id: int, scored_id: int) -> bool:
    return CrossAssignment.objects.filter(
        round=scoring_round, scorer_id=scorer_id, scored_id=scored_id
    ).exists()


# --- gates --------------------------------------------------------------------------------------


def cluster_for_scoring(user, cluster_id: int) -> Cluster:
    return cluster_for_viewing(user, cluster_id)


def cluster_for_leading(user, cluster_id: int) -> Cluster:
    cluster = cluster_for_viewing(user, cluster_id)
    if not leads_cluster(user, cluster):
        raise PermissionDenied
    return cluster


def round_for_viewing(user, round_id: int) -> ScoringRound:
    return get_object_or_404(rounds_visible_to(user).select_related(*ROUND_RELATED), pk=round_id)


def round_for_leading(user, round_id: int) -> ScoringRound:
    scoring_round = round_for_viewing(user, round_id)
    if not leads(user, scoring_round):
        raise PermissionDenied
    return scoring_round


def round_for_overseeing(user, round_id: int) -> ScoringRound:
    scoring_round = round_for_viewing(user, round_id)
    if not oversees(user, scoring_round):
        raise PermissionDenied
    return scoring_round


def round_for_validating(user, round_id: int) -> ScoringRound:
    scoring_round = round_for_viewing(user, round_id)
    if not validates_any(user, scoring_round):
        raise PermissionDenied
    return scoring_round


def _round_in_reach(user, round_id: int) -> ScoringRound:
    """`round_for_viewing` as one query on the round's primary key: the same rule as
    `clusters_visible_to` (the organising unit in the user's subtrees, or a member unit there),
    the organiser checked on the fetched path, the members by an EXISTS on the cluster's
    memberships (indexed by cluster) instead of a semi-join over every visible cluster."""
    scope = scope_of(user)
    if scope.is_empty:
        raise Http404
    members_in_reach = ClusterMembership.objects.filter(
        scope.subtree_q("unit__path"), cluster_id=OuterRef("cluster_id")
    )
    scoring_round = get_object_or_404(
        ScoringRound.objects.select_related(*ROUND_RELATED).annotate(
            member_in_reach=Exists(members_in_reach)
        ),
        pk=round_id,
    )
    if not (
        scope.reaches(scoring_round.cluster.emulation_year.unit) or scoring_round.member_in_reach
    ):
        raise Http404
    return scoring_round


def round_for_scoreboard(user, round_id: int) -> ScoringRound:
    scoring_round = _round_in_reach(user, round_id)
    if not can_see_scoreboard(user, scoring_round):
        raise PermissionDenied
    return scoring_round


def _member(scoring_round: ScoringRound, unit_id: int) -> RoundUnit:
    return get_object_or_404(
        RoundUnit.objects.select_related("unit"), round=scoring_round, unit_id=unit_id
    )


def sheet_for_viewing(user, round_id: int, unit_id: int) -> tuple[ScoringRound, RoundUnit]:
    """A unit's own sheet: its officers (who edit it) and those who oversee the round."""
    scoring_round = round_for_viewing(user, round_id)
    member = _member(scoring_round, unit_id)
    if not (is_officer_of(user, member.unit) or oversees(user, scoring_round)):
        raise PermissionDenied
    return scoring_round, member


def sheet_for_self_scoring(user, round_id: int, unit_id: int) -> tuple[ScoringRound, RoundUnit]:
    scoring_round = round_for_viewing(user, round_id)
    member = _member(scoring_round, unit_id)
    if not is_officer_of(user, member.unit):
        raise PermissionDenied
    return scoring_round, member


def _line(user, line_id: int) -> ScoreLine:
    return get_object_or_404(
        ScoreLine.objects.filter(round__in=rounds_visible_to(user)).select_related(
            "unit", "criterion__group", "rule", *(f"round__{r}" for r in ROUND_RELATED)
        ),
        pk=line_id,
    )


def line_for_self_scoring(user, line_id: int) -> ScoreLine:
    line = _line(user, line_id)
    if not is_officer_of(user, line.unit):
        raise PermissionDenied
    return line


def line_for_validating(user, line_id: int) -> ScoreLine:
    line = _line(user, line_id)
    if not can_validate(user, line.round, line.unit):
        raise PermissionDenied
    return line


def pair_for_cross_viewing(
    user, round_id: int, scorer_id: int, scored_id: int
) -> tuple[ScoringRound, Unit, Unit]:
    """The cross sheet of an assignment: the scorer's officers, and those who oversee."""
    scoring_round = round_for_viewing(user, round_id)
    if not is_assigned(scoring_round, scorer_id, scored_id):
        raise_404()
    scorer, scored = _member(scoring_round, scorer_id).unit, _member(scoring_round, scored_id).unit
    if not (is_officer_of(user, scorer) or oversees(user, scoring_round)):
        raise PermissionDenied
    return scoring_round, scorer, scored


def line_for_cross_scoring(user, line_id: int, scorer_id: int) -> tuple[ScoreLine, Unit]:
    """A line of the scored unit, for the officer of a unit assigned to cross-score it."""
    line = _line(user, line_id)
    if not is_assigned(line.round, scorer_id, line.unit_id):
        raise_404()
    scorer = _member(line.round, scorer_id).unit
    if not is_officer_of(user, scorer):
        raise PermissionDenied
    return line, scorer


def can_see_evidence(user, line: ScoreLine) -> bool:
    if is_officer_of(user, line.unit) or oversees(user, line.round):
        return True
    scorers = CrossAssignment.objects.filter(round_id=line.round_id, scored_id=line.unit_id)
    return bool(set(scorers.values_list("scorer_id", flat=True)) & officer_unit_ids(user))


def evidence_for_download(user, evidence_id: int) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.filter(line__round__in=rounds_visible_to(user)).select_related(
            "line__unit", *(f"line__round__{r}" for r in ROUND_RELATED)
        ),
        pk=evidence_id,
    )
    if not can_see_evidence(user, evidence.line):
        raise PermissionDenied
    return evidence


def evidence_for_removing(user, evidence_id: int) -> Evidence:
    evidence = evidence_for_download(user, evidence_id)
    if not is_officer_of(user, evidence.line.unit):
        raise PermissionDenied
    return evidence


def raise_404():
    raise Http404
