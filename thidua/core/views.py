from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.accounts.models import Role, RoleAssignment
from thidua.accounts.scope import scope_of
from thidua.clusters.queries import cluster_list


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
