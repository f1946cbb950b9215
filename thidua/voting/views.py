"""Pages of the voting app. Each view: access → validate → action → redirect or render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from thidua.clusters.queries import members_in_vietnamese_order
from thidua.core.forms import apply_action_error
from thidua.documents.engine import UnsupportedFormat
from thidua.organizations.models import Unit

from . import access, actions, queries
from .candidates import candidates_for
from .forms import (
    ConfirmForm,
    CouncilBallotForm,
    CouncilVoteForm,
    DecisionForm,
    ElectionForm,
    ElectionVoteForm,
    QuestionForm,
    ReasonForm,
    ReceiptForm,
    TimesForm,
    WrittenOpinionForm,
    default_times,
)
from .models import BallotStatus
from .papers import minutes_for


def _posted(request: HttpRequest):
    """The POST data to bind a form to (even when empty: a confirmation has no fields)."""
    return request.POST if request.method == "POST" else None


def _detail(ballot) -> str:
    return reverse("voting:ballot_detail", args=[ballot.pk])


def _form_page(
    request: HttpRequest,
    form,
    *,
    run: Callable[[dict], Any],
    done: Callable[[Any], str],
    success: str,
    context: dict,
    template: str = "voting/form.html",
) -> HttpResponse:
    """Render the form (200); on a valid POST run the action and redirect. Invalid input or a
    refused action re-renders the form with the Vietnamese message (400) and changes nothing."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = run(form.cleaned_data)
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, success)
                return redirect(done(result))
    return render(request, template, {"form": form, **context}, status=status)


# --- lists and the ballot page ------------------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "voting/index.html",
        {
            "ballots": queries.ballot_list(request.user),
            "clusters": queries.clusters_led_by(request.user),
            "council_units": access.council_units(request.user),
        },
    )


