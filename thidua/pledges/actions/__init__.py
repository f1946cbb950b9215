"""Every write to pledges: atomic, validated (Vietnamese messages), audited.

Other apps use `sign_pledge`, `open_for_signing`, `amend_pledge`; the pages use all of them.
"""

from .content import (
    add_criterion,
    add_group,
    add_key_task,
    add_rule,
    delete_criterion,
    delete_group,
    delete_key_task,
    delete_rule,
    set_grades,
    set_tie_breaks,
    update_criterion,
    update_group,
    update_key_task,
    update_rule,
)
from .imports import import_criteria
from .pledges import (
    amend_pledge,
    copy_pledge,
    create_pledge,
    discard_draft,
    update_settings,
)
from .signing import open_for_signing, sign_pledge, withdraw_from_signing

__all__ = [
    "add_criterion",
    "add_group",
    "add_key_task",
    "add_rule",
    "amend_pledge",
    "copy_pledge",
    "create_pledge",
    "delete_criterion",
    "delete_group",
    "delete_key_task",
    "delete_rule",
    "discard_draft",
    "import_criteria",
    "open_for_signing",
    "set_grades",
    "set_tie_breaks",
    "sign_pledge",
    "update_criterion",
    "update_group",
    "update_key_task",
    "update_rule",
    "update_settings",
    "withdraw_from_signing",
]
