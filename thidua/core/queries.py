"""Reads of the audit trail: the board sees the changes made in its subtree."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.organizations.models import Unit

from .models import AuditEntry


def audit_visible_to(user) -> QuerySet[AuditEntry]:
    if user.is_superuser:
        return AuditEntry.objects.all()
    scope = scope_of(user)
    units = Unit.objects.filter(scope.subtree_q("path", Role.BOARD_OFFICER))
    return AuditEntry.objects.filter(unit__in=units)


def filter_audit(
    entries: QuerySet[AuditEntry],
    *,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(Q(actor_label__icontains=actor))
    if object_type:
        entries = entries.filter(object_type=object_type)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries.select_related("unit").order_by("-created_at", "-id")
