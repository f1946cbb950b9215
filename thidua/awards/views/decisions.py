"""Record decisions and their recipients (board officers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import (
    in_vietnamese_order,
    people_in_vietnamese_order,
    units_visible_to,
)

from .. import access, actions, queries
from ..forms import ConfirmForm, DecisionEditForm, DecisionForm, RecipientForm
from ..models import Initiative
from ._common import post_data, submit


def _detail(decision) -> str:
    return reverse("awards:decision_detail", args=[decision.pk])


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest) -> HttpResponse:
    access.require_board(request.user)
    boards = queries.board_units(request.user)
    form = DecisionForm(
        post_data(request),
        boards=boards,
        issuers=in_vietnamese_order(units_visible_to(request.user)),
        initial={"recorded_in": boards.first()},
    )
    return submit(
        request,
        form,
        lambda data: actions.create_decision(by=request.user, **data),
        success=_detail,
        message=_("Decision recorded. Add its recipients."),
        context={"title": _("Record a decision"), "back": reverse("awards:index")},
    )


@login_required
@require_GET
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.decision_for_viewing(request.user, decision_id)
    recipients = list(queries.recipients_of(decision))
    bonuses = queries.bonus_amounts(decision.signed_on)
    for recipient in recipients:
        recipient.bonus = bonuses.get((recipient.award_type_id, recipient.subject_kind))
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "recipients": recipients,
            "can_manage": access.can_manage_decision(request.user, decision),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.decision_for_managing(request.user, decision_id)
    fields = ("number", "signed_on", "issuer", "issuer_name", "signer_name", "signer_position")
    initial = {f: getattr(decision, f) for f in (*fields, "note")} | {"version": decision.version}
    form = DecisionEditForm(
        post_data(request),
        initial=initial,
        issuers=in_vietnamese_order(units_visible_to(request.user)),
    )

    def save(data):
        version = data.pop("version")
        return actions.update_decision(decision=decision, version=version, by=request.user, **data)

    return submit(
        request,
        form,
        save,
        success=_detail,
        message=_("Decision saved."),
        context={
            "title": _("Edit decision %(n)s") % {"n": decision.number},
            "back": _detail(decision),
        },
    )


def _evaluation_year(decision) -> int:
    """Decisions of the first half-year usually reward the year before."""
    signed = decision.signed_on
    return signed.year if signed.month > 6 else signed.year - 1


def _selected_unit(request: HttpRequest, units) -> Unit | None:
    raw = request.POST.get("unit") or request.GET.get("unit")
    try:
        return units.filter(pk=int(raw)).first() if raw else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def recipient_add(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.decision_for_managing(request.user, decision_id)
    units = queries.recipient_candidates(request.user, decision)
    unit = _selected_unit(request, units)
    people = people_in_vietnamese_order(Person.objects.filter(unit=unit)) if unit else None
    initiatives = (
        Initiative.objects.filter(unit=unit) | Initiative.objects.filter(person__unit=unit)
        if unit
        else None
    )
    form = RecipientForm(
        post_data(request),
        initial={"unit": unit, "year": _evaluation_year(decision)},
        units=units,
        people=people,
        initiatives=initiatives.order_by("-recognised_year", "pk")
        if initiatives is not None
        else None,
    )

    def add(data):
        return actions.add_recipient(
            decision=decision,
            subject=data["person"] or data["unit"],
            award_type=data["award_type"],
            year=data["year"],
            basis=data["basis"],
            based_on=list(data["based_on"]),
            by=request.user,
        )

    return submit(
        request,
        form,
        add,
        success=_detail(decision),
        message=_("Recipient added."),
        template="awards/recipient_form.html",
        context={"decision": decision, "unit": unit, "units": units},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recipient_remove(request: HttpRequest, recipient_id: int) -> HttpResponse:
    recipient = access.recipient_for_managing(request.user, recipient_id)
    decision = recipient.decision
    return submit(
        request,
        ConfirmForm(post_data(request)),
        lambda data: actions.remove_recipient(recipient=recipient, by=request.user),
        success=_detail(decision),
        message=_("Recipient removed."),
        template="awards/confirm.html",
        context={
            "title": _("Remove %(name)s from decision %(n)s?")
            % {"name": recipient.subject, "n": decision.number},
            "back": _detail(decision),
            "danger": True,
        },
    )
