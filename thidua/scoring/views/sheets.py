"""A unit's own sheet: self-scoring line by line, handing it in, evidence files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, actions, queries
from ..actions._common import deadline, require_self_scoring_open
from ..forms import EvidenceForm, SelfScoreForm, as_text
from ._base import form_page, run_form


def sheet_url(scoring_round, unit_id: int) -> str:
    return reverse("scoring:sheet", args=[scoring_round.pk, unit_id])


def self_scoring_open(scoring_round) -> bool:
    try:
        require_self_scoring_open(scoring_round, None)
    except ValidationError:
        return False
    return True


def _initial(line) -> dict:
    return {
        "value": as_text(line.self_value),
        "choice": line.self_choice,
        "points": as_text(line.self_points),
        "note": line.self_note,
        "version": line.version,
    }


def self_form(line, data=None) -> SelfScoreForm:
    return SelfScoreForm(data, line=line, initial=_initial(line))


@login_required
def sheet(request: HttpRequest, round_id: int, unit_id: int) -> HttpResponse:
    """The unit's lines: editable by its officers while self-scoring is open, read by those who
    oversee the round."""
    scoring_round, member = access.sheet_for_viewing(request.user, round_id, unit_id)
    editable = access.is_officer_of(request.user, member.unit) and self_scoring_open(scoring_round)
    lines = queries.sheet_lines(scoring_round, unit_id)
    rows = [{"line": line, "form": self_form(line) if editable else None} for line in lines]
    unscored, lacking = actions.missing_for_submission(member)
    return render(
        request,
        "scoring/sheet.html",
        {
            "round": scoring_round,
            "cluster": scoring_round.cluster,
            "member": member,
            "unit": member.unit,
            "rows": rows,
            "editable": editable,
            "deadline": deadline(scoring_round),
            "unscored": unscored,
            "lacking": lacking,
            "oversees": access.oversees(request.user, scoring_round),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_score(request: HttpRequest, line_id: int) -> HttpResponse:
    """Save one line of the unit's own sheet. htmx gets the line back (200, 400 or 409 with the
    current value); a plain form post goes back to the sheet."""
    line = access.line_for_self_scoring(request.user, line_id)
    form = self_form(line, request.POST or None)
    status, current = 200, None
    if request.method == "POST":
        status, result, current = run_form(
            form,
            lambda data: actions.save_self_score(
                line=line,
                version=data["version"],
                note=data.get("note", ""),
                by=request.user,
                **form.entry(),
            ),
        )
        if status == 200:
            if not request.htmx:
                messages.success(request, _("Score saved."))
                return redirect(sheet_url(line.round, line.unit_id))
            line, form = result, self_form(result)
            line.saved = True
    if current is not None:
        line = current
        line.stale = True
    context = {"row": {"line": line, "form": form}, "editable": True, "round": line.round}
    if request.htmx:
        return render(request, "scoring/_self_row.html", context, status=status)
    return render(
        request,
        "scoring/line_page.html",
        {**context, "title": str(line), "back": sheet_url(line.round, line.unit_id)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, round_id: int, unit_id: int) -> HttpResponse:
    """Hand in the unit's self-scoring (every criterion scored, required evidence attached)."""
    scoring_round, member = access.sheet_for_self_scoring(request.user, round_id, unit_id)
    if request.method == "POST":
        try:
            actions.submit_self_scoring(member=member, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Self-scoring handed in."))
        return redirect(sheet_url(scoring_round, unit_id))
    unscored, lacking = actions.missing_for_submission(member)
    return render(
        request,
        "scoring/confirm.html",
        {
            "round": scoring_round,
            "cluster": scoring_round.cluster,
            "title": _("Hand in the self-scoring of %(unit)s") % {"unit": member.unit.name},
            "text": _(
                "The cluster leader will see that your unit has finished self-scoring; "
                "you can still correct scores until the deadline."
            ),
            "button": _("Hand in"),
            "blockers": [
                *(
                    [_("Not scored yet: %(codes)s.") % {"codes": ", ".join(unscored)}]
                    if unscored
                    else []
                ),
                *(
                    [_("Evidence missing: %(codes)s.") % {"codes": ", ".join(lacking)}]
                    if lacking
                    else []
                ),
                *([_("Already handed in.")] if member.submitted_at else []),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.line_for_self_scoring(request.user, line_id)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    back = sheet_url(line.round, line.unit_id)
    return form_page(
        request,
        form,
        run=lambda data: actions.add_evidence(line=line, upload=data["file"], by=request.user),
        done=lambda evidence: back,
        success=_("Evidence attached."),
        context={
            "title": _("Attach evidence — %(line)s") % {"line": line},
            "intro": line.criterion.evidence if line.criterion_id else "",
            "multipart": True,
            "back": back,
        },
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Served only to the unit, its cross-scorers and those who oversee the round."""
    evidence = access.evidence_for_download(request.user, evidence_id)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = access.evidence_for_removing(request.user, evidence_id)
    line = evidence.line
    back = sheet_url(line.round, line.unit_id)
    if request.method == "POST":
        try:
            actions.remove_evidence(evidence=evidence, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Evidence removed."))
        return redirect(back)
    return render(
        request,
        "scoring/confirm.html",
        {
            "round": line.round,
            "cluster": line.round.cluster,
            "title": _("Remove the evidence “%(name)s”") % {"name": evidence.name},
            "text": str(line),
            "button": _("Remove"),
            "blockers": [],
            "danger": True,
        },
    )
