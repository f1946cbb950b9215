"""Object gates: the object or 404 (missing and invisible look alike), then 403 for a wrong role."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of

from .models import Person, Unit
from .queries import people_visible_to, units_visible_to


def unit_for_viewing(user, unit_id: int) -> Unit:
    return get_object_or_404(units_visible_to(user), pk=unit_id)


def unit_for_managing(user, unit_id: int) -> Unit:
    """Board officers manage the tree below (and including) their unit."""
    unit = unit_for_viewing(user, unit_id)
    if not scope_of(user).reaches(unit, Role.BOARD_OFFICER):
        raise PermissionDenied
    return unit


def unit_for_people(user, unit_id: int) -> Unit:
    """Adding people: the unit's own officers and the board above it."""
    unit = unit_for_viewing(user, unit_id)
    if not scope_of(user).reaches(unit, Role.BOARD_OFFICER, Role.UNIT_OFFICER):
        raise PermissionDenied
    return unit


def person_for_editing(user, person_id: int) -> Person:
    person = get_object_or_404(people_visible_to(user).select_related("unit"), pk=person_id)
    if not scope_of(user).reaches(person.unit, Role.BOARD_OFFICER, Role.UNIT_OFFICER):
        raise PermissionDenied
    return person
