"""Pages of movements, peak campaigns, their targets and progress reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.models import Cluster
from thidua.core.db import vi

from .. import access, actions, queries
from ..forms import (
    CampaignEditForm,
    CampaignForm,
    MovementEditForm,
    MovementForm,
    MovementLeaderForm,
    ProgressReportEditForm,
    ProgressReportForm,
    TargetForm,
)
from ..models import MovementKind
from ._base import form_page


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Movements and peak campaigns the user can see, by year and kind; their clusters' pages."""
    year = _int(request.GET.get("year"))
    kind = request.GET.get("kind") if request.GET.get("kind") in MovementKind.values else None
    movements = queries.movement_list(request.user, year=year, kind=kind)
    if request.htmx:
        return render(request, "campaigns/_movement_rows.html", {"movements": movements})
    scope = scope_of(request.user)
    return render(
        request,
        "campaigns/index.html",
        {
            "movements": movements,
            "campaigns": queries.campaign_list(request.user, year=year),
            "clusters": queries.clusters_for_registration(request.user),
            "years": queries.available_years(request.user),
            "year": year,
            "kind": kind,
            "kinds": MovementKind.choices,
            "can_launch": bool(scope.unit_ids(Role.BOARD_OFFICER)),
        },
    )


def _clusters_for(units) -> object:
    return (
        Cluster.objects.filter(
            Q(emulation_year__unit__in=units) | Q(leader__in=units) | Q(deputy__in=units)
        )
        .select_related("emulation_year")
        .order_by("-emulation_year__year", vi("name"), "pk")
    )


