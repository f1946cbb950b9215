"""Who cross-scores whom (pure; no database).

The default is a single cycle through the members in an order shuffled from a seed: every unit
scores exactly one other and is scored by exactly one; nobody scores itself and, from three units
on, no two units score each other. The same members and seed always give the same cycle, whatever
order the members are listed in. With two units they can only score each other; one unit has
nobody to score.
"""

from __future__ import annotations

import random
from collections.abc import Iterable


def cycle_pairs(unit_ids: Iterable[int], seed: int) -> list[tuple[int, int]]:
    """(scorer, scored) pairs of one cycle through the units, shuffled by `seed`."""
    order = sorted(set(unit_ids))
    if len(order) < 2:
        return []
    random.Random(seed).shuffle(order)
    return sorted((order[i], order[(i + 1) % len(order)]) for i in range(len(order)))


def all_pairs(unit_ids: Iterable[int]) -> list[tuple[int, int]]:
    """Every unit scores every other unit."""
    order = sorted(set(unit_ids))
    return [(a, b) for a in order for b in order if a != b]
