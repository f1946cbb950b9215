"""Who stands in a cluster's leading-unit election.

The candidates come from the cluster's **published ranking** when the scoring app provides one,
and otherwise from the leader's choice among the members. The ranking is never invented here.

Interface provided by the scoring app (``thidua.scoring``)::

    # thidua/scoring/queries.py
    def published_ranking(cluster) -> list[int] | None:
        '''The unit ids of the cluster's members in the order of its published ranking
        (best first; ties already resolved by the pledge's tie-break), or None while no
        ranking has been published for the cluster's year.'''

`candidates_for` calls it only when ``thidua.scoring`` is installed and the function exists; ids
that are not (or no longer) members of the cluster are skipped, so the ranking can only narrow
the members, never add to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps

from thidua.clusters.models import Cluster
from thidua.clusters.queries import members_in_vietnamese_order
from thidua.organizations.models import Unit

from .models import CandidateSource

DEFAULT_TOP_N = 3
SCORING_APP = "thidua.scoring"


@dataclass(frozen=True)
class Candidates:
    source: str  # CandidateSource
    units: tuple[Unit, ...]  # ranked: the top N in ranking order; leader's pick: every member
    ranks: dict[int, int]  # unit id → position in the published ranking (ranked only)

    @property
    def ranked(self) -> bool:
        return self.source == CandidateSource.RANKING


def published_ranking(cluster: Cluster) -> list[int] | None:
    """The scoring app's published ranking of ``cluster`` (unit ids, best first), or None."""
    if not apps.is_installed(SCORING_APP):
        return None
    try:
        provider = import_module(f"{SCORING_APP}.queries").published_ranking
    except (ImportError, AttributeError):
        return None
    ranking = provider(cluster)
    return list(ranking) if ranking else None


def candidates_for(cluster: Cluster, top_n: int = DEFAULT_TOP_N) -> Candidates:
    """The top ``top_n`` members of the published ranking; without a ranking, every member, for
    the leader to pick from (the choice is theirs, and the ballot records it as such)."""
    ranking = published_ranking(cluster)
    if ranking:
        members = {u.pk: u for u in Unit.objects.filter(cluster_memberships__cluster=cluster)}
        # A unit listed twice (two published rounds, say) stands once, at its best place.
        ranked = [uid for uid in dict.fromkeys(ranking) if uid in members]
        ranks = {uid: position for position, uid in enumerate(ranked, start=1)}
        top = tuple(members[uid] for uid in ranked[: max(top_n, 1)])
        return Candidates(CandidateSource.RANKING, top, {u.pk: ranks[u.pk] for u in top})
    return Candidates(CandidateSource.LEADER, tuple(members_in_vietnamese_order(cluster)), {})