@login_required
def movement_detail(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = access.movement_for_viewing(request.user, movement_id)
    return render(
        request,
        "campaigns/movement_detail.html",
        {
            "movement": movement,
            "targets": queries.targets_with_latest(movement),
            "history": queries.report_history(movement),
            "leaders": movement.leaders.select_related("unit").order_by("-year", "pk"),
            "campaigns": movement.campaigns.order_by("-starts_on"),
            "exemplars": movement.exemplars.select_related("person", "unit", "recognised_by"),
            "can_manage": access.can_launch(request.user, movement.launched_by),
            "can_report": queries.reporting_units(request.user, movement).exists(),
            "officer_units": scope_of(request.user).unit_ids(Role.UNIT_OFFICER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request: HttpRequest) -> HttpResponse:
    units = access.launching_units_or_403(request.user)
    form = MovementForm(request.POST or None, units=units, clusters=_clusters_for(units))
    return form_page(
        request,
        form,
        run=lambda data: actions.create_movement(by=request.user, **data),
        done=lambda m: reverse("campaigns:movement_detail", args=[m.pk]),
        success=_("Movement launched."),
        context={"title": _("Launch a movement"), "back": reverse("campaigns:index")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = access.movement_for_managing(request.user, movement_id)
    initial = {
        f: getattr(movement, f)
        for f in ("name", "kind", "start_year", "years", "launched_on", "description", "version")
    }
    form = MovementEditForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        run=lambda data: actions.update_movement(movement=movement, by=request.user, **data),
        done=lambda m: reverse("campaigns:movement_detail", args=[m.pk]),
        success=_("Movement saved."),
        context={
            "title": movement.name,
            "back": reverse("campaigns:movement_detail", args=[movement.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_leader_add(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = access.movement_for_managing(request.user, movement_id)
    units = queries.scope_units(movement).order_by(vi("short_name"), "pk")
    form = MovementLeaderForm(
        request.POST or None, units=units, initial={"year": movement.end_year}
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.recognise_movement_leader(
            movement=movement, by=request.user, **data
        ),
        done=lambda leader: reverse("campaigns:movement_detail", args=[movement.pk]),
        success=_("Leading unit recorded."),
        context={
            "title": _("Leading unit of %(name)s") % {"name": movement.name},
            "back": reverse("campaigns:movement_detail", args=[movement.pk]),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.campaign_for_viewing(request.user, campaign_id)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": queries.targets_with_latest(campaign),
            "history": queries.report_history(campaign),
            "can_manage": access.can_launch(request.user, campaign.launched_by),
            "can_report": queries.reporting_units(request.user, campaign).exists(),
            "officer_units": scope_of(request.user).unit_ids(Role.UNIT_OFFICER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    units = access.launching_units_or_403(request.user)
    movements = (
        queries.movements_visible_to(request.user)
        .filter(Q(launched_by__in=units) | Q(cluster__in=_clusters_for(units)))
        .order_by("-start_year", vi("name"))
    )
    form = CampaignForm(
        request.POST or None, units=units, clusters=_clusters_for(units), movements=movements
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.create_campaign(by=request.user, **data),
        done=lambda c: reverse("campaigns:campaign_detail", args=[c.pk]),
        success=_("Peak campaign launched."),
        context={"title": _("Launch a peak campaign"), "back": reverse("campaigns:index")},
    )


CAMPAIGN_EDIT_FIELDS = (
    "name",
    "occasion",
    "starts_on",
    "ends_on",
    "launched_on",
    "plan_number",
    "plan_date",
    "description",
    "version",
)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.campaign_for_managing(request.user, campaign_id)
    initial = {f: getattr(campaign, f) for f in CAMPAIGN_EDIT_FIELDS}
    form = CampaignEditForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        run=lambda data: actions.update_campaign(campaign=campaign, by=request.user, **data),
        done=lambda c: reverse("campaigns:campaign_detail", args=[c.pk]),
        success=_("Peak campaign saved."),
        context={
            "title": campaign.name,
            "back": reverse("campaigns:campaign_detail", args=[campaign.pk]),
        },
    )


def _target_add(request: HttpRequest, owner, back: str) -> HttpResponse:
    form = TargetForm(request.POST or None)
    return form_page(
        request,
        form,
        run=lambda data: actions.add_target(owner=owner, by=request.user, **data),
        done=lambda target: back,
        success=_("Target added."),
        context={"title": _("New target of %(name)s") % {"name": owner.name}, "back": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_target_add(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = access.movement_for_managing(request.user, movement_id)
    return _target_add(request, movement, reverse("campaigns:movement_detail", args=[movement.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def campaign_target_add(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.campaign_for_managing(request.user, campaign_id)
    return _target_add(request, campaign, reverse("campaigns:campaign_detail", args=[campaign.pk]))


def _owner_url(target) -> str:
    if target.campaign_id:
        return reverse("campaigns:campaign_detail", args=[target.campaign_id])
    return reverse("campaigns:movement_detail", args=[target.movement_id])


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, target_id: int) -> HttpResponse:
    target, units = access.target_for_reporting(request.user, target_id)
    form = ProgressReportForm(request.POST or None, units=units)
    return form_page(
        request,
        form,
        run=lambda data: actions.report_progress(target=target, by=request.user, **data),
        done=lambda report: _owner_url(target),
        success=_("Progress reported."),
        context={
            "title": _("Report progress: %(target)s") % {"target": target.name},
            "intro": _("%(owner)s · goal %(goal)s")
            % {"owner": target.owner.name, "goal": target.goal_display or "—"},
            "back": _owner_url(target),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.report_for_editing(request.user, report_id)
    initial = {
        "as_of": report.as_of,
        "value": str(report.value).replace(".", ","),
        "note": report.note,
        "version": report.version,
    }
    form = ProgressReportEditForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        run=lambda data: actions.update_progress_report(report=report, by=request.user, **data),
        done=lambda r: _owner_url(report.target),
        success=_("Progress report saved."),
        context={
            "title": _("Edit the report of %(unit)s") % {"unit": report.unit.name},
            "intro": report.target.name,
            "back": _owner_url(report.target),
        },
    )
