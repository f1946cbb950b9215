"""The pledge pages, one module per concern."""

from .content import (
    criterion_add,
    criterion_delete,
    criterion_edit,
    grades_edit,
    group_add,
    group_delete,
    group_edit,
    key_task_add,
    key_task_delete,
    key_task_edit,
    rule_add,
    rule_delete,
    rule_edit,
    tie_breaks_edit,
)
from .excel import criteria_export, criteria_import, criteria_template
from .pages import (
    amend,
    compare,
    discard,
    pledge_create,
    pledge_detail,
    pledge_list,
    running_total,
    settings_edit,
)
from .papers import signed_pledge
from .signing import open_signing, sign, withdraw

__all__ = [
    "amend",
    "compare",
    "criteria_export",
    "criteria_import",
    "criteria_template",
    "criterion_add",
    "criterion_delete",
    "criterion_edit",
    "discard",
    "grades_edit",
    "group_add",
    "group_delete",
    "group_edit",
    "key_task_add",
    "key_task_delete",
    "key_task_edit",
    "open_signing",
    "pledge_create",
    "pledge_detail",
    "pledge_list",
    "rule_add",
    "rule_delete",
    "rule_edit",
    "running_total",
    "settings_edit",
    "sign",
    "signed_pledge",
    "tie_breaks_edit",
    "withdraw",
]
