"""What a user's roles reach. Roles are held in units and reach the unit's whole subtree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .models import Role, RoleAssignment


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    path: str


class Scope:
    def __init__(self, grants: list[Grant]):
        self.grants = grants

    @property
    def is_empty(self) -> bool:
        return not self.grants

    def unit_ids(self, *roles: str) -> set[int]:
        return {g.unit_id for g in self.grants if not roles or g.role in roles}

    def reaches(self, unit, *roles: str) -> bool:
        """True when a grant (of one of `roles`, or any) is held in `unit` or an ancestor."""
        return any(
            unit.path.startswith(g.path) for g in self.grants if not roles or g.role in roles
        )

    def holds_in(self, unit, role: str) -> bool:
        """True when `role` is held in exactly this unit (an officer acts for their own unit)."""
        return any(g.unit_id == unit.pk and g.role == role for g in self.grants)

    def subtree_q(self, field: str = "path", *roles: str) -> Q:
        """A filter for units (through `field`, a path) under any grant; empty scope → none."""
        q = Q(pk__in=[])
        for g in self.grants:
            if not roles or g.role in roles:
                q |= Q(**{f"{field}__startswith": g.path})
        return q

    def ancestor_ids(self) -> set[int]:
        ids: set[int] = set()
        for g in self.grants:
            ids.update(int(part) for part in g.path.strip("/").split("/") if part)
        return ids


def scope_of(user) -> Scope:
    """The user's grants, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return Scope([])
    cached = getattr(user, "_thidua_scope", None)
    if cached is None:
        rows = RoleAssignment.objects.filter(user=user).values_list("role", "unit_id", "unit__path")
        cached = Scope([Grant(role, unit_id, path) for role, unit_id, path in rows])
        user._thidua_scope = cached
    return cached


def role_labels() -> dict[str, str]:
    return dict(Role.choices)
