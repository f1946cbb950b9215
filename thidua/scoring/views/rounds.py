"""A round as a whole: the cluster's scoring page, opening and editing a round, progress,
reminders, cross-scoring assignments, closing, ties and publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, actions, queries
from ..actions._common import deadline
from ..forms import AssignForm, RoundEditForm, RoundForm, TiesForm, as_text
from ._base import form_page


def hub(scoring_round) -> str:
    return reverse("scoring:round_detail", args=[scoring_round.pk])


@login_required
def cluster_rounds(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The cluster's scoring: its round, or (for the leader) a way to open one."""
    cluster = access.cluster_for_scoring(request.user, cluster_id)
    scoring_round = queries.round_of_cluster(cluster)
    if scoring_round is not None:
        return redirect(hub(scoring_round))
    return render(
        request,
        "scoring/cluster.html",
        {"cluster": cluster, "leads": access.leads_cluster(request.user, cluster)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_leading(request.user, cluster_id)
    year = cluster.emulation_year.year
    form = RoundForm(
        request.POST or None,
        initial={"grace_days": 0, "discrepancy_threshold": "0"},
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.create_round(cluster=cluster, by=request.user, **data),
        done=hub,
        success=_("Scoring round opened."),
        context={
            "title": _("Open the scoring of %(cluster)s — %(year)s")
            % {"cluster": cluster.name, "year": year},
            "back": reverse("clusters:cluster_detail", args=[cluster.pk]),
        },
    )


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round's page: its state and dates; the user's own units' sheets and cross-scoring
    assignments; for the leader and the board, links to progress, discrepancies and the board."""
    scoring_round = access.round_for_viewing(request.user, round_id)
    officer_units = access.officer_unit_ids(request.user)
    oversees = access.oversees(request.user, scoring_round)
    own = [row for row in queries.progress_by_unit(scoring_round) if row.unit.pk in officer_units]
    context = {
        "round": scoring_round,
        "cluster": scoring_round.cluster,
        "deadline": deadline(scoring_round),
        "leads": access.leads(request.user, scoring_round),
        "oversees": oversees,
        "validates": access.validates_any(request.user, scoring_round),
        "own": own,
        "mine": queries.assignments_for(officer_units, scoring_round),
        "can_see_board": access.can_see_scoreboard(request.user, scoring_round),
    }
    if oversees:
        context["counts"] = queries.discrepancy_counts(scoring_round)
        context["assignments"] = queries.assignments_of(scoring_round)
    return render(request, "scoring/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    scoring_round = access.round_for_leading(request.user, round_id)
    form = RoundEditForm(
        request.POST or None,
        initial={
            "title": scoring_round.title,
            "opens_on": scoring_round.opens_on,
            "closes_on": scoring_round.closes_on,
            "grace_days": scoring_round.grace_days,
            "discrepancy_threshold": as_text(scoring_round.discrepancy_threshold),
            "version": scoring_round.version,
        },
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.update_round(scoring_round=scoring_round, by=request.user, **data),
        done=hub,
        success=_("Round saved."),
        context={
            "title": _("Edit %(round)s") % {"round": scoring_round},
            "back": hub(scoring_round),
        },
    )


@login_required
def progress(request: HttpRequest, round_id: int) -> HttpResponse:
    """Who has scored what: per unit and per criterion."""
    scoring_round = access.round_for_overseeing(request.user, round_id)
    return render(
        request,
        "scoring/progress.html",
        {
            "round": scoring_round,
            "cluster": scoring_round.cluster,
            "units": queries.progress_by_unit(scoring_round),
            "criteria": queries.progress_by_criterion(scoring_round),
            "leads": access.leads(request.user, scoring_round),
            "deadline": deadline(scoring_round),
        },
    )


def _confirm(request, scoring_round, *, title, text, button, blockers=(), rows=()):
    return render(
        request,
        "scoring/confirm.html",
        {
            "round": scoring_round,
            "cluster": scoring_round.cluster,
            "title": title,
            "text": text,
            "button": button,
            "blockers": blockers,
            "rows": rows,
        },
    )


def _run_or_back(request, scoring_round, work, success):
    try:
        work()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(hub(scoring_round))
    messages.success(request, success)
    return redirect(hub(scoring_round))


@login_required
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest, round_id: int) -> HttpResponse:
    """GET lists who would be reminded; POST sends the reminders (in-app and e-mail)."""
    scoring_round = access.round_for_leading(request.user, round_id)
    if request.method == "POST":
        outcome = actions.send_scoring_reminders(scoring_round=scoring_round, by=request.user)
        if outcome.units:
            messages.success(
                request,
                _("Reminders sent to %(units)s unit(s): %(n)s notification(s), %(m)s e-mail(s).")
                % {"units": len(outcome.units), "n": outcome.notifications, "m": outcome.emails},
            )
        else:
            messages.info(request, _("Nobody to remind."))
        return redirect(hub(scoring_round))
    rows = queries.units_behind(scoring_round) if scoring_round.is_open else []
    return _confirm(
        request,
        scoring_round,
        title=_("Send reminders"),
        text=_("These units have not handed in their self-scoring:"),
        button=_("Send reminders"),
        rows=[f"{r.unit.name} — {r.scored}/{r.criteria}" for r in rows],
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, round_id: int) -> HttpResponse:
    scoring_round = access.round_for_leading(request.user, round_id)
    if request.method == "POST":
        return _run_or_back(
            request,
            scoring_round,
            lambda: actions.close_round(scoring_round=scoring_round, by=request.user),
            _("Self-scoring closed."),
        )
    behind = queries.units_behind(scoring_round) if scoring_round.is_open else []
    return _confirm(
        request,
        scoring_round,
        title=_("Close self-scoring"),
        text=_(
            "Units can no longer change their self scores; cross-scoring and the resolution of "
            "discrepancies follow. Units that have not handed in:"
        ),
        button=_("Close self-scoring"),
        blockers=[] if scoring_round.is_open else [_("Only an open round can be closed.")],
        rows=[r.unit.name for r in behind],
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, round_id: int) -> HttpResponse:
    scoring_round = access.round_for_leading(request.user, round_id)
    if request.method == "POST":
        return _run_or_back(
            request,
            scoring_round,
            lambda: actions.publish_round(
                scoring_round=scoring_round, by=request.user, now=timezone.now()
            ),
            _("The ranking is published."),
        )
    return _confirm(
        request,
        scoring_round,
        title=_("Publish the ranking"),
        text=_(
            "Publishing locks every score of the round and shows the scoreboard to everyone "
            "who can see the cluster."
        ),
        button=_("Publish"),
        blockers=actions.publication_blockers(scoring_round),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, round_id: int) -> HttpResponse:
    scoring_round = access.round_for_leading(request.user, round_id)
    form = AssignForm(
        request.POST or None,
        initial={
            "mode": scoring_round.cross_mode or "derangement",
            "seed": scoring_round.cross_seed,
        },
    )
    return form_page(
        request,
        form,
        run=lambda data: actions.assign_cross_scorers(
            scoring_round=scoring_round, mode=data["mode"], seed=data["seed"], by=request.user
        ),
        done=lambda result: hub(scoring_round),
        success=_("Cross-scoring assigned."),
        template="scoring/assign.html",
        context={
            "title": _("Assign cross-scoring — %(round)s") % {"round": scoring_round},
            "round": scoring_round,
            "assignments": queries.assignments_of(scoring_round),
            "back": hub(scoring_round),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ties(request: HttpRequest, round_id: int) -> HttpResponse:
    """The assessing body's order among units that the tie-break chain leaves equal."""
    scoring_round = access.round_for_leading(request.user, round_id)
    runs = queries.tied_groups(scoring_round)
    units = [unit for run in runs for unit in run]
    form = TiesForm(request.POST or None, units=units)
    return form_page(
        request,
        form,
        run=lambda data: actions.decide_ties(
            scoring_round=scoring_round,
            orders=form.orders(),
            reason=data["reason"],
            by=request.user,
        ),
        done=lambda result: reverse("scoring:scoreboard", args=[scoring_round.pk]),
        success=_("The assessing body's decision is recorded."),
        template="scoring/ties.html",
        context={
            "title": _("Ties decided by the assessing body — %(round)s") % {"round": scoring_round},
            "round": scoring_round,
            "runs": runs,
            "back": hub(scoring_round),
        },
    )
