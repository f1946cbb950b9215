from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.queries import clusters_of_unit
from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error

from . import access, actions, queries
from .forms import EndUnitForm, PersonEditForm, PersonForm, UnitEditForm, UnitForm
from .models import Unit


def _managed_units(user, *, also=None):
    q = scope_of(user).subtree_q("path", Role.BOARD_OFFICER)
    if also is not None:
        q |= Q(pk=also)
    return queries.in_vietnamese_order(Unit.objects.filter(q))


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organizations/unit_tree.html", {"roots": queries.tree_roots(request.user)}
    )


@login_required
def unit_children(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for_viewing(request.user, unit_id)
    return render(
        request,
        "organizations/_unit_children.html",
        {"units": queries.children_of(unit, request.user)},
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for_viewing(request.user, unit_id)
    scope = scope_of(request.user)
    people = queries.people_in_vietnamese_order(
        queries.people_visible_to(request.user).filter(unit=unit)
    )
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "ancestors": queries.ancestors_of(unit),
            "children": queries.children_of(unit, request.user),
            "people": people,
            "lineage": queries.lineage(unit),
            "clusters": clusters_of_unit(request.user, unit),
            "can_manage": scope.reaches(unit, Role.BOARD_OFFICER),
            "can_add_people": scope.reaches(unit, Role.BOARD_OFFICER, Role.UNIT_OFFICER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    parent = access.unit_for_managing(request.user, unit_id)
    form = UnitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                unit = actions.create_unit(parent=parent, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Unit created."))
                return redirect("organizations:unit_detail", unit.pk)
    return render(
        request, "organizations/unit_form.html", {"form": form, "parent": parent}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for_managing(request.user, unit_id)
    parents = _managed_units(request.user, also=unit.parent_id).exclude(path__startswith=unit.path)
    initial = {f: getattr(unit, f) for f in actions.UNIT_FIELDS} | {"version": unit.version}
    form = UnitEditForm(request.POST or None, initial=initial, parents=parents)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            if unit.parent_id is None and data["parent"] is None:
                data.pop("parent")
            try:
                actions.update_unit(unit=unit, version=version, by=request.user, **data)
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Unit saved."))
                return redirect("organizations:unit_detail", unit.pk)
    return render(
        request, "organizations/unit_form.html", {"form": form, "unit": unit}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_end(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for_managing(request.user, unit_id)
    candidates = _managed_units(request.user).filter(valid_to__isnull=True).exclude(pk=unit.pk)
    form = EndUnitForm(request.POST or None, candidates=candidates)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.end_unit(unit=unit, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("The unit has ended; its history passes on."))
                return redirect("organizations:unit_detail", unit.pk)
    return render(
        request, "organizations/unit_end.html", {"form": form, "unit": unit}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.unit_for_people(request.user, unit_id)
    form = PersonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.create_person(unit=unit, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Person added."))
                return redirect("organizations:unit_detail", unit.pk)
    return render(
        request, "organizations/person_form.html", {"form": form, "unit": unit}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.person_for_editing(request.user, person_id)
    initial = {f: getattr(person, f) for f in actions.PERSON_FIELDS if f != "unit"} | {
        "version": person.version
    }
    form = PersonEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                actions.update_person(person=person, version=version, by=request.user, **data)
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Person saved."))
                return redirect("organizations:unit_detail", person.unit_id)
    return render(
        request,
        "organizations/person_form.html",
        {"form": form, "unit": person.unit, "person": person},
        status=status,
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    results = queries.search(request.user, text)
    template = "organizations/_search_results.html" if request.htmx else "organizations/search.html"
    return render(request, template, {"q": text, **results})
