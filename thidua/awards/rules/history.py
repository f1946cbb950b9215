"""The history model: what the engine knows about one subject, as parsed and validated data.

The contract's JSON (``contracts/eligibility.md``) is parsed into these classes by
``parsing.py``; the registry will build the same classes from the database, so the rules
never see raw JSON.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Vocabulary of the contract besides the catalogue codes.
PENDING_MATTERS = ("discipline", "investigation", "inspection", "complaint")
FACTS = (
    "exemplary",
    "united",
    "exceeded_targets",
    "party_clean_strong",
    "thrift_anticorruption_lead",
    "grassroots_democracy",
    "active_in_movements",
    "excellent_in_movement",
)
MERIT, SUDDEN, THEMATIC = "merit", "sudden", "thematic"
AWARD_BASES = (MERIT, SUDDEN, THEMATIC)
INITIATIVE, RESEARCH = "initiative", "research"
CLUSTER_ORGANISERS = ("province", "central")
MOVEMENT_LAUNCHERS = ("province", "prime_minister")
MEMBER_COUNTS = (
    "total",
    "completed",
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "disciplined_canh_cao_or_heavier",
)


@dataclass(frozen=True)
class Subject:
    kind: str  # individual | collective
    founded: datetime.date | None = None
    can_receive_flag: bool = True
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class Honour:
    """A title or form held for a year, whether recorded as ``title`` or as ``award``."""

    year: int
    code: str
    basis: str = MERIT
    based_on: tuple[str, ...] = ()

    @property
    def counts_in_chains(self) -> bool:
        # Sudden and thematic awards never count in a chain (NĐ 152 art. 4.3).
        return self.basis == MERIT


@dataclass(frozen=True)
class Innovation:
    """A recognised initiative (sáng kiến) or an accepted research project (đề tài)."""

    year: int
    id: str
    scope: str
    kind: str  # initiative | research


@dataclass(frozen=True)
class Discipline:
    year: int
    code: str
    ended: datetime.date | None = None


@dataclass(frozen=True)
class Members:
    """A collective's member counts for one year."""

    year: int
    total: int
    completed: int
    lao_dong_tien_tien: int
    chien_si_thi_dua_co_so: int
    disciplined_canh_cao_or_heavier: int


@dataclass(frozen=True)
class ClusterResult:
    year: int
    leading: bool
    organised_by: str  # province | central


@dataclass(frozen=True)
class MovementResult:
    year: int
    leading: bool
    launched_by: str  # province | prime_minister
    years: int
    thematic: bool = False


@dataclass(frozen=True)
class History:
    ratings: dict[int, str] = field(default_factory=dict)
    maternity_years: frozenset[int] = frozenset()
    honours: tuple[Honour, ...] = ()
    innovations: tuple[Innovation, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    members: dict[int, Members] = field(default_factory=dict)
    clusters: tuple[ClusterResult, ...] = ()
    movements: tuple[MovementResult, ...] = ()
    facts: frozenset[tuple[int, str]] = frozenset()


@dataclass(frozen=True)
class Request:
    code: str
    year: int
    route: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    subject: Subject
    history: History
    request: Request
