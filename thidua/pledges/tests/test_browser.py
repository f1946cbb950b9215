"""End to end in Chromium: the leader builds a small pledge through the pages (the running total
updates while typing), every member signs it, and it shows as locked."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")


def _submit(page):
    page.click("main form button[type=submit]")


def test_leader_builds_a_pledge_members_sign_and_it_locks(live_server, page, cluster, signers):
    base = live_server.url
    _login(page, base, "leader")
    page.goto(f"{base}/pledges/")
    page.locator("#awaiting a").click()
    page.fill("#id_scale", "10")
    _submit(page)
    expect(page.locator("h1")).to_contain_text("Giao ước thi đua năm 2020")

    page.click("#add-group")
    page.fill("#id_title", "Kinh tế")
    _submit(page)

    for code, text, score in (
        ("1.1", "Hoàn thành dự toán thu ngân sách", "6"),
        ("1.2", "Hỗ trợ doanh nghiệp trên địa bàn", "4"),
    ):
        page.get_by_role("link", name="thêm tiêu chí").click()
        page.fill("#id_code", code)
        page.fill("#id_text", text)
        page.select_option("#id_method", "free")
        page.fill("#id_max_score", score)
        expected = "6" if code == "1.1" else "10"
        expect(page.locator("#running-total")).to_have_attribute("data-total", expected)
        _submit(page)
        expect(page.locator("#criteria")).to_contain_text(text)
    expect(page.locator("#criteria #running-total")).to_have_attribute("data-total", "10")

    page.locator("#pledge-actions a[href$='/open/']").click()
    _submit(page)
    expect(page.locator(".status-badge").first).to_have_text(re.compile("Mở ký"))
    pledge_url = page.url.split("#")[0]

    for user, _unit in signers:
        _login(page, base, user.username)
        page.goto(pledge_url)
        page.click("#sign-link")
        page.click("#sign-button")
        expect(page.locator(".alert-success")).to_be_visible()

    expect(page.locator(".status-badge").first).to_contain_text("Đã khóa")
    expect(page.locator("#in-force")).to_be_visible()
    assert page.locator(".signature-row[data-signed=yes]").count() == 3
