"""End to end in Chromium: Cụm IX elects its leading unit by secret ballot.

The leader (Cầu Giấy) sets the election up (the candidates are the top three of the demo's
published 2020 scoring ranking: Cầu Giấy, Hà Đông, Tây Hồ) and opens it; each of the six district
officers signs in and votes; the leader closes it (the result stays sealed), releases it, and
everyone sees Cầu Giấy elected; an officer checks their receipt."""

import re
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.voting.models import Ballot, Turnout, Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# officer → the candidate their district votes for
VOTES = {
    "caugiay": "Quận Cầu Giấy",
    "thanhxuan": "Quận Cầu Giấy",
    "hadong": "Quận Hà Đông",
    "namtuliem": "Quận Cầu Giấy",
    "bactuliem": "Quận Tây Hồ",
    "tayho": "Quận Cầu Giấy",
}


def _sign_in(page, url, login):
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", login)
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    # Wait for the signed-in page: a navigation started now would cancel the login POST.
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_cum_ix_elects_its_leading_unit_end_to_end(live_server, page, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    url = live_server.url

    _sign_in(page, url, "caugiay")
    page.goto(f"{url}/voting/")
    page.get_by_role("link", name="Bầu đơn vị dẫn đầu Cụm thi đua số IX (2020)").click()
    intro = page.locator("#form-card p.text-muted").first.inner_text()
    assert intro == (
        "Ứng viên theo bảng xếp hạng đã công bố: Quận Cầu Giấy, Quận Hà Đông, Quận Tây Hồ."
    )
    page.fill("#id_title", "Bình xét đơn vị dẫn đầu Cụm IX (thử trên trình duyệt)")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lập cuộc bầu")
    ballot_url = page.url
    page.get_by_role("link", name="Mở bỏ phiếu").click()
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã mở bỏ phiếu")
    ballot = Ballot.objects.get(title__endswith="(thử trên trình duyệt)")
    assert ballot.electorate_size == 6

    receipts = {}
    for login, choice in VOTES.items():
        _sign_in(page, url, login)
        page.goto(ballot_url)
        page.click("#vote")
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.locator("#cast-done")).to_be_visible()
        receipts[login] = page.locator("#receipt").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", receipts[login])
        page.goto(ballot_url)
        expect(page.locator("#vote")).to_have_count(0)
    assert Turnout.objects.filter(ballot=ballot).count() == 6
    assert Vote.objects.filter(ballot=ballot).count() == 6

    _sign_in(page, url, "caugiay")
    page.goto(ballot_url)
    page.get_by_role("link", name="Đóng bỏ phiếu").click()
    page.get_by_role("button", name="Đóng bỏ phiếu").click()
    expect(page.locator("#sealed")).to_contain_text("niêm phong")
    expect(page.locator("#elected")).to_have_count(0)
    expect(page.locator("#result table")).to_have_count(0)
    page.get_by_role("link", name="Công bố kết quả").click()
    page.get_by_role("button", name="Công bố kết quả").click()
    expect(page.locator("#elected")).to_have_text("Đơn vị dẫn đầu: Quận Cầu Giấy")

    _sign_in(page, url, "tayho")
    page.goto(ballot_url)
    expect(page.locator("#elected")).to_have_text("Đơn vị dẫn đầu: Quận Cầu Giấy")
    rows = page.locator("#result tbody tr").all_inner_texts()
    assert rows[0].split("\t")[:2] == ["Quận Cầu Giấy", "4"]
    page.get_by_role("link", name="Kiểm tra mã biên nhận").click()
    page.fill("#id_code", receipts["tayho"])
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.locator("#receipt-result")).to_have_text("Phiếu có mã biên nhận này đã được kiểm.")
    assert hosts == {"127.0.0.1"} or hosts == {"localhost"}
