"""The published scoreboard's cache: the cached page equals the rendered one, the access check
still runs for every viewer, a republished round shows its new results, conditional GET answers
304, and a warm page costs fewer queries. Unpublished rounds are never cached."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.scoring import actions
from thidua.scoring.models import ScoringRound, UnitResult
from thidua.scoring.views.board import _board_key

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture(autouse=True)
def empty_cache(on_day):
    from thidua.scoring.tests import factories as sf

    on_day(sf.DURING)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(scored):
    actions.close_round(scoring_round=scored, by=None)
    actions.publish_round(scoring_round=scored, by=None)
    return ScoringRound.objects.select_related("cluster").get(pk=scored.pk)


def _url(scoring_round) -> str:
    return reverse("scoring:scoreboard", args=[scoring_round.pk])


def _page(response) -> str:
    """The page without the CSRF tokens, which are masked afresh on every render."""
    return CSRF.sub(r"\1…", response.content.decode())


def _units(response) -> list[str]:
    return re.findall(r'<td class="unit">(.*?)</td>', response.content.decode())


def test_the_cached_page_equals_the_rendered_one(published, cast, client_for):
    client = client_for(cast["viewer"])
    cold = client.get(_url(published))
    assert cold.status_code == 200
    assert cache.get(_board_key(published, False)) is not None
    warm = client.get(_url(published))
    assert warm.status_code == 200
    assert _page(warm) == _page(cold)
    assert len(_units(warm)) == 3 and "scoreboard-data" in warm.content.decode()
    # And equal to a render with the cache emptied in between.
    cache.clear()
    assert _page(client.get(_url(published))) == _page(cold)


def test_the_access_check_runs_after_another_user_warmed_the_cache(published, cast, client_for):
    assert client_for(cast["viewer"]).get(_url(published)).status_code == 200
    assert cache.get(_board_key(published, False)) is not None
    assert client_for(cast["outsider"]).get(_url(published)).status_code == 404
    anonymous = client_for(None).get(_url(published))
    assert anonymous.status_code == 302 and "scoreboard-data" not in anonymous.content.decode()
    # The member unit's officer sees it through the membership (not the organising unit).
    assert client_for(cast["member"]).get(_url(published)).status_code == 200


def test_each_viewer_variant_has_its_own_entry(published, cast, client_for):
    client_for(cast["viewer"]).get(_url(published))
    assert cache.get(_board_key(published, True)) is None
    client_for(cast["leader"]).get(_url(published))
    assert cache.get(_board_key(published, True)) is not None


def test_an_unpublished_round_is_not_cached(scored, cast, client_for):
    client = client_for(cast["leader"])
    first = client.get(_url(scored))
    assert first.status_code == 200 and "provisional" in first.content.decode()
    assert "ETag" not in first and "no-store" in first["Cache-Control"]
    assert client_for(cast["viewer"]).get(_url(scored)).status_code == 403
    published_keys = [k for k in cache._cache if ":scoring:board:" in k]  # LocMemCache
    assert published_keys == []


def _totals(response) -> list[str]:
    return re.findall(
        r'<td class="text-end total"><strong>(.*?)</strong>', response.content.decode()
    )


def test_a_republished_round_shows_its_new_results(published, cast, client_for):
    client = client_for(cast["viewer"])
    before = _totals(client.get(_url(published)))
    assert "87,5" not in before
    # New stored results, as a republication would write them.
    UnitResult.objects.filter(round=published, rank=1).update(total=Decimal("87.5"))
    # Unchanged publication time and version: the frozen body is still served.
    assert _totals(client.get(_url(published))) == before
    ScoringRound.objects.filter(pk=published.pk).update(
        published_at=timezone.now() + datetime.timedelta(seconds=1), version=F("version") + 1
    )
    after = _totals(client.get(_url(published)))
    assert after[0] == "87,5" and after[1:] == before[1:]


def test_a_matching_etag_answers_304(published, cast, client_for):
    client = client_for(cast["viewer"])
    response = client.get(_url(published))
    etag, modified = response["ETag"], response["Last-Modified"]
    assert "private" in response["Cache-Control"]
    again = client.get(_url(published), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(_url(published), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(_url(published), HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # Another viewer's ETag does not validate this viewer's page, nor does it skip the check.
    other = client_for(cast["council"])
    assert other.get(_url(published), HTTP_IF_NONE_MATCH=etag).status_code == 200
    outsider = client_for(cast["outsider"])
    assert outsider.get(_url(published), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_a_warm_published_scoreboard_costs_fewer_queries(published, cast, client_for):
    client = client_for(cast["viewer"])
    with CaptureQueriesContext(connection) as cold:
        assert client.get(_url(published)).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(_url(published)).status_code == 200
    # Session, user, the user's grants, the round with its visibility: nothing of the board.
    assert len(warm) <= 4, [q["sql"] for q in warm.captured_queries]
    assert len(warm) < len(cold)
    assert not any("scoring_unitresult" in q["sql"] for q in warm.captured_queries)


def test_the_visibility_check_is_one_query_with_the_same_answer(published, cast):
    from thidua.accounts.scope import scope_of
    from thidua.scoring import access

    for role, user in cast.items():
        scope_of(user)  # the grants, read once per request anyway
        expected = access.rounds_visible_to(user).filter(pk=published.pk).exists()
        with CaptureQueriesContext(connection) as queries:
            try:
                access.round_for_scoreboard(user, published.pk)
                seen = True
            except Http404:
                seen = False
        assert seen is expected, role
        assert len(queries) == 1, role
    assert not access.rounds_visible_to(cast["outsider"]).filter(pk=published.pk).exists()
