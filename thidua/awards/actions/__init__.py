"""Every write of the awards app: atomic, validated, audited (``awards.<object>.<verb>``)."""

from .catalogue import ensure_catalogue
from .decisions import add_recipient, create_decision, remove_recipient, update_decision
from .imports import commit_import, discard_import, preview_import, stage_import
from .records import (
    change_rating,
    close_matter,
    open_matter,
    record_discipline,
    record_fact,
    record_initiative,
    record_maternity_leave,
    record_rating,
    remove_fact,
    remove_maternity_leave,
    update_discipline,
    update_initiative,
)

__all__ = [
    "add_recipient",
    "change_rating",
    "close_matter",
    "commit_import",
    "create_decision",
    "discard_import",
    "ensure_catalogue",
    "open_matter",
    "preview_import",
    "record_discipline",
    "record_fact",
    "record_initiative",
    "record_maternity_leave",
    "record_rating",
    "remove_fact",
    "remove_maternity_leave",
    "remove_recipient",
    "stage_import",
    "update_decision",
    "update_discipline",
    "update_initiative",
]
