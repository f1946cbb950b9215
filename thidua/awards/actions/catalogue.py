"""Restore the catalogue when its rows are missing.

The data migration ``0002_load_award_catalogue`` loads the catalogue on ``migrate``. A database
flushed afterwards (``manage.py flush``, or a transactional test) keeps the schema but loses those
rows; ``ensure_catalogue`` runs the migration's own loader again, so there is one loader only.
It writes configuration, not anyone's record, so it leaves no audit row (like the migration).
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.db import transaction

from ..models import AwardType

MIGRATION = "thidua.awards.migrations.0002_load_award_catalogue"


@transaction.atomic
def ensure_catalogue() -> bool:
    """Load the catalogue if no award type exists; True when it had to be loaded."""
    if AwardType.objects.exists():
        return False
    import_module(MIGRATION).load(apps, None)
    return True
