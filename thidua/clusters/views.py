from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.core.db import vi
from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error
from thidua.organizations.models import Unit

from . import access, actions, queries
from .forms import (
    ClusterDocumentForm,
    ClusterEditForm,
    ClusterForm,
    EmulationYearForm,
    NextLeaderForm,
)


def _member_candidates(emulation_year):
    """Active units below the organiser that can join its clusters."""
    return (
        Unit.objects.filter(path__startswith=emulation_year.unit.path, valid_to__isnull=True)
        .exclude(pk=emulation_year.unit_id)
        .order_by(vi("short_name"), "pk")
    )


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    scope = scope_of(request.user)
    return render(
        request,
        "clusters/cluster_list.html",
        {
            "clusters": queries.cluster_list(request.user, year=year),
            "years": queries.available_years(request.user),
            "year": year,
            "emulation_years": queries.years_visible_to(request.user).filter(
                scope.subtree_q("unit__path", Role.BOARD_OFFICER)
            ),
            "is_board": bool(scope.unit_ids(Role.BOARD_OFFICER)),
        },
    )


@login_required
def cluster_detail(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_viewing(request.user, cluster_id)
    return render(
        request,
        "clusters/cluster_detail.html",
        {
            "cluster": cluster,
            "members": queries.members_in_vietnamese_order(cluster),
            "documents": cluster.documents.all(),
            "can_manage": access.can_manage_cluster(request.user, cluster),
            "leads": access.leads_cluster(request.user, cluster),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_create(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    units = Unit.objects.filter(pk__in=scope.unit_ids(Role.BOARD_OFFICER)).order_by(
        vi("short_name")
    )
    if not units:
        raise PermissionDenied
    form = EmulationYearForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ey = actions.create_emulation_year(
                    unit=units[0], by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Emulation year created."))
                return redirect("clusters:cluster_create", ey.pk)
    return render(
        request, "clusters/year_form.html", {"form": form, "unit": units[0]}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_create(request: HttpRequest, year_id: int) -> HttpResponse:
    emulation_year = access.year_for_managing(request.user, year_id)
    form = ClusterForm(request.POST or None, candidates=_member_candidates(emulation_year))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                cluster = actions.create_cluster(
                    emulation_year=emulation_year,
                    kind=data["kind"],
                    number=data["number"],
                    name=data["name"],
                    description=data["description"],
                    members=list(data["members"]),
                    leader=data["leader"],
                    deputy=data["deputy"],
                    by=request.user,
                )
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Cluster created."))
                return redirect("clusters:cluster_detail", cluster.pk)
    return render(
        request,
        "clusters/cluster_form.html",
        {"form": form, "emulation_year": emulation_year},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_edit(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_managing(request.user, cluster_id)
    initial = {
        "kind": cluster.kind,
        "number": cluster.number,
        "name": cluster.name,
        "description": cluster.description,
        "members": list(cluster.memberships.values_list("unit_id", flat=True)),
        "leader": cluster.leader_id,
        "deputy": cluster.deputy_id,
        "version": cluster.version,
    }
    form = ClusterEditForm(
        request.POST or None,
        initial=initial,
        candidates=_member_candidates(cluster.emulation_year),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.update_cluster(
                    cluster=cluster,
                    version=data["version"],
                    name=data["name"],
                    number=data["number"],
                    description=data["description"],
                    members=list(data["members"]),
                    leader=data["leader"],
                    deputy=data["deputy"],
                    by=request.user,
                )
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Cluster saved."))
                return redirect("clusters:cluster_detail", cluster.pk)
    return render(
        request,
        "clusters/cluster_form.html",
        {"form": form, "cluster": cluster, "emulation_year": cluster.emulation_year},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def next_leader(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_documents(request.user, cluster_id)
    form = NextLeaderForm(
        request.POST or None,
        initial={"next_leader": cluster.next_leader_id},
        candidates=queries.members_in_vietnamese_order(cluster),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.choose_next_leader(
                    cluster=cluster, unit=form.cleaned_data["next_leader"], by=request.user
                )
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Next year's leader recorded."))
                return redirect("clusters:cluster_detail", cluster.pk)
    return render(
        request,
        "clusters/next_leader_form.html",
        {"form": form, "cluster": cluster},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_documents(request.user, cluster_id)
    form = ClusterDocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                actions.add_cluster_document(
                    cluster=cluster, upload=data.pop("file"), by=request.user, **data
                )
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, _("Document added."))
                return redirect("clusters:cluster_detail", cluster.pk)
    return render(
        request, "clusters/document_form.html", {"form": form, "cluster": cluster}, status=status
    )


@login_required
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    doc = access.document_for_download(request.user, document_id)
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=doc.file.name.rsplit("/", 1)[-1],
        content_type=doc.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