@login_required
@require_GET
def ballot_detail(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.ballot_for_viewing(request.user, ballot_id)
    can_organise = access.can_organise(request.user, ballot)
    return render(
        request,
        "voting/ballot_detail.html",
        {
            "ballot": ballot,
            "candidates": ballot.candidates.select_related("unit").order_by("position"),
            "questions": ballot.questions.order_by("position"),
            "electorate": queries.electorate_status(ballot),
            "turnout": queries.turnout_count(ballot),
            "result": queries.result_of(ballot),
            "can_organise": can_organise,
            "can_decide": ballot.is_election and access.leads_cluster(request.user, ballot.cluster),
            "may_vote": queries.electors_yet_to_vote(request.user, ballot).exists()
            and ballot.status == BallotStatus.OPEN,
            "next_round": getattr(ballot, "next_round", None),
            "now": timezone.now(),
        },
    )


@login_required
@require_GET
def threshold_list(request: HttpRequest) -> HttpResponse:
    """The approval thresholds and quorum rules in force today (configured by the board)."""
    today = timezone.localdate()
    return render(
        request,
        "voting/thresholds.html",
        {
            "in_force": set(queries.thresholds_in_force(today).values_list("pk", flat=True)),
            "thresholds": queries.all_thresholds(),
            "quorums": queries.quorum_rules(),
            "today": today,
        },
    )


# --- setting ballots up -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def election_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = access.cluster_for_elections(request.user, cluster_id)
    pool = candidates_for(cluster)
    form = ElectionForm(
        _posted(request),
        initial=default_times(),
        members=members_in_vietnamese_order(cluster),
        ranked=pool.ranked,
    )

    def run(data):
        return actions.create_election(
            cluster=cluster,
            title=data["title"],
            seats=data["seats"],
            candidates=None if pool.ranked else list(data["candidates"]),
            top_n=data.get("top_n") or 3,
            majority_percent=data["majority_percent"],
            max_rounds=data["max_rounds"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            by=request.user,
        )

    return _form_page(
        request,
        form,
        run=run,
        done=_detail,
        success=_("Election set up. Open it when the members are ready to vote."),
        context={
            "title": _("Leading-unit election — %(cluster)s") % {"cluster": cluster},
            "intro": _("Candidates from the published ranking: %(units)s.")
            % {"units": ", ".join(u.name for u in pool.units)}
            if pool.ranked
            else "",
            "back": reverse("clusters:cluster_detail", args=[cluster.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest) -> HttpResponse:
    units = access.council_units_or_403(request.user)
    form = CouncilBallotForm(
        _posted(request),
        initial={**default_times(), "council_unit": units.first()},
        units=units,
    )
    return _form_page(
        request,
        form,
        run=lambda data: actions.create_council_ballot(by=request.user, **data),
        done=_detail,
        success=_("Council ballot set up. Add the proposals, then open it."),
        context={"title": _("Council vote on award proposals"), "back": reverse("voting:index")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.council_ballot_for_organising(request.user, ballot_id)
    form = QuestionForm(_posted(request))
    return _form_page(
        request,
        form,
        run=lambda data: actions.add_question(ballot=ballot, by=request.user, **data),
        done=lambda q: _detail(ballot),
        success=_("Proposal added to the ballot."),
        context={
            "title": _("Add a proposal — %(ballot)s") % {"ballot": ballot},
            "back": _detail(ballot),
        },
    )


# --- moving a ballot on -------------------------------------------------------------------------

CONFIRMATIONS = {
    "open": (
        actions.open_ballot,
        gettext_lazy("Open the ballot"),
        gettext_lazy(
            "The electorate is counted now and frozen; for a council ballot, the thresholds and "
            "the quorum in force are fixed too."
        ),
        gettext_lazy("Ballot opened."),
    ),
    "close": (
        actions.close_ballot,
        gettext_lazy("Close the ballot"),
        gettext_lazy(
            "Voting ends and the votes are counted. The result stays sealed until you release it."
        ),
        gettext_lazy("Ballot closed and counted; the result is sealed."),
    ),
    "release": (
        actions.release_ballot,
        gettext_lazy("Release the result"),
        gettext_lazy("Everyone who sees the ballot will see the result and the minutes."),
        gettext_lazy("Result released."),
    ),
}


def _confirm(request: HttpRequest, ballot_id: int, step: str) -> HttpResponse:
    ballot = access.ballot_for_organising(request.user, ballot_id)
    action, title, intro, success = CONFIRMATIONS[step]
    form = ConfirmForm(_posted(request))
    return _form_page(
        request,
        form,
        run=lambda data: action(ballot=ballot, by=request.user),
        done=_detail,
        success=str(success),
        context={
            "title": f"{title} — {ballot}",
            "intro": intro,
            "button": title,
            "back": _detail(ballot),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_open(request: HttpRequest, ballot_id: int) -> HttpResponse:
    return _confirm(request, ballot_id, "open")


@login_required
@require_http_methods(["GET", "POST"])
def ballot_close(request: HttpRequest, ballot_id: int) -> HttpResponse:
    return _confirm(request, ballot_id, "close")


@login_required
@require_http_methods(["GET", "POST"])
def ballot_release(request: HttpRequest, ballot_id: int) -> HttpResponse:
    return _confirm(request, ballot_id, "release")


@login_required
@require_http_methods(["GET", "POST"])
def ballot_cancel(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.ballot_for_organising(request.user, ballot_id)
    form = ReasonForm(_posted(request))
    return _form_page(
        request,
        form,
        run=lambda data: actions.cancel_ballot(ballot=ballot, by=request.user, **data),
        done=_detail,
        success=_("Ballot cancelled."),
        context={
            "title": _("Cancel the ballot — %(ballot)s") % {"ballot": ballot},
            "intro": _(
                "Only a ballot opened by mistake is cancelled, before it closes. Votes already "
                "cast are void and deleted unread."
            ),
            "button": _("Cancel the ballot"),
            "back": _detail(ballot),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def next_round(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.ballot_for_organising(request.user, ballot_id)
    form = TimesForm(_posted(request), initial=default_times())
    return _form_page(
        request,
        form,
        run=lambda data: actions.start_next_round(ballot=ballot, by=request.user, **data),
        done=_detail,
        success=_("Next round set up. Open it when the members are ready to vote."),
        context={
            "title": _("Next round — %(ballot)s") % {"ballot": ballot},
            "intro": _("A closed ballot is never edited: it is re-run as a new round."),
            "back": _detail(ballot),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot_decide(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.election_for_deciding(request.user, ballot_id)
    pending = Unit.objects.filter(pk__in=[c.unit_id for c in actions.tied_candidates(ballot)])
    form = DecisionForm(_posted(request), units=pending)
    return _form_page(
        request,
        form,
        run=lambda data: actions.decide_by_leaders(
            ballot=ballot, units=list(data["units"]), reason=data["reason"], by=request.user
        ),
        done=_detail,
        success=_("The decision of the leader and deputy is recorded."),
        context={
            "title": _("Decision of the leader and deputy — %(ballot)s") % {"ballot": ballot},
            "intro": _(
                "After the last round without a result, the cluster's leader and deputy decide; "
                "the minutes record it as their decision, with the reason."
            ),
            "back": _detail(ballot),
        },
    )


# --- voting -------------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cast(request: HttpRequest, ballot_id: int) -> HttpResponse:
    """The ballot paper. A successful cast answers with the receipt code on the page itself: it
    is never put in the session, a message or a redirect URL, where it would sit beside the user."""
    ballot = access.ballot_for_casting(request.user, ballot_id)
    if ballot.is_election:
        form = ElectionVoteForm(
            _posted(request),
            units=Unit.objects.filter(
                pk__in=queries.electors_yet_to_vote(request.user, ballot).values("unit_id")
            ),
            candidates=Unit.objects.filter(pk__in=ballot.candidates.values("unit_id")),
            seats=ballot.seats,
        )
    else:
        form = CouncilVoteForm(_posted(request), questions=ballot.questions.order_by("position"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if ballot.is_election:
                    code = actions.cast_ballot(
                        ballot=ballot,
                        by=request.user,
                        unit=data["unit"],
                        candidates=list(data["candidates"]),
                        blank=data["blank"],
                    )
                else:
                    code = actions.cast_ballot(
                        ballot=ballot, by=request.user, answers=form.answers()
                    )
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                return render(request, "voting/receipt.html", {"ballot": ballot, "code": code})
    return render(
        request,
        "voting/vote.html",
        {
            "ballot": ballot,
            "form": form,
            "is_open": ballot.status == BallotStatus.OPEN,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_opinion(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = access.council_ballot_for_organising(request.user, ballot_id)
    form = WrittenOpinionForm(
        _posted(request),
        questions=ballot.questions.order_by("position"),
        absent=queries.absent_members(ballot),
    )
    return _form_page(
        request,
        form,
        run=lambda data: actions.record_written_opinion(
            ballot=ballot, elector=data["elector"], answers=form.answers(), by=request.user
        ),
        done=lambda t: _detail(ballot),
        success=_("Written opinion recorded; it counts as the member's vote."),
        context={
            "title": _("Written opinion of an absent member — %(ballot)s") % {"ballot": ballot},
            "intro": _(
                "Enter the opinion as the member wrote it. It counts as that member's vote for "
                "the thresholds (not for the quorum) and the minutes name the member among those "
                "who gave a written opinion."
            ),
            "back": _detail(ballot),
        },
        template="voting/written.html",
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def receipt_check(request: HttpRequest, ballot_id: int) -> HttpResponse:
    """Is this receipt's vote among the recorded votes? Yes or no, never the choice. POST keeps
    the code out of URLs and server logs."""
    ballot = access.ballot_for_viewing(request.user, ballot_id)
    form = ReceiptForm(_posted(request))
    found = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            found = queries.receipt_counted(ballot, form.cleaned_data["code"])
        else:
            status = 400
    return render(
        request,
        "voting/receipt_check.html",
        {"ballot": ballot, "form": form, "found": found},
        status=status,
    )


@login_required
@require_GET
def minutes(request: HttpRequest, ballot_id: int, fmt: str) -> HttpResponse:
    ballot = access.released_ballot(request.user, int(ballot_id))
    try:
        data, filename, content_type = minutes_for(ballot, fmt)
    except UnsupportedFormat:
        raise Http404 from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
