"""The scoreboard and the papers of a round (score sheet, discrepancy minutes)."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.documents.engine import UnsupportedFormat
from thidua.documents.engine import render as render_paper

from .. import access, queries
from ..papers import DISCREPANCY_MINUTES, SCORE_SHEET

# The body of a published round's scoreboard is cached per process (the default LocMemCache):
# published results are frozen, and the key carries the publication time and the round's
# version, so a republished or changed round gets a new key and the old entry just expires.
# Any process can still answer any request (a miss renders from the database); nothing but
# immutable published content is kept. The body holds no per-user data: it is rendered without
# the request, and the one viewer-dependent flag (`leads`) is part of the key. The access check
# runs on every request before the cache is read.
BOARD_CACHE_SECONDS = 60 * 60


def _board_key(scoring_round, leads: bool) -> str:
    return "scoring:board:{}:{}:{}:{}:{}".format(
        scoring_round.pk,
        scoring_round.published_at.isoformat(),
        scoring_round.version,
        get_language() or "",
        int(leads),
    )


def _board_etag(request: HttpRequest, key: str) -> str:
    """The cached body's key plus what the page around it shows of the viewer (name, staff
    menu, CSRF secret), so a 304 never confirms a page rendered for someone else."""
    user = request.user
    viewer = f"{user.pk}:{user.get_username()}:{int(user.is_staff)}:"
    get_token(request)  # the page carries a token of this secret; sets it when missing
    viewer += request.META.get("CSRF_COOKIE", "")
    return '"{}"'.format(hashlib.sha256(f"{key}|{viewer}".encode()).hexdigest()[:32])


def board_context(scoring_round, *, leads: bool, public: bool = False) -> dict:
    """What the scoreboard body shows; ``public`` leaves out the links that need a sign-in."""
    board = queries.scoreboard(scoring_round)
    chart = board.chart_data()
    chart["labels"] = {"total": _("Total"), "self_total": _("Self-scored total")}
    return {
        "round": scoring_round,
        "cluster": scoring_round.cluster,
        "board": board,
        "chart": chart,
        "leads": leads,
        "public": public,
    }


def _board_body(scoring_round, leads: bool) -> str:
    return render_to_string(
        "scoring/_scoreboard_body.html", board_context(scoring_round, leads=leads)
    )


@login_required
@require_GET
def scoreboard(request: HttpRequest, round_id: int) -> HttpResponse:
    """Ranking, totals and group charts, validation differences, year-over-year change. Open to
    whoever sees the cluster once published; before, to the leader, deputy and board.

    Published: the body comes from the cache, with an ETag and Last-Modified for a conditional
    GET (304). Before publication it is rendered live and never cached."""
    scoring_round = access.round_for_scoreboard(request.user, round_id)
    leads = access.leads(request.user, scoring_round)
    if not scoring_round.is_published:
        context = {"round": scoring_round, "body": _board_body(scoring_round, leads)}
        response = render(request, "scoring/scoreboard.html", context)
        patch_cache_control(response, private=True, no_store=True)
        return response
    key = _board_key(scoring_round, leads)
    etag = _board_etag(request, key)
    last_modified = scoring_round.published_at
    # A pending flash message must be shown, so no 304 then.
    if not get_messages(request):
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified.timestamp())
        )
        if not_modified is not None:
            patch_cache_control(not_modified, private=True, no_cache=True)
            return not_modified
    body = cache.get(key)
    if body is None:
        body = _board_body(scoring_round, leads)
        cache.set(key, body, BOARD_CACHE_SECONDS)
    response = render(
        request, "scoring/scoreboard.html", {"round": scoring_round, "body": mark_safe(body)}
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _download(paper, fmt: str, **kwargs) -> HttpResponse:
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
def score_sheet(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    """The full score sheet (every unit, every criterion) as Excel or PDF."""
    scoring_round = access.round_for_scoreboard(request.user, round_id)
    return _download(SCORE_SHEET, fmt, scoring_round=scoring_round)


@login_required
@require_GET
def discrepancy_minutes(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    """The minutes of the discrepancies and how they were resolved (Word or PDF)."""
    scoring_round = access.round_for_overseeing(request.user, round_id)
    return _download(DISCREPANCY_MINUTES, fmt, scoring_round=scoring_round)
