"""Every write of the scoring app: atomic, validated with Vietnamese messages, audited.

Actions take keyword arguments and `by` (the acting user, None for the demo loader); edits take
the `version` the editor saw and raise StaleEditError when someone saved in between.
"""

from .assignments import assign_cross_scorers
from .reminders import ReminderOutcome, send_scoring_reminders
from .rounds import (
    close_round,
    create_round,
    decide_ties,
    publication_blockers,
    publish_round,
    update_round,
)
from .scores import (
    add_evidence,
    entry_for,
    missing_for_submission,
    remove_evidence,
    save_cross_score,
    save_self_score,
    submit_self_scoring,
    validate_score,
)

__all__ = [
    "ReminderOutcome",
    "add_evidence",
    "assign_cross_scorers",
    "close_round",
    "create_round",
    "decide_ties",
    "entry_for",
    "missing_for_submission",
    "publication_blockers",
    "publish_round",
    "remove_evidence",
    "save_cross_score",
    "save_self_score",
    "send_scoring_reminders",
    "submit_self_scoring",
    "update_round",
    "validate_score",
]
