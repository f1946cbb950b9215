"""The machine interface of ``contracts/eligibility.md``: contract JSON in, contract JSON out."""

from __future__ import annotations

from typing import Any

from .engine import evaluate_case
from .errors import ContractError
from .parsing import parse_payload

__all__ = ["ContractError", "evaluate_payload"]


def evaluate_payload(payload: Any) -> dict:
    """Evaluate every case of a contract input (a decoded JSON object).

    Raises :class:`ContractError` before evaluating anything when the input is invalid.
    """
    cases = parse_payload(payload)
    return {"results": [evaluate_case(case).as_dict() for case in cases]}
