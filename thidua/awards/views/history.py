"""The award index and the history page of a person or unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access, queries
from .. import subjects as s
from ._common import year_param


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Decisions the user may see, and a search for the people and units whose history to open."""
    text = request.GET.get("q", "")[:200]
    decisions = queries.decision_list(
        request.user, year=year_param(request), text=request.GET.get("number", "")[:60]
    )
    page = Paginator(decisions, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/index.html",
        {
            "page": page,
            "q": text,
            "found": queries.subject_search(request.user, text) if text else None,
            "can_record_decisions": access.can_record_decisions(request.user),
            "can_import": access.can_import(request.user),
        },
    )


@login_required
@require_GET
def history(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_viewing(request.user, kind, subject_id)
    page = queries.history_page(subject, year_param(request))
    context = {
        "subject": subject,
        "kind": kind,
        "is_person": kind == s.PERSON,
        "can": access.recordable(request.user, subject),
        **page,
    }
    if request.htmx and request.htmx.target == "eligibility":
        return render(request, "awards/_eligibility.html", context)
    return render(request, "awards/history.html", context)
