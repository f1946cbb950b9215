"""Pledge pages: the list, a new pledge (empty or copied), the pledge page, settings,
amendments, discarding a draft, the comparison of two versions and the running total."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, actions, queries, validation
from ..forms import AmendForm, ConfirmForm, PledgeCreateForm, SettingsForm
from ._common import detail_url, posted, submit, version_context


def _year(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


@login_required
@require_GET
def pledge_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "pledges/pledge_list.html",
        {
            "pledges": queries.pledge_list(request.user, year=year),
            "years": queries.available_years(request.user),
            "year": year,
            "awaiting": queries.clusters_awaiting_pledge(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_pledging(request.user, cluster_id)
    existing = queries.pledges_visible_to(request.user).filter(cluster=cluster).first()
    if existing is not None:
        return redirect("pledges:pledge_detail", existing.pk)
    sources = queries.copy_sources(request.user, cluster)
    year = cluster.emulation_year.year
    last_year = [s for s in sources if s.pledge.cluster.emulation_year.year == year - 1]
    same = [s for s in last_year if s.pledge.cluster.number == cluster.number]
    form = PledgeCreateForm(
        posted(request),
        sources=sources,
        initial={
            "title": _("Emulation pledge %(year)s") % {"year": year},
            "scale": 100,
            "theme": cluster.emulation_year.theme,
            "source": (same or last_year or [None])[0],
        },
    )

    def run(data):
        if data["source"] is not None:
            return actions.copy_pledge(
                cluster=cluster, source=data["source"], title=data["title"], by=request.user
            )
        return actions.create_pledge(
            cluster=cluster,
            title=data["title"],
            scale=data["scale"],
            theme=data["theme"],
            by=request.user,
        )

    return submit(
        request,
        form,
        run,
        success=lambda pledge: reverse("pledges:pledge_detail", args=[pledge.pk]),
        message=_("Pledge created as a draft."),
        template="pledges/pledge_create.html",
        context={"cluster": cluster},
    )


@login_required
@require_GET
def pledge_detail(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = access.pledge_for_viewing(request.user, pledge_id)
    versions = queries.versions_of(pledge)
    wanted = request.GET.get("v")
    version = next((v for v in versions if str(v.number) == wanted), versions[-1])
    version.pledge = pledge
    can_edit = access.can_edit_pledge(request.user, pledge.cluster)
    signing = queries.signing_status(version)
    return render(
        request,
        "pledges/pledge_detail.html",
        {
            "pledge": pledge,
            "cluster": pledge.cluster,
            "version": version,
            "versions": versions,
            "previous": next((v for v in versions if v.number == version.number - 1), None),
            "latest": versions[-1],
            "last_year": queries.last_years_version(request.user, pledge.cluster),
            "in_force": queries.version_in_force(pledge),
            "signing": signing,
            "my_units": queries.unsigned_units(request.user, signing),
            "can_edit": can_edit,
            "editable": can_edit and version.is_draft,
            **queries.version_content(version),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    initial = {
        "title": version.title,
        "theme": version.theme,
        "commitments": version.commitments,
        "scale": version.scale,
        "bonus_cap": validation.number_text(version.bonus_cap),
        "penalty_cap": validation.number_text(version.penalty_cap),
        "reason": version.reason,
        "version": version.version,
    }
    form = SettingsForm(posted(request), initial=initial, amendment=version.is_amendment)
    return submit(
        request,
        form,
        lambda data: actions.update_settings(pledge_version=version, by=request.user, **data),
        success=detail_url(version),
        message=_("Pledge settings saved."),
        context=version_context(version, _("Pledge settings")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = access.pledge_for_editing(request.user, pledge_id)
    latest = pledge.versions.order_by("-number").first()
    latest.pledge = pledge
    return submit(
        request,
        AmendForm(posted(request)),
        lambda data: actions.amend_pledge(pledge=pledge, reason=data["reason"], by=request.user),
        success=detail_url,
        message=_("Amendment drafted: edit it, then open it for signing."),
        context=version_context(
            latest,
            _("Draft an amendment"),
            intro=_(
                "The amendment starts as a copy of the version in force. Every member signs "
                "it again; until then the current version stays in force."
            ),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def discard(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    after = (
        detail_url(queries.previous_version(version))
        if version.is_amendment
        else reverse("clusters:cluster_detail", args=[version.pledge.cluster_id])
    )
    return submit(
        request,
        ConfirmForm(posted(request)),
        lambda data: actions.discard_draft(pledge_version=version, by=request.user),
        success=after,
        message=_("Draft discarded."),
        context=version_context(
            version,
            _("Discard this draft"),
            intro=(
                _("The amendment will be deleted; the version in force stays.")
                if version.is_amendment
                else _("The whole draft pledge will be deleted.")
            ),
            button=_("Discard"),
            danger=True,
        ),
    )


@login_required
@require_GET
def compare(request: HttpRequest, old_id: int, new_id: int) -> HttpResponse:
    old = access.version_for_viewing(request.user, old_id)
    new = access.version_for_viewing(request.user, new_id)
    return render(
        request,
        "pledges/compare.html",
        {"old": old, "new": new, "diff": queries.compare_versions(old, new)},
    )


@login_required
@require_GET
def running_total(request: HttpRequest, version_id: int) -> HttpResponse:
    """htmx partial: the total of maxima while a criterion's maximum is being typed."""
    version = access.version_for_editing(request.user, version_id)
    try:
        max_score = validation.parse_number(request.GET.get("max_score"))
    except ValueError:
        max_score = None
    try:
        criterion_id = int(request.GET.get("criterion", ""))
    except ValueError:
        criterion_id = None
    if criterion_id is not None and not version.criteria.filter(pk=criterion_id).exists():
        raise Http404
    total = queries.running_total(version, criterion_id=criterion_id, max_score=max_score)
    return render(request, "pledges/_total.html", {"total": total})
