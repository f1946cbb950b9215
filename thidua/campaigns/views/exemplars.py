"""Pages of exemplars (điển hình tiên tiến) and replications, and the user's notifications."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.db import vi
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import people_in_vietnamese_order, units_visible_to

from .. import access, actions, queries
from ..forms import ExemplarEditForm, ExemplarForm, ReplicationForm
from ..models import Notification
from ._base import form_page


@login_required
def exemplar_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/exemplar_list.html",
        {"exemplars": queries.exemplar_list(request.user)[:200]},
    )


@login_required
def exemplar_detail(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    exemplar = access.exemplar_for_viewing(request.user, exemplar_id)
    return render(
        request,
        "campaigns/exemplar_detail.html",
        {
            "exemplar": exemplar,
            "replications": exemplar.replications.select_related("unit"),
            "can_manage": access.can_recognise(request.user, exemplar.recognised_by),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_create(request: HttpRequest) -> HttpResponse:
    units = access.recognising_units_or_403(request.user)
    below = reduce(or_, (Q(path__startswith=u.path) for u in units))
    subjects = Unit.objects.filter(below, valid_to__isnull=True).order_by(vi("short_name"), "pk")
    people = people_in_vietnamese_order(Person.objects.filter(unit__in=subjects))
    movements = queries.movements_visible_to(request.user).order_by("-start_year", vi("name"))
    form = ExemplarForm(
        request.POST or None, units=units, subjects=subjects, people=people, movements=movements
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.recognise_exemplar(by=request.user, **data),
        done=lambda e: reverse("campaigns:exemplar_detail", args=[e.pk]),
        success=_("Exemplar recorded."),
        context={"title": _("New exemplar"), "back": reverse("campaigns:exemplar_list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_edit(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    exemplar = access.exemplar_for_managing(request.user, exemplar_id)
    initial = {
        f: getattr(exemplar, f)
        for f in ("achievement", "recognised_on", "decision_number", "version")
    }
    form = ExemplarEditForm(request.POST or None, initial=initial)
    back = reverse("campaigns:exemplar_detail", args=[exemplar.pk])
    return form_page(
        request,
        form,
        run=lambda data: actions.update_exemplar(exemplar=exemplar, by=request.user, **data),
        done=lambda e: back,
        success=_("Exemplar saved."),
        context={"title": exemplar.subject_name, "back": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def replication_add(request: HttpRequest, exemplar_id: int) -> HttpResponse:
    exemplar = access.exemplar_for_managing(request.user, exemplar_id)
    units = (
        units_visible_to(request.user)
        .filter(valid_to__isnull=True)
        .order_by(vi("short_name"), "pk")
    )
    form = ReplicationForm(request.POST or None, units=units)
    back = reverse("campaigns:exemplar_detail", args=[exemplar.pk])
    return form_page(
        request,
        form,
        run=lambda data: actions.record_replication(exemplar=exemplar, by=request.user, **data),
        done=lambda r: back,
        success=_("Replication recorded."),
        context={
            "title": _("Replicate %(name)s") % {"name": exemplar.subject_name},
            "back": back,
        },
    )


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user).select_related(
        "unit", "cluster__emulation_year"
    )[:100]
    return render(request, "campaigns/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = access.notification_for_reading(request.user, notification_id)
    actions.mark_notification_read(notification=notification, by=request.user)
    if request.htmx:
        return HttpResponse("")
    if (
        request.POST.get("open")
        and notification.link.startswith("/")
        and not (notification.link.startswith("//"))
    ):
        return redirect(notification.link)
    return redirect("campaigns:notification_list")
