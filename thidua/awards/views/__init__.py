"""Thin views of the awards app: access → validate → action → redirect or render."""

from .decisions import (
    decision_create,
    decision_detail,
    decision_edit,
    recipient_add,
    recipient_remove,
)
from .history import history, index
from .imports import import_discard, import_preview, import_template, import_upload
from .records import (
    discipline_create,
    discipline_edit,
    fact_create,
    fact_remove,
    initiative_create,
    initiative_edit,
    maternity_create,
    maternity_remove,
    matter_close,
    matter_create,
    rating_create,
    rating_edit,
)

__all__ = [
    "decision_create",
    "decision_detail",
    "decision_edit",
    "discipline_create",
    "discipline_edit",
    "fact_create",
    "fact_remove",
    "history",
    "import_discard",
    "import_preview",
    "import_template",
    "import_upload",
    "index",
    "initiative_create",
    "initiative_edit",
    "maternity_create",
    "maternity_remove",
    "matter_close",
    "matter_create",
    "rating_create",
    "rating_edit",
    "recipient_add",
    "recipient_remove",
]
