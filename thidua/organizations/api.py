from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from thidua.api.pagination import BoundedPagination

from . import access, queries

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    parent_id: int | None
    kind: str
    short_name: str
    name: str
    depth: int
    valid_from: date | None
    valid_to: date | None
    is_sample: bool


class PersonOut(Schema):
    id: int
    unit_id: int
    family_name: str
    middle_name: str
    given_name: str
    full_name: str
    sex: str
    position: str
    is_sample: bool


@router.get("/units", response=list[UnitOut])
@paginate(BoundedPagination)
def list_units(request, q: str = "", parent: int | None = None):
    """Units the caller may see, in Vietnamese order; `q` ignores diacritics."""
    units = queries.units_visible_to(request.user)
    if q:
        from thidua.core import vn

        units = units.filter(search_text__contains=vn.fold(q))
    if parent is not None:
        units = units.filter(parent_id=parent)
    return queries.in_vietnamese_order(units)


@router.get("/units/{unit_id}", response=UnitOut)
def get_unit(request, unit_id: int):
    return access.unit_for_viewing(request.user, unit_id)


@router.get("/units/{unit_id}/people", response=list[PersonOut])
@paginate(BoundedPagination)
def list_people(request, unit_id: int):
    unit = access.unit_for_viewing(request.user, unit_id)
    people = queries.people_visible_to(request.user).filter(unit=unit)
    return queries.people_in_vietnamese_order(people)


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    return get_object_or_404(queries.people_visible_to(request.user), pk=person_id)
