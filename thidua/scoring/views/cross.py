"""Cross-scoring: the scorer sees the scored unit's self scores and evidence, and scores it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, actions, queries
from ..forms import CrossScoreForm, as_text
from ..models import CrossScore, RoundStatus
from ._base import run_form


def cross_url(scoring_round, scorer_id: int, scored_id: int) -> str:
    return reverse("scoring:cross_sheet", args=[scoring_round.pk, scorer_id, scored_id])


def cross_form(line, mine: CrossScore | None, data=None) -> CrossScoreForm:
    initial = {"version": 0}
    if mine is not None:
        initial = {
            "value": as_text(mine.value),
            "choice": mine.choice,
            "points": as_text(mine.points),
            "reason": mine.reason,
            "version": mine.version,
        }
    return CrossScoreForm(data, line=line, initial=initial)


@login_required
def cross_sheet(
    request: HttpRequest, round_id: int, scorer_id: int, scored_id: int
) -> HttpResponse:
    scoring_round, scorer, scored = access.pair_for_cross_viewing(
        request.user, round_id, scorer_id, scored_id
    )
    editable = (
        access.is_officer_of(request.user, scorer) and scoring_round.status != RoundStatus.PUBLISHED
    )
    lines = queries.cross_lines(scoring_round, scorer.pk, scored.pk)
    rows = [
        {"line": line, "mine": line.mine, "form": cross_form(line, line.mine) if editable else None}
        for line in lines
    ]
    return render(
        request,
        "scoring/cross_sheet.html",
        {
            "round": scoring_round,
            "cluster": scoring_round.cluster,
            "scorer": scorer,
            "scored": scored,
            "rows": rows,
            "editable": editable,
            "done": sum(1 for r in rows if r["mine"] is not None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cross_score(request: HttpRequest, line_id: int, scorer_id: int) -> HttpResponse:
    line, scorer = access.line_for_cross_scoring(request.user, line_id, scorer_id)
    mine = CrossScore.objects.filter(line=line, scorer=scorer).first()
    form = cross_form(line, mine, request.POST or None)
    status = 200
    if request.method == "POST":
        status, result, current = run_form(
            form,
            lambda data: actions.save_cross_score(
                line=line,
                scorer=scorer,
                version=data["version"],
                reason=data.get("reason", ""),
                by=request.user,
                **form.entry(),
            ),
        )
        if status == 200:
            if not request.htmx:
                messages.success(request, _("Cross score saved."))
                return redirect(cross_url(line.round, scorer.pk, line.unit_id))
            mine, form = result, cross_form(line, result)
            line.saved = True
        elif status == 409:
            mine = current
            line.stale = True
    row = {"line": line, "mine": mine, "form": form}
    context = {"row": row, "editable": True, "round": line.round, "scorer": scorer}
    if request.htmx:
        return render(request, "scoring/_cross_row.html", context, status=status)
    return render(
        request,
        "scoring/line_page.html",
        {
            **context,
            "cross": True,
            "title": str(line),
            "back": cross_url(line.round, scorer.pk, line.unit_id),
        },
        status=status,
    )
