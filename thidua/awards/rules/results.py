"""Verdicts as values, turned into the contract's output JSON by ``as_dict``."""

from __future__ import annotations

from dataclasses import dataclass

ELIGIBLE, NOT_ELIGIBLE, BLOCKED = "eligible", "not_eligible", "blocked"


@dataclass(frozen=True)
class ConditionResult:
    basis: str  # the article, in Vietnamese
    met: bool
    message: str  # Vietnamese, naming the years and counts used

    def as_dict(self) -> dict:
        return {"basis": self.basis, "met": self.met, "message": self.message}


@dataclass(frozen=True)
class RouteResult:
    route: str
    verdict: str
    conditions: tuple[ConditionResult, ...]

    def as_dict(self) -> dict:
        return {
            "route": self.route,
            "verdict": self.verdict,
            "conditions": [c.as_dict() for c in self.conditions],
        }


@dataclass(frozen=True)
class CaseResult:
    id: str
    verdict: str
    regime: str
    routes: tuple[RouteResult, ...]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "verdict": self.verdict,
            "regime": self.regime,
            "routes": [r.as_dict() for r in self.routes],
        }
