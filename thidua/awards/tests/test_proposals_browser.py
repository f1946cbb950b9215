"""End to end in Chromium: the Thanh Xuân officer adds a recipient who fails, reads why, has the
history completed, and checks again in place (htmx) until the proposal may be filed."""

from urllib.parse import urlparse

import pytest

from thidua.awards import actions
from thidua.awards.models import AwardType, YearlyRating
from thidua.organizations.tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_sees_why_and_checks_again_in_place(live_server, page, tree, cast):
    person = PersonFactory(unit=tree["d2"], family_name="Trần", given_name="Bình")
    rating = actions.record_rating(subject=person, year=2025, rating="htnv", by=None)
    actions.record_fact(subject=person, year=2025, fact="active_in_movements", by=None)
    proposal = actions.create_proposal(proposer=tree["d2"], year=2025, by=None)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/awards/proposals/{proposal.pk}/items/new/")
    page.select_option("select[name=unit]", str(tree["d2"].pk))
    page.get_by_role("button", name="Xem danh sách cá nhân").click()
    page.select_option("#id_person", str(person.pk))
    page.select_option("#id_award_type", str(AwardType.objects.get(code="lao_dong_tien_tien").pk))
    page.get_by_role("button", name="Thêm và xét điều kiện").click()

    row = page.locator("#items tbody tr").first
    assert "Chưa đủ điều kiện" in row.inner_text()
    assert "Điều 24" in row.locator(".reasons").inner_text()

    actions.change_rating(
        rating=YearlyRating.objects.get(pk=rating.pk),
        version=rating.version,
        value="httnv",
        by=None,
    )
    page.evaluate("window.__kept = true")  # survives only if the page is not reloaded
    page.get_by_role("button", name="Xét lại").click()
    page.wait_for_selector("#items .badge.text-bg-success")
    assert page.evaluate("window.__kept") is True
    assert "Đủ điều kiện" in page.locator("#items tbody tr").first.inner_text()
    assert hosts == {"127.0.0.1"} or hosts == {"localhost"}
