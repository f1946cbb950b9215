"""Writes to a round as a whole: open it, change its dates, close it, settle ties, publish it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster, ClusterMembership
from thidua.core import audit
from thidua.core.errors import StaleEditError
from thidua.pledges.models import AdjustmentRule, Criterion, Pledge
from thidua.pledges.queries import version_in_force

from .. import consolidation, queries
from ..models import RoundStatus, RoundUnit, ScoreLine, ScoringRound, UnitResult
from ..points import free_points
from ._common import lock_round, long_text, required_text, user_or_none

ROUND_FIELDS = (
    "title",
    "opens_on",
    "closes_on",
    "grace_days",
    "discrepancy_threshold",
    "status",
    "pledge_version",
)


def _check_settings(
    cluster: Cluster,
    opens_on: datetime.date,
    closes_on: datetime.date,
    grace_days: Any,
    threshold: Any,
) -> tuple[int, Decimal]:
    if not isinstance(opens_on, datetime.date) or not isinstance(closes_on, datetime.date):
        raise ValidationError({"opens_on": _("Enter the opening and closing dates.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The closing date cannot be before the opening.")})
    year = cluster.emulation_year.year
    if not year <= opens_on.year <= year + 1 or not year <= closes_on.year <= year + 1:
        raise ValidationError(
            {
                "opens_on": _("Scoring for %(year)s takes place in %(year)s or early %(next)s.")
                % {"year": year, "next": year + 1}
            }
        )
    if isinstance(grace_days, bool) or not isinstance(grace_days, int) or not 0 <= grace_days <= 60:
        raise ValidationError({"grace_days": _("Enter a number of days from 0 to 60.")})
    threshold = free_points(threshold, Decimal(1000), "discrepancy_threshold")
    return grace_days, threshold


@transaction.atomic
def create_round(
    *,
    cluster: Cluster,
    opens_on: datetime.date,
    closes_on: datetime.date,
    grace_days: int = 0,
    discrepancy_threshold: Any = 0,
    title: str = "",
    is_sample: bool = False,
    by,
) -> ScoringRound:
    """Open the scoring of a cluster against the version of its pledge in force on the closing
    date: every member gets a line per criterion and per bonus or penalty rule."""
    grace_days, threshold = _check_settings(
        cluster, opens_on, closes_on, grace_days, discrepancy_threshold
    )
    pledge = Pledge.objects.filter(cluster=cluster).first()
    version = version_in_force(pledge, closes_on) if pledge else None
    if version is None:
        raise ValidationError(
            _("The cluster's pledge has not been signed by every member yet: nothing to score.")
        )
    title = (
        required_text(title, "title")
        if title
        else (
            _("Scoring of %(cluster)s in %(year)s")
            % {"cluster": cluster.name, "year": cluster.emulation_year.year}
        )
    )
    try:
        with transaction.atomic():
            scoring_round = ScoringRound.objects.create(
                cluster=cluster,
                pledge_version=version,
                title=title,
                opens_on=opens_on,
                closes_on=closes_on,
                grace_days=grace_days,
                discrepancy_threshold=threshold,
                created_by=user_or_none(by),
                is_sample=is_sample,
            )
    except IntegrityError as exc:
        raise ValidationError(_("This cluster already has a scoring round.")) from exc
    unit_ids = list(
        ClusterMembership.objects.filter(cluster=cluster)
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
    )
    criteria = list(
        Criterion.objects.filter(pledge_version=version).order_by("pk").values_list("pk", flat=True)
    )
    rules = list(
        AdjustmentRule.objects.filter(pledge_version=version)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    RoundUnit.objects.bulk_create(
        RoundUnit(round=scoring_round, unit_id=u, is_sample=is_sample) for u in unit_ids
    )
    ScoreLine.objects.bulk_create(
        [
            ScoreLine(round=scoring_round, unit_id=u, criterion_id=c, is_sample=is_sample)
            for u in unit_ids
            for c in criteria
        ]
        + [
            ScoreLine(round=scoring_round, unit_id=u, rule_id=r, is_sample=is_sample)
            for u in unit_ids
            for r in rules
        ],
        batch_size=1000,
    )
    audit.record(
        actor=by,
        action="scoring.round.created",
        obj=scoring_round,
        after={
            **audit.snapshot(scoring_round, ROUND_FIELDS),
            "units": unit_ids,
            "criteria": len(criteria),
            "rules": len(rules),
        },
        unit=cluster.leader,
    )
    return scoring_round


@transaction.atomic
def update_round(
    *,
    scoring_round: ScoringRound,
    version: int,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    grace_days: int,
    discrepancy_threshold: Any,
    by,
) -> ScoringRound:
    """Change the title, dates, grace period or discrepancy threshold of a round not published."""
    locked = lock_round(scoring_round)
    if locked.version != version:
        raise StaleEditError(current=locked)
    if locked.status == RoundStatus.PUBLISHED:
        raise ValidationError(_("The round is published: its settings can no longer change."))
    grace_days, threshold = _check_settings(
        locked.cluster, opens_on, closes_on, grace_days, discrepancy_threshold
    )
    before = audit.snapshot(locked, ROUND_FIELDS)
    locked.title = required_text(title, "title")
    locked.opens_on, locked.closes_on = opens_on, closes_on
    locked.grace_days, locked.discrepancy_threshold = grace_days, threshold
    locked.version += 1
    locked.save(
        update_fields=[
            "title",
            "opens_on",
            "closes_on",
            "grace_days",
            "discrepancy_threshold",
            "version",
        ]
    )
    audit.record(
        actor=by,
        action="scoring.round.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, ROUND_FIELDS),
        unit=locked.cluster.leader,
    )
    return locked


@transaction.atomic
def close_round(
    *, scoring_round: ScoringRound, by, now: datetime.datetime | None = None
) -> ScoringRound:
    """End self-scoring (a conditional update: closing twice changes nothing and says so)."""
    now = now or timezone.now()
    changed = ScoringRound.objects.filter(pk=scoring_round.pk, status=RoundStatus.OPEN).update(
        status=RoundStatus.CLOSED, closed_at=now, version=F("version") + 1
    )
    if not changed:
        raise ValidationError(_("Only an open round can be closed."))
    scoring_round.refresh_from_db()
    audit.record(
        actor=by,
        action="scoring.round.closed",
        obj=scoring_round,
        before={"status": RoundStatus.OPEN},
        after={"status": RoundStatus.CLOSED, "closed_at": now},
        unit=scoring_round.cluster.leader,
    )
    return scoring_round


@transaction.atomic
def decide_ties(
    *, scoring_round: ScoringRound, orders: dict[int, int], reason: str, by
) -> ScoringRound:
    """Record the assessing body's order among units that the tie-break chain cannot separate:
    `orders` maps unit ids to 1, 2, 3 … (lower ranks first)."""
    locked = lock_round(scoring_round)
    if locked.status != RoundStatus.CLOSED:
        raise ValidationError(_("Ties are decided once the round is closed, before publication."))
    reason = long_text(reason, "reason", required=True)
    values = list(orders.values())
    if not orders or any(
        isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 999 for v in values
    ):
        raise ValidationError({"orders": _("Give each tied unit an order: 1, 2, 3 …")})
    if len(set(values)) != len(values):
        raise ValidationError({"orders": _("Two units cannot have the same order.")})
    members = {m.unit_id: m for m in RoundUnit.objects.filter(round=locked, unit_id__in=orders)}
    if set(members) != set(orders):
        raise ValidationError({"orders": _("A unit is not part of this round.")})
    before = {str(u): m.tie_order for u, m in members.items()}
    for unit_id, member in members.items():
        member.tie_order, member.tie_reason = orders[unit_id], reason
        member.version += 1
    RoundUnit.objects.bulk_update(members.values(), ["tie_order", "tie_reason", "version"])
    audit.record(
        actor=by,
        action="scoring.tie.decided",
        obj=locked,
        before=before,
        after={str(u): o for u, o in orders.items()},
        reason=reason,
        unit=locked.cluster.leader,
    )
    return locked


def publication_blockers(scoring_round: ScoringRound) -> list[str]:
    """Why the round cannot be published yet (empty when it can)."""
    problems = []
    if scoring_round.status != RoundStatus.CLOSED:
        problems.append(_("Close the round before publishing it."))
    unresolved = queries.discrepancies(scoring_round).filter(validated_points__isnull=True).count()
    if unresolved:
        problems.append(
            _("%(n)s discrepancy(ies) between self and cross scores are not resolved yet.")
            % {"n": unresolved}
        )
    ties = [s for s in consolidation.standings([scoring_round]) if s.is_unresolved_tie]
    if ties:
        problems.append(
            _(
                "%(n)s unit(s) are tied after the whole tie-break chain: record the assessing "
                "body's decision first."
            )
            % {"n": len(ties)}
        )
    return problems


@transaction.atomic
def publish_round(
    *, scoring_round: ScoringRound, by, now: datetime.datetime | None = None
) -> ScoringRound:
    """Publish the ranking: the round is locked (a conditional update on its state) and every
    unit's standing is stored as published."""
    now = now or timezone.now()
    locked = lock_round(scoring_round)
    problems = publication_blockers(locked)
    if problems:
        raise ValidationError(problems)
    changed = ScoringRound.objects.filter(pk=locked.pk, status=RoundStatus.CLOSED).update(
        status=RoundStatus.PUBLISHED,
        published_at=now,
        published_by=user_or_none(by),
        version=F("version") + 1,
    )
    if not changed:
        raise ValidationError(_("Only a closed round can be published."))
    standings = consolidation.standings([locked])
    groups = queries.group_scores([locked])
    version = locked.pledge_version
    UnitResult.objects.bulk_create(
        UnitResult(
            round=locked,
            unit_id=s.unit_id,
            rank=s.rank,
            base=s.base,
            bonus=s.bonus,
            penalty=s.penalty,
            total=s.total,
            self_total=s.self_total,
            zero_count=s.zero_count,
            at_max_count=s.at_max_count,
            grade=s.grade,
            tie_kind=s.tie_kind,
            tie_group_id=s.tie_group_id,
            groups={str(g): str(p) for g, p in groups.get((locked.pk, s.unit_id), {}).items()},
            scale=version.scale,
            year=locked.cluster.emulation_year.year,
        )
        for s in standings
    )
    locked.refresh_from_db()
    audit.record(
        actor=by,
        action="scoring.round.published",
        obj=locked,
        before={"status": RoundStatus.CLOSED},
        after={
            "status": RoundStatus.PUBLISHED,
            "published_at": now,
            "ranking": [
                {"unit": s.unit_id, "rank": s.rank, "total": s.total, "grade": s.grade}
                for s in standings
            ],
        },
        unit=locked.cluster.leader,
    )
    return locked
