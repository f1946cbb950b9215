"""The campaigns app's models, one module per topic; import them from here."""

from .inspections import Exemplar, Inspection, InspectionStatus, Replication
from .movements import (
    LaunchLevel,
    MeasureKind,
    Movement,
    MovementKind,
    MovementLeader,
    PeakCampaign,
    ProgressReport,
    Target,
    format_measure,
    short_vn_date,
)
from .registrations import (
    DEFAULT_MIN_MODELS,
    ModelKind,
    Notification,
    NotificationKind,
    RegisteredModel,
    RegisteredTitle,
    Registration,
    RegistrationRule,
)

__all__ = [
    "DEFAULT_MIN_MODELS",
    "Exemplar",
    "Inspection",
    "InspectionStatus",
    "LaunchLevel",
    "MeasureKind",
    "ModelKind",
    "Movement",
    "MovementKind",
    "MovementLeader",
    "Notification",
    "NotificationKind",
    "PeakCampaign",
    "ProgressReport",
    "RegisteredModel",
    "RegisteredTitle",
    "Registration",
    "RegistrationRule",
    "Replication",
    "Target",
    "format_measure",
    "short_vn_date",
]
