"""End to end in Chromium: Hà Đông self-scores a criterion on its sheet, Thanh Xuân cross-scores it
lower with a reason, the leader Cầu Giấy closes the round, resolves the discrepancy and publishes,
and a viewer reads the scoreboard; then a reader, not signed in, finds its public page.

Cầu Giấy and Thanh Xuân, and Hà Đông's other criteria, are scored through the actions first
(d1 10, d2 9; Hà Đông 4 for 1.1 and 3 for 2.1). Self-scoring is open 01–15/12/2020: "today" for
the scoring rules is 05/12/2020 (the browser's clock stays real, so cookies do not expire).
"""

import re

import pytest
from playwright.sync_api import expect

from thidua.scoring.actions import _common
from thidua.scoring.tests import factories as sf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Chưa có văn bản đánh giá của Sở Kế hoạch và Đầu tư"
VALIDATION = "Biên bản họp Cụm ngày 16/12/2020: thống nhất mức Trung bình"


@pytest.fixture
def during_round(monkeypatch):
    monkeypatch.setattr(_common, "today_or", lambda today: today or sf.DURING)


@pytest.fixture
def ready(scoring_round, cast, tree, during_round):
    rest = {k: v for k, v in sf.FULL.items() if k != "1.2"}
    sheets = {
        "d1": sf.FULL,
        "d2": {"1.1": {"value": 100}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "yes"}},
        "d3": rest,
    }
    sf.score_all(scoring_round, cast, tree, sheets)
    return scoring_round


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def _submit(page):
    page.click("main form button[type=submit]")


def test_self_cross_resolve_publish_and_read_the_scoreboard(live_server, page, ready, tree):
    base, r = live_server.url, ready.pk
    d2, d3 = tree["d2"].pk, tree["d3"].pk
    line = sf.line(ready, tree["d3"], "1.2")

    # Hà Đông scores 1.2 "Khá" (2 points) on its sheet; the row is saved in place (htmx).
    _login(page, base, "member")
    page.goto(f"{base}/scoring/rounds/{r}/units/{d3}/")
    row = page.locator(f"#line-{line.pk}")
    row.locator("select").select_option("Khá")
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#line-{line.pk} .saved")).to_be_visible()
    expect(page.locator(f"#line-{line.pk} .points")).to_contain_text("2")

    # The leader assigns every unit to cross-score every other one.
    _login(page, base, "leader")
    page.goto(f"{base}/scoring/rounds/{r}/assign/")
    page.check("input[name=mode][value=all]")
    _submit(page)
    expect(page.locator("#assignments")).to_contain_text("Thanh Xuân → Hà Đông")

    # Thanh Xuân cross-scores Hà Đông's 1.2 lower: without a reason it is refused, with one saved.
    _login(page, base, "officer")
    page.goto(f"{base}/scoring/rounds/{r}/cross/{d2}/{d3}/")
    expect(page.locator(f"#cross-{line.pk} .self-points")).to_have_text("2")
    cross = page.locator(f"#cross-{line.pk}")
    cross.locator("select").select_option("Trung bình")
    cross.locator("button[type=submit]").click()
    expect(page.locator(f"#cross-{line.pk} .invalid-feedback")).to_contain_text("lý do")
    page.locator(f"#cross-{line.pk} textarea").fill(REASON)
    page.locator(f"#cross-{line.pk} button[type=submit]").click()
    expect(page.locator(f"#cross-{line.pk} .saved")).to_be_visible()

    # The leader closes self-scoring, resolves the discrepancy and publishes.
    _login(page, base, "leader")
    page.goto(f"{base}/scoring/rounds/{r}/close/")
    _submit(page)
    page.goto(f"{base}/scoring/rounds/{r}/discrepancies/")
    discrepancy = page.locator(f"#discrepancy-{line.pk}")
    expect(discrepancy).to_contain_text(REASON)
    discrepancy.get_by_role("link").click()
    page.fill("input[name=points]", "1")
    page.fill("textarea[name=reason]", VALIDATION)
    _submit(page)
    page.goto(f"{base}/scoring/rounds/{r}/discrepancies/")
    expect(page.locator(f"#discrepancy-{line.pk}")).to_contain_text(VALIDATION)
    page.goto(f"{base}/scoring/rounds/{r}/")
    page.click("#publish-link")
    _submit(page)
    expect(page.locator(".alert-success")).to_be_visible()

    # A viewer of the city reads the published scoreboard: Hà Đông 4 + 1 + 3 = 8 (self 9).
    _login(page, base, "viewer")
    page.goto(f"{base}/scoring/rounds/{r}/scoreboard/")
    expect(page.locator("#provisional")).to_have_count(0)
    expect(page.locator("#ranking tbody .unit")).to_have_text(
        ["Quận Cầu Giấy", "Quận Thanh Xuân", "Quận Hà Đông"]
    )
    expect(page.locator("#ranking tbody .total")).to_have_text(["10", "9", "8"])
    expect(page.locator("#ranking tbody .difference").nth(2)).to_contain_text("1")
    expect(page.locator("#chart-totals")).to_be_visible()

    # A reader of the news, not signed in, finds it from the sign-in page by a member's name.
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.click("#public-results")
    page.fill("#id_q", "ha dong")
    page.click("#public-search button")
    page.locator("#published a").first.click()
    expect(page.locator("#ranking tbody .total")).to_have_text(["10", "9", "8"])
    expect(page.locator("#export-xlsx")).to_have_count(0)
    drawn = page.evaluate("document.querySelector('#chart-totals').toDataURL().length")
    assert drawn > 1000  # Chart.js drew the bars (an empty canvas is a few hundred bytes)
