"""End to end in Chromium: the Cụm IX leader sees who is behind and reminds them."""

from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from thidua.campaigns.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, url, login):
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", login)
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")


def test_the_cum_ix_leader_sees_tay_ho_below_the_minimum_and_reminds_it(
    live_server, page, settings
):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))

    _sign_in(page, live_server.url, "caugiay")
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="Cụm thi đua số IX — 2020").click()
    flagged = page.locator("#registrations tr.table-warning").all_inner_texts()
    assert len(flagged) == 1 and "Quận Tây Hồ" in flagged[0] and "0/1" in flagged[0]

    page.locator("#behind").check()  # htmx swaps the table for the units behind only
    page.wait_for_function("document.querySelectorAll('#registrations tbody tr').length === 1")

    page.get_by_role("link", name="Gửi nhắc nhở").click()
    assert page.locator("#to-remind li").all_inner_texts() == [
        "Quận Tây Hồ — 0/1 — chưa đủ mức tối thiểu"
    ]
    page.get_by_role("button", name="Gửi nhắc nhở").click()
    assert "Đã nhắc 1 đơn vị" in page.locator(".alert-success").inner_text()
    assert Notification.objects.filter(recipient__username="tayho").count() == 1
    assert hosts == {"127.0.0.1"} or hosts == {"localhost"}
