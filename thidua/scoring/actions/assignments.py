"""The leader assigns who cross-scores whom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit

from ..assignment import all_pairs, cycle_pairs
from ..models import CrossAssignment, CrossMode, CrossScore, RoundUnit, ScoringRound
from ._common import lock_round, require_not_published

MAX_SEED = 2**31 - 1


@transaction.atomic
def assign_cross_scorers(
    *, scoring_round: ScoringRound, mode: str = CrossMode.DERANGEMENT, seed: int | None = None, by
) -> list[CrossAssignment]:
    """Replace the round's assignments: a cycle shuffled from `seed` (default: the round's id,
    so it is reproducible), or all-to-all. Refused once a cross score has been entered."""
    locked = lock_round(scoring_round)
    require_not_published(locked)
    if mode not in CrossMode.values:
        raise ValidationError({"mode": _("Choose how units cross-score each other.")})
    if seed is None:
        seed = locked.pk
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValidationError(
            {"seed": _("Enter a whole number from 0 to %(max)s.") % {"max": MAX_SEED}}
        )
    if CrossScore.objects.filter(round=locked).exists():
        raise ValidationError(
            _("Cross scores have already been entered: the assignments can no longer change.")
        )
    unit_ids = list(RoundUnit.objects.filter(round=locked).values_list("unit_id", flat=True))
    if len(unit_ids) < 2:
        raise ValidationError(_("Cross-scoring needs at least two units."))
    pairs = cycle_pairs(unit_ids, seed) if mode == CrossMode.DERANGEMENT else all_pairs(unit_ids)
    before = sorted(
        CrossAssignment.objects.filter(round=locked).values_list("scorer_id", "scored_id")
    )
    CrossAssignment.objects.filter(round=locked).delete()
    made = CrossAssignment.objects.bulk_create(
        CrossAssignment(round=locked, scorer_id=a, scored_id=b) for a, b in pairs
    )
    before_mode = {"mode": locked.cross_mode, "seed": locked.cross_seed, "pairs": before}
    locked.cross_mode = mode
    locked.cross_seed = seed if mode == CrossMode.DERANGEMENT else None
    locked.version += 1
    locked.save(update_fields=["cross_mode", "cross_seed", "version"])
    audit.record(
        actor=by,
        action="scoring.cross.assigned",
        obj=locked,
        before=before_mode,
        after={"mode": mode, "seed": locked.cross_seed, "pairs": [list(p) for p in pairs]},
        unit=locked.cluster.leader,
    )
    return made
