"""Published scoreboards for the public: readers of the news, no sign-in (SPEC: "Viewer /
public — read published results, scoreboards and award lists").

A published round is frozen (no page or endpoint changes it; only the audited admin could), so
its public page is rendered once and kept whole, as bytes, in the process cache under a key that
carries the round's version and publication time. That stamp (is it still published, which
version?) is read by primary key and remembered for STAMP_SECONDS, so a warm request touches
neither the database nor the session: the page depends on nobody, sets no cookie, and a reverse
proxy may keep it for PUBLIC_MAX_AGE. A change made in the admin shows everywhere within that.
`THIDUA_PUBLIC_RESULTS = False` turns the pages off (404) for an agency that does not publish.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .. import queries
from ..forms import PublicSearchForm
from ..models import ScoringRound
from .board import BOARD_CACHE_SECONDS, board_context

# How long a proxy or browser may reuse a public page without asking again, and how long a
# process trusts the stamp it read: a change made in the admin shows everywhere within these.
PUBLIC_MAX_AGE = 60
STAMP_SECONDS = 10


def _enabled() -> None:
    if not getattr(settings, "THIDUA_PUBLIC_RESULTS", True):
        raise Http404


def _stamp(round_id: int):
    """(version, published_at), remembered briefly; None (never remembered) if not published."""
    key = f"scoring:public-stamp:{round_id}"
    stamp = cache.get(key)
    if stamp is None:
        stamp = queries.published_stamp(round_id)
        if stamp is not None:
            cache.set(key, stamp, STAMP_SECONDS)
    return stamp


def _headers(response: HttpResponse, etag: str, published_at) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(published_at.timestamp())
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    # The language comes from a cookie (core.middleware.LanguageMiddleware).
    patch_vary_headers(response, ["Cookie"])
    return response


@require_GET
def public_scoreboard(request: HttpRequest, round_id: int) -> HttpResponse:
    """A published round's scoreboard for anyone; 404 for a round not (or no longer) published,
    the same answer as for a round that does not exist."""
    _enabled()
    stamp = _stamp(round_id)
    if stamp is None:
        raise Http404
    version, published_at = stamp
    key = f"scoring:public:{round_id}:{published_at.isoformat()}:{version}:{get_language()}"
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(published_at.timestamp())
    )
    if not_modified is not None:
        return _headers(not_modified, etag, published_at)
    page = cache.get(key)
    if page is None:
        scoring_round = get_object_or_404(
            ScoringRound.objects.select_related("cluster__emulation_year__unit", "pledge_version"),
            pk=round_id,
        )
        page = render_to_string(
            "scoring/public_scoreboard.html", board_context(scoring_round, leads=False, public=True)
        ).encode()
        cache.set(key, page, BOARD_CACHE_SECONDS)
    return _headers(HttpResponse(page), etag, published_at)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The published scoreboards, by year, found by a unit's name with or without diacritics."""
    _enabled()
    form = PublicSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rounds = queries.published_rounds(year=filters.get("year"), text=filters.get("q", ""))
    page = Paginator(rounds, 30).get_page(request.GET.get("page"))
    response = render(
        request,
        "scoring/public_index.html",
        {"form": form, "page": page, "years": queries.published_years()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response
