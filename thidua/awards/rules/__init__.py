"""The eligibility engine: may this person or collective be proposed for this title or form for
year Y, and why? Rules follow ``regulations.md`` article by article, as data plus small functions.

Public API:

- :func:`evaluate_payload` / :class:`ContractError`: the JSON contract (``contract.py``);
- :func:`evaluate_case` on a :class:`~.history.Case` built by the registry (``engine.py``);
- :data:`RULES`, :func:`rules_for`, :func:`known_routes`: the rules as data (``registry.py``);
- :func:`regime_for_year`: the regime in force at the end of a year (``catalog.py``).
"""

from .catalog import CATALOG, regime_for_year
from .contract import ContractError, evaluate_payload
from .engine import evaluate_case
from .registry import RULES, known_routes, rules_for

__all__ = [
    "CATALOG",
    "RULES",
    "ContractError",
    "evaluate_case",
    "evaluate_payload",
    "known_routes",
    "regime_for_year",
    "rules_for",
]
