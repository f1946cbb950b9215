"""Published scoreboards for the public: anyone reads a published round without signing in,
nothing else is shown, the page depends on nobody (no cookie, no token, one cached copy), and
it follows a change made in the admin within a few seconds."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.scoring import actions
from thidua.scoring.models import RoundStatus, ScoringRound, UnitResult
from thidua.scoring.views.public import STAMP_SECONDS

pytestmark = pytest.mark.django_db


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
    return ScoringRound.objects.get(pk=scored.pk)


def _url(scoring_round) -> str:
    return reverse("scoring:public_scoreboard", args=[scoring_round.pk])


def _totals(response) -> list[str]:
    return re.findall(r'class="text-end total"><strong>(.*?)</strong>', response.content.decode())


def test_anyone_reads_a_published_scoreboard_without_signing_in(published, client_for):
    response = client_for(None).get(_url(published))
    assert response.status_code == 200
    page = response.content.decode()
    assert len(_totals(response)) == 3 and "scoreboard-data" in page
    # Nothing that needs a sign-in or belongs to a visitor.
    assert "csrfmiddlewaretoken" not in page and "X-CSRFToken" not in page
    assert reverse("scoring:score_sheet", args=[published.pk, "xlsx"]) not in page
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "public" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_a_signed_in_user_gets_the_same_page_as_the_public(published, cast, client_for):
    anonymous = client_for(None).get(_url(published)).content
    assert client_for(cast["outsider"]).get(_url(published)).content == anonymous
    assert client_for(cast["board"]).get(_url(published)).content == anonymous


def test_a_round_not_published_is_not_found_like_one_that_does_not_exist(scored, client_for):
    client = client_for(None)
    assert client.get(_url(scored)).status_code == 404
    actions.close_round(scoring_round=scored, by=None)
    assert client.get(_url(scored)).status_code == 404
    assert client.get(reverse("scoring:public_scoreboard", args=[987654])).status_code == 404
    listing = client.get(reverse("scoring:public_index")).content.decode()
    assert _url(scored) not in listing


def test_a_republished_round_shows_its_new_results(published, client_for):
    client = client_for(None)
    before = _totals(client.get(_url(published)))
    UnitResult.objects.filter(round=published, rank=1).update(total=Decimal("87.5"))
    assert _totals(client.get(_url(published))) == before  # frozen until republished
    ScoringRound.objects.filter(pk=published.pk).update(
        published_at=timezone.now() + datetime.timedelta(seconds=1), version=F("version") + 1
    )
    cache.delete(f"scoring:public-stamp:{published.pk}")  # as when the stamp expires
    after = _totals(client.get(_url(published)))
    assert after[0] == "87,5" and after[1:] == before[1:]


def test_a_round_retracted_in_the_admin_disappears_once_the_stamp_expires(
    published, client_for, time_machine
):
    client = client_for(None)
    time_machine.move_to(timezone.now(), tick=False)
    assert client.get(_url(published)).status_code == 200
    ScoringRound.objects.filter(pk=published.pk).update(status=RoundStatus.CLOSED)
    assert client.get(_url(published)).status_code == 200  # the stamp is trusted a few seconds
    time_machine.shift(datetime.timedelta(seconds=STAMP_SECONDS + 1))
    assert client.get(_url(published)).status_code == 404


def test_a_warm_public_page_reads_nothing_and_answers_304_to_its_etag(published, client_for):
    client = client_for(None)
    first = client.get(_url(published))
    with CaptureQueriesContext(connection) as warm:
        again = client.get(_url(published))
    assert again.content == first.content
    assert len(warm) == 0, [q["sql"] for q in warm.captured_queries]
    not_modified = client.get(_url(published), HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert client.get(_url(published), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_public_pages_can_be_turned_off(published, client_for, settings):
    settings.THIDUA_PUBLIC_RESULTS = False
    assert client_for(None).get(_url(published)).status_code == 404
    assert client_for(None).get(reverse("scoring:public_index")).status_code == 404


def test_the_index_finds_a_round_by_a_member_without_diacritics(published, client_for):
    client = client_for(None)
    index = reverse("scoring:public_index")
    first = client.get(index)
    assert "Cookie" in first["Vary"] and not first.cookies  # the language comes from a cookie
    year = published.cluster.emulation_year.year
    for query in ({}, {"q": "ha dong"}, {"q": "HÀ ĐÔNG"}, {"q": "thanh pho thu"}, {"year": year}):
        response = client.get(index, query)
        assert response.status_code == 200 and _url(published) in response.content.decode(), query
    for query in ({"q": "tu son"}, {"year": year - 1}):
        assert _url(published) not in client.get(index, query).content.decode(), query


def test_a_bad_filter_answers_400_with_a_vietnamese_message(published, client_for):
    response = client_for(None).get(reverse("scoring:public_index"), {"year": "hai nghìn"})
    assert response.status_code == 400
    assert "Năm phải là một số nguyên, ví dụ 2020." in response.content.decode()


def test_the_signed_in_scoreboard_links_to_the_public_page(published, cast, client_for):
    inside = client_for(cast["viewer"]).get(reverse("scoring:scoreboard", args=[published.pk]))
    assert _url(published) in inside.content.decode()
    login = client_for(None).get(reverse("login")).content.decode()
    assert reverse("scoring:public_index") in login


@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "ha\u0300 \u0111o\u0302ng",
        "\u200b\x00",
    ],
)
def test_hostile_search_text_is_answered_without_a_server_error(published, client_for, q):
    response = client_for(None).get(reverse("scoring:public_index"), {"q": q})
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()
