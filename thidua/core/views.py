from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.accounts.models import Role, RoleAssignment
from thidua.accounts.scope import scope_of
from thidua.clusters.queries import cluster_list

from . import queries
from .forms import AuditFilterForm


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the reverse proxy (and the trivial baseline of the load benchmark): answers
    without touching the session or the database."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the user's roles, the clusters they lead, belong to or oversee."""
    scope = scope_of(request.user)
    roles = RoleAssignment.objects.filter(user=request.user).select_related("unit")
    officer_units = scope.unit_ids(Role.UNIT_OFFICER)
    clusters = list(cluster_list(request.user)[:30])
    return render(
        request,
        "core/home.html",
        {
            "roles": roles,
            "led": [c for c in clusters if {c.leader_id, c.deputy_id} & officer_units],
            "clusters": clusters,
            "is_board": bool(scope.unit_ids(Role.BOARD_OFFICER)),
            "is_council": bool(scope.unit_ids(Role.COUNCIL_MEMBER)),
        },
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The board reads (never edits) who changed what in its units, filtered."""
    if not (request.user.is_superuser or scope_of(request.user).unit_ids(Role.BOARD_OFFICER)):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = queries.audit_visible_to(request.user)
    if form.is_valid():
        entries = queries.filter_audit(entries, **form.cleaned_data)
    else:
        entries = queries.filter_audit(entries)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "query": params.urlencode()},
        status=200 if form.is_valid() or not request.GET else 400,
    )
