"""A cluster's registrations (with the leader's overview and reminders) and cross-inspections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.access import cluster_for_viewing, leads_cluster
from thidua.clusters.queries import members_in_vietnamese_order
from thidua.core.db import vi

from .. import access, actions, queries
from ..forms import InspectionPlanForm, InspectionRecordForm, RegistrationForm, RegistrationRuleForm
from ..models import ModelKind, RegistrationRule
from ._base import form_page


def _hub(cluster) -> str:
    return reverse("campaigns:cluster_registrations", args=[cluster.pk])


@login_required
def cluster_registrations(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The cluster's page: rule, who registered (flagged when below the minimum), inspections."""
    cluster = cluster_for_viewing(request.user, cluster_id)
    rule = queries.rule_for(cluster)
    rows = queries.registration_status(cluster, rule)
    if request.GET.get("behind"):
        rows = [r for r in rows if r.needs_reminder]
    officer_units = scope_of(request.user).unit_ids(Role.UNIT_OFFICER)
    context = {
        "cluster": cluster,
        "rule": rule,
        "rows": rows,
        "behind": bool(request.GET.get("behind")),
        "officer_units": officer_units,
        "leads": leads_cluster(request.user, cluster),
    }
    if request.htmx:
        return render(request, "campaigns/_registrations.html", context)
    context.update(
        inspections=queries.cluster_inspections(cluster),
        movements=cluster.movements.order_by("-start_year", vi("name"), "pk"),
        campaigns=cluster.peak_campaigns.order_by("-starts_on"),
        missing=sum(r.missing for r in rows),
        below=sum(r.below_minimum for r in rows),
    )
    return render(request, "campaigns/cluster_registrations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_leading(request.user, cluster_id)
    rule = RegistrationRule.objects.filter(cluster=cluster).first()
    initial = (
        {
            "min_models": rule.min_models,
            "deadline": rule.deadline,
            "note": rule.note,
            "version": rule.version,
        }
        if rule
        else {"min_models": 1}
    )
    form = RegistrationRuleForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        run=lambda data: actions.set_registration_rule(cluster=cluster, by=request.user, **data),
        done=lambda r: _hub(cluster),
        success=_("Registration rule saved."),
        context={
            "title": _("Registration rule of %(cluster)s") % {"cluster": cluster},
            "back": _hub(cluster),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, cluster_id: int, unit_id: int) -> HttpResponse:
    """A member's officer registers (or edits the registration) for their own unit."""
    cluster, unit = access.member_for_registering(request.user, cluster_id, unit_id)
    registration = queries.registration_of(cluster, unit)
    initial = {}
    if registration is not None:
        models = list(registration.new_models.all())
        initial = {
            "titles": [t.code for t in registration.titles.all()],
            "thematic": "\n".join(m.name for m in models if m.kind == ModelKind.THEMATIC),
            "new_models": "\n".join(m.name for m in models if m.kind == ModelKind.NEW_MODEL),
            "note": registration.note,
            "version": registration.version,
        }
    form = RegistrationForm(request.POST or None, initial=initial)

    def run(data):
        if registration is None:
            return actions.register_for_emulation(
                cluster=cluster,
                unit=unit,
                titles=data["titles"],
                models=form.entries(),
                note=data["note"],
                by=request.user,
            )
        return actions.update_registration(
            registration=registration,
            version=data["version"] or 0,
            titles=data["titles"],
            models=form.entries(),
            note=data["note"],
            by=request.user,
        )

    rule = queries.rule_for(cluster)
    return form_page(
        request,
        form,
        run=run,
        done=lambda r: _hub(cluster),
        success=_("Registration saved."),
        context={
            "title": _("Registration of %(unit)s — %(cluster)s")
            % {"unit": unit.name, "cluster": cluster},
            "intro": ngettext(
                "Register at least %(n)s thematic emulation or new model.",
                "Register at least %(n)s thematic emulations or new models.",
                rule.min_models,
            )
            % {"n": rule.min_models},
            "deadline": rule.deadline,
            "back": _hub(cluster),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """GET shows who would be reminded; POST sends the reminders (in-app and e-mail)."""
    cluster = access.cluster_for_leading(request.user, cluster_id)
    if request.method == "POST":
        outcome = actions.send_registration_reminders(cluster=cluster, by=request.user)
        if outcome.units:
            messages.success(
                request,
                _("Reminders sent to %(units)s unit(s): %(n)s notification(s), %(m)s e-mail(s).")
                % {"units": len(outcome.units), "n": outcome.notifications, "m": outcome.emails},
            )
        else:
            messages.info(request, _("Every member has registered; nobody to remind."))
        return redirect(_hub(cluster))
    rows = [r for r in queries.registration_status(cluster) if r.needs_reminder]
    return render(request, "campaigns/remind.html", {"cluster": cluster, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_plan(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_leading(request.user, cluster_id)
    members = members_in_vietnamese_order(cluster)
    form = InspectionPlanForm(request.POST or None, members=members)
    return form_page(
        request,
        form,
        run=lambda data: actions.plan_inspection(cluster=cluster, by=request.user, **data),
        done=lambda i: _hub(cluster),
        success=_("Cross-inspection planned."),
        context={
            "title": _("Plan a cross-inspection — %(cluster)s") % {"cluster": cluster},
            "back": _hub(cluster),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_record(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = access.inspection_for_recording(request.user, inspection_id)
    initial = {
        "held_on": inspection.held_on or inspection.planned_on,
        "findings": inspection.findings,
        "version": inspection.version,
    }
    form = InspectionRecordForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        run=lambda data: actions.record_inspection(inspection=inspection, by=request.user, **data),
        done=lambda i: _hub(inspection.cluster),
        success=_("Cross-inspection recorded."),
        context={
            "title": _("%(inspecting)s inspects %(inspected)s")
            % {"inspecting": inspection.inspecting.name, "inspected": inspection.inspected.name},
            "back": _hub(inspection.cluster),
        },
    )
