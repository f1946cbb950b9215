"""Every rule the engine knows, and lookups by title or form, subject, regime and route."""

from __future__ import annotations

from .definitions import (
    collective_forms,
    collective_titles,
    earlier_regime,
    individual_forms,
    individual_titles,
)
from .rule import Rule

RULES_2022: tuple[Rule, ...] = (
    individual_titles.RULES
    + collective_titles.RULES
    + individual_forms.RULES
    + collective_forms.RULES
)
RULES: tuple[Rule, ...] = (
    RULES_2022 + earlier_regime.MODELLED + earlier_regime.not_modelled(RULES_2022)
)


def rules_for(code: str, subject: str, regime: str, route: str | None = None) -> list[Rule]:
    """The rules of ``code`` for this subject kind in force under ``regime``, in article order."""
    return [
        r
        for r in RULES
        if r.code == code
        and r.subject == subject
        and regime in r.regimes
        and (route is None or r.route == route)
    ]


def known_routes(code: str, subject: str) -> list[str]:
    """Route ids of ``code`` for this subject kind under any regime."""
    return list(dict.fromkeys(r.route for r in RULES if r.code == code and r.subject == subject))
