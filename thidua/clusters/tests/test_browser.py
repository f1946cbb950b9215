"""End to end in Chromium: the Cụm IX leader signs in and sees the six districts in order."""

from urllib.parse import urlparse

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cluster_leader_sees_cum_ix_districts_in_vietnamese_order(live_server, page, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))

    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "caugiay")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.get_by_role("link", name="Cụm thi đua số IX — 2020").first.click()

    members = page.locator("#members li a").all_inner_texts()
    assert members == [
        "Quận Bắc Từ Liêm",
        "Quận Cầu Giấy",
        "Quận Hà Đông",
        "Quận Nam Từ Liêm",
        "Quận Tây Hồ",
        "Quận Thanh Xuân",
    ]
    assert (
        page.locator("#members li", has_text="Quận Cầu Giấy").locator(".badge").inner_text()
        == "cụm trưởng"
    )
    # Fonts, styles and scripts all came from the app itself.
    font = page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Cầu Giấy')")
    assert font
    assert hosts == {"127.0.0.1"} or hosts == {"localhost"}
