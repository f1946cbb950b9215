"""Discrepancies between self and cross scores, and the validated scores that settle them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, actions, queries
from ..forms import ValidateForm, as_text
from ._base import form_page


def discrepancies_url(scoring_round, unit_id=None) -> str:
    url = reverse("scoring:discrepancies", args=[scoring_round.pk])
    return f"{url}?unit={unit_id}" if unit_id else url


@login_required
def discrepancies(request: HttpRequest, round_id: int) -> HttpResponse:
    """Per unit, the lines where self and cross scores differ beyond the round's threshold."""
    scoring_round = access.round_for_overseeing(request.user, round_id)
    try:
        unit_id = int(request.GET.get("unit", ""))
    except ValueError:
        unit_id = None
    rows = queries.discrepancy_rows(scoring_round, unit_id)
    units: dict[int, dict] = {}
    for line in rows:
        entry = units.setdefault(line.unit_id, {"unit": line.unit, "lines": [], "open": 0})
        line.can_validate = scoring_round.is_closed and access.can_validate(
            request.user, scoring_round, line.unit
        )
        entry["lines"].append(line)
        entry["open"] += line.validated_points is None
    context = {
        "round": scoring_round,
        "cluster": scoring_round.cluster,
        "units": list(units.values()),
        "counts": queries.discrepancy_counts(scoring_round),
        "members": queries.members_of(scoring_round),
        "unit_id": unit_id,
        "leads": access.leads(request.user, scoring_round),
    }
    if request.htmx:
        return render(request, "scoring/_discrepancies.html", context)
    return render(request, "scoring/discrepancies.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resolve(request: HttpRequest, line_id: int) -> HttpResponse:
    """Set the validated score of a line, with a written reason (audited)."""
    line = access.line_for_validating(request.user, line_id)
    initial = {
        "points": as_text(
            line.validated_points if line.validated_points is not None else line.self_points
        ),
        "reason": line.validated_reason,
        "version": line.version,
    }
    form = ValidateForm(request.POST or None, initial=initial)
    back = discrepancies_url(line.round, line.unit_id)
    return form_page(
        request,
        form,
        run=lambda data: actions.validate_score(line=line, by=request.user, **data),
        done=lambda saved: back,
        success=_("Validated score saved."),
        template="scoring/resolve.html",
        context={
            "title": _("Validate the score — %(line)s") % {"line": line},
            "line": line,
            "round": line.round,
            "cross_scores": line.cross_scores.select_related("scorer").order_by("scorer_id"),
            "evidence": line.evidence.all(),
            "back": back,
        },
    )
