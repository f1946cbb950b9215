"""Every write of the campaigns app: atomic, validated with Vietnamese messages, audited.

Actions take keyword arguments and `by` (the acting user, None for the demo loader); edits take
the `version` the editor saw and raise StaleEditError when someone saved in between.
"""

from .campaigns import add_target, create_campaign, update_campaign
from .inspections import (
    plan_inspection,
    recognise_exemplar,
    record_inspection,
    record_replication,
    update_exemplar,
)
from .movements import create_movement, derived_level, recognise_movement_leader, update_movement
from .progress import report_progress, update_progress_report
from .registrations import register_for_emulation, set_registration_rule, update_registration
from .reminders import ReminderOutcome, mark_notification_read, send_registration_reminders

__all__ = [
    "ReminderOutcome",
    "add_target",
    "create_campaign",
    "create_movement",
    "derived_level",
    "mark_notification_read",
    "plan_inspection",
    "recognise_exemplar",
    "recognise_movement_leader",
    "record_inspection",
    "record_replication",
    "register_for_emulation",
    "report_progress",
    "send_registration_reminders",
    "set_registration_rule",
    "update_campaign",
    "update_exemplar",
    "update_movement",
    "update_progress_report",
    "update_registration",
]
