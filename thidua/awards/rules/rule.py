"""A rule: one route to one title or form, as data the engine (and later the database) reads."""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import Condition

REGIMES_2022 = ("luat_2022_nd_98_2023", "luat_2022_nd_152_2025")
REGIME_2013 = "luat_2013_nd_91_2017"


@dataclass(frozen=True, kw_only=True)
class Quota:
    """A cap checked over a set of subjects (a unit's proposals), never on one history."""

    description: str  # Vietnamese, with its source
    percent: int | None = None  # of the population ``of``
    count: int | None = None  # per ``per``
    of: str | None = None
    per: str = "unit"


@dataclass(frozen=True, kw_only=True)
class Rule:
    code: str  # title or form code of the catalogue
    route: str  # article route, e.g. "22.1", "74.1.d"; the same id under every regime
    subject: str  # individual | collective
    regimes: tuple[str, ...]
    article: str  # the route's article, in Vietnamese
    conditions: tuple[Condition, ...] = ()
    quota: Quota | None = None
    modelled: bool = True  # False: the regime's rule is not modelled, and the route says so
