"""Reads of the award catalogue and registry. Pages and the API start from ``visible_to``
querysets; histories and eligibility are built set-wise (see ``history``)."""

from .catalog import (
    award_types,
    award_types_for,
    base_salary_on,
    bonus_amount,
    bonus_amounts,
    regime_on,
)
from .history import (
    Records,
    check_all,
    check_many,
    check_subject,
    default_year,
    histories_for,
    history_for,
    history_page,
    member_counts,
    with_request,
)
from .registry import (
    board_units,
    decision_list,
    decisions_visible_to,
    recipient_candidates,
    recipients_of,
    subject_search,
)

__all__ = [
    "Records",
    "award_types",
    "award_types_for",
    "base_salary_on",
    "board_units",
    "bonus_amount",
    "bonus_amounts",
    "check_all",
    "check_many",
    "check_subject",
    "decision_list",
    "decisions_visible_to",
    "default_year",
    "histories_for",
    "history_for",
    "history_page",
    "member_counts",
    "recipient_candidates",
    "recipients_of",
    "regime_on",
    "subject_search",
    "with_request",
]
