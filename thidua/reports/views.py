"""Report pages and files: access → read (or validate → action) → respond."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.scope import scope_of
from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error
from thidua.documents.batches import kinds_for
from thidua.documents.charts import to_chartjs
from thidua.documents.engine import UnsupportedFormat
from thidua.documents.engine import render as render_paper
from thidua.organizations.models import Unit
from thidua.organizations.queries import in_vietnamese_order

from . import access, actions, summary
from . import report as report_module
from .models import SummaryDraft
from .papers import ANNUAL_SUMMARY, YEAR_REPORT
from .queries import cluster_scope, unit_scope


def _file(paper, fmt: str, **kwargs) -> HttpResponse:
    try:
        data, filename, content_type = render_paper(paper, fmt, **kwargs)
    except UnsupportedFormat:
        raise Http404 from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Choose a unit (the user's own units and those right under them) and a year."""
    scope = scope_of(request.user)
    units = in_vietnamese_order(
        Unit.objects.filter(scope.subtree_q("path")).filter(pk__in=list(scope.unit_ids()))
        | Unit.objects.filter(parent_id__in=list(scope.unit_ids()))
    )
    this_year = timezone.localdate().year
    years = list(range(this_year, access.FIRST_YEAR - 1, -1))[:15]
    unit_id, year = request.GET.get("unit"), request.GET.get("year")
    if unit_id and year and unit_id.isdigit() and year.isdigit():
        unit = access.unit_for_reports(request.user, int(unit_id))
        return redirect("reports:unit_report", unit.pk, access.report_year(year))
    return render(
        request,
        "reports/index.html",
        {"units": units, "years": years, "default_year": this_year - 1},
    )


def _page(
    request, scope, *, files: dict, summary_url: str, can_draft: bool, batches
) -> HttpResponse:
    built = report_module.build(scope)
    charts = [
        {"key": f"chart-{spec.key}", "title": spec.title, "config": to_chartjs(spec)}
        for spec in built.charts()
    ]
    return render(
        request,
        "reports/report.html",
        {
            "scope": scope,
            "report": built,
            "charts": charts,
            "files": files,
            "summary_url": summary_url,
            "can_draft": can_draft,
            "batches": batches,
        },
    )


@login_required
@require_GET
def unit_report(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    unit = access.unit_for_reports(request.user, int(unit_id))
    year = access.report_year(year)
    files = {
        fmt: reverse("reports:unit_report_file", args=[unit.pk, year, fmt])
        for fmt in YEAR_REPORT.formats
    }
    return _page(
        request,
        unit_scope(unit, year),
        files=files,
        summary_url=reverse("reports:unit_summary", args=[unit.pk, year]),
        can_draft=access.may_draft_for_unit(request.user, unit),
        batches=[],
    )


@login_required
@require_GET
def unit_report_file(request: HttpRequest, unit_id: int, year: int, fmt: str) -> HttpResponse:
    unit = access.unit_for_reports(request.user, int(unit_id))
    return _file(YEAR_REPORT, fmt, scope=unit_scope(unit, access.report_year(year)))


@login_required
@require_GET
def cluster_report(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_reports(request.user, int(cluster_id))
    files = {
        fmt: reverse("reports:cluster_report_file", args=[cluster.pk, fmt])
        for fmt in YEAR_REPORT.formats
    }
    batches = [
        (kind, reverse("documents:batch_start", args=[kind.code, cluster.pk]))
        for kind in kinds_for("cluster")
    ] + [
        (kind, reverse("documents:batch_start", args=[kind.code, cluster.emulation_year_id]))
        for kind in kinds_for("year")
    ]
    return _page(
        request,
        cluster_scope(cluster),
        files=files,
        summary_url=reverse("reports:cluster_summary", args=[cluster.pk]),
        can_draft=access.may_draft_for_cluster(request.user, cluster),
        batches=batches,
    )


@login_required
@require_GET
def cluster_report_file(request: HttpRequest, cluster_id: int, fmt: str) -> HttpResponse:
    cluster = access.cluster_for_reports(request.user, int(cluster_id))
    return _file(YEAR_REPORT, fmt, scope=cluster_scope(cluster))


# --- the annual summary -----------------------------------------------------------------------


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the report"),
        widget=forms.Textarea(attrs={"rows": 28, "class": "form-control font-monospace"}),
        max_length=actions.MAX_CHARS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _summary_page(request, scope, *, owner: dict, file_urls: dict, back: str) -> HttpResponse:
    draft = SummaryDraft.objects.filter(**owner, year=scope.year).first()
    status = 200
    if request.method == "POST" and "regenerate" in request.POST:
        form = SummaryForm(
            initial={"text": summary.draft_text(scope), "version": draft.version if draft else None}
        )
        messages.info(request, _("A new draft was generated from the figures; save it to keep it."))
    elif request.method == "POST":
        form = SummaryForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                actions.save_summary_draft(
                    **owner,
                    year=scope.year,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
                draft = SummaryDraft.objects.filter(**owner, year=scope.year).first()
            else:
                messages.success(request, _("The draft is saved."))
                return redirect(request.path)
    else:
        text = draft.text if draft else summary.draft_text(scope)
        form = SummaryForm(initial={"text": text, "version": draft.version if draft else None})
    context = {
        "scope": scope,
        "form": form,
        "draft": draft,
        "file_urls": file_urls,
        "back": back,
    }
    return render(request, "reports/summary.html", context, status=status)


def _summary_text(scope, owner: dict) -> str:
    draft = SummaryDraft.objects.filter(**owner, year=scope.year).first()
    return draft.text if draft else summary.draft_text(scope)


@login_required
@require_http_methods(["GET", "POST"])
def unit_summary(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    unit = access.unit_for_drafting(request.user, int(unit_id))
    year = access.report_year(year)
    files = {
        fmt: reverse("reports:unit_summary_file", args=[unit.pk, year, fmt])
        for fmt in ANNUAL_SUMMARY.formats
    }
    return _summary_page(
        request,
        unit_scope(unit, year),
        owner={"unit": unit},
        file_urls=files,
        back=reverse("reports:unit_report", args=[unit.pk, year]),
    )


@login_required
@require_GET
def unit_summary_file(request: HttpRequest, unit_id: int, year: int, fmt: str) -> HttpResponse:
    unit = access.unit_for_drafting(request.user, int(unit_id))
    scope = unit_scope(unit, access.report_year(year))
    return _file(ANNUAL_SUMMARY, fmt, scope=scope, text=_summary_text(scope, {"unit": unit}))


@login_required
@require_http_methods(["GET", "POST"])
def cluster_summary(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_drafting(request.user, int(cluster_id))
    files = {
        fmt: reverse("reports:cluster_summary_file", args=[cluster.pk, fmt])
        for fmt in ANNUAL_SUMMARY.formats
    }
    return _summary_page(
        request,
        cluster_scope(cluster),
        owner={"cluster": cluster},
        file_urls=files,
        back=reverse("reports:cluster_report", args=[cluster.pk]),
    )


@login_required
@require_GET
def cluster_summary_file(request: HttpRequest, cluster_id: int, fmt: str) -> HttpResponse:
    cluster = access.cluster_for_drafting(request.user, int(cluster_id))
    scope = cluster_scope(cluster)
    return _file(ANNUAL_SUMMARY, fmt, scope=scope, text=_summary_text(scope, {"cluster": cluster}))
