"""The bulk page: the people under a unit eligible (or not) for a title or form in a year.

Mounted with its own ``urlpatterns`` (``/awards/bulk/<unit id>/`` and ``/awards/bulk/?unit=<id>``),
so ``awards/urls.py`` only includes it. Query string: ``year``, ``code`` (a code of
``BULK_CODES``), ``status`` (``eligible``, ``not_eligible``, ``all``) and ``page``. The list is
one set-wise query; the reasons of the page's people (at most ``PAGE_SIZE``) come from the
engine, so they are the same conditions and articles as on each person's history page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.organizations.models import Unit
from thidua.organizations.queries import units_visible_to

from ..queries import bulk as q
from ..rules.catalog import award_name
from ..rules.results import BLOCKED, ELIGIBLE
from ._common import year_param

PAGE_SIZE = 50
ROLES = (Role.BOARD_OFFICER, Role.UNIT_OFFICER)


def unit_for_bulk(user, unit_id: int) -> Unit:
    """The unit, for board officers and unit officers of it or above (404 unseen, 403 others)."""
    unit = get_object_or_404(units_visible_to(user), pk=unit_id)
    if not scope_of(user).reaches(unit, *ROLES):
        raise PermissionDenied
    return unit


def shown_reasons(result: dict) -> tuple[str, list[dict]]:
    """(verdict, the conditions to print): the met conditions of an eligible route, else the
    unmet ones of every route (the history page has them all)."""
    verdict = result["verdict"]
    if verdict == ELIGIBLE:
        route = next(r for r in result["routes"] if r["verdict"] == ELIGIBLE)
        return verdict, route["conditions"]
    unmet = [c for r in result["routes"] for c in r["conditions"] if not c["met"]]
    return verdict, list({c["message"]: c for c in unmet}.values())


@login_required
@require_GET
def bulk(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    if unit_id is None:
        raw = request.GET.get("unit", "")
        if not raw.isdigit():
            raise Http404
        unit_id = int(raw)
    unit = unit_for_bulk(request.user, unit_id)
    year = year_param(request) or timezone.localdate().year - 1
    code = request.GET.get("code", "")
    code = code if code in q.BULK_CODES else next(iter(q.BULK_CODES))
    status = request.GET.get("status", "")
    status = status if status in q.STATUSES else q.ELIGIBLE_ONLY
    counts = q.counts(unit, year, code)
    paginator = Paginator(q.listing(unit, year, code, status), PAGE_SIZE)
    paginator.count = counts[status]  # already counted: the big query runs once more, not twice
    page = paginator.get_page(request.GET.get("page"))
    results = q.reasons_for(page.object_list, code, year)
    filters = request.GET.copy()
    for key in ("unit", "page"):
        filters.pop(key, None)
    scope = scope_of(request.user)
    parent = unit.parent if unit.parent and scope.reaches(unit.parent, *ROLES) else None
    return render(
        request,
        "awards/bulk.html",
        {
            "unit": unit,
            "parent": parent,
            "children": units_visible_to(request.user).filter(parent=unit).order_by("name"),
            "year": year,
            "code": code,
            "award": award_name(code),
            "codes": [(c, award_name(c)) for c in q.BULK_CODES],
            "status": status,
            "counts": counts,
            "page": page,
            "rows": [(p, *shown_reasons(results[p.pk])) for p in page.object_list],
            "filters": filters.urlencode(),
            "ELIGIBLE": ELIGIBLE,
            "BLOCKED": BLOCKED,
        },
    )


urlpatterns = [
    path("", bulk, name="bulk"),
    path("<int:unit_id>/", bulk, name="bulk"),
]
