"""The registration list of a cluster (campaigns.registration_list) in Word, PDF and Excel."""

import datetime

import pytest

from thidua.campaigns import actions as campaign_actions
from thidua.campaigns.papers import REGISTRATION_LIST
from thidua.documents.engine import render

from .conftest import DAY
from .readers import docx_tables, docx_text, flat, pdf_fonts, pdf_text, sheet_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(cluster, tree, cast):
    campaign_actions.set_registration_rule(
        cluster=cluster, min_models=2, deadline=datetime.date(2020, 3, 15), by=None
    )
    campaign_actions.register_for_emulation(
        cluster=cluster,
        unit=tree["d1"],
        titles=["tap_the_lao_dong_xuat_sac", "co_thi_dua_cap_tinh"],
        models=[("mo_hinh_moi", "Phường văn minh đô thị"), ("chuyen_de", "Cải cách hành chính")],
        today=datetime.date(2020, 3, 1),
        by=None,
    )
    campaign_actions.register_for_emulation(
        cluster=cluster,
        unit=tree["d3"],
        titles=["giay_khen"],
        models=[("mo_hinh_moi", "Chợ an toàn thực phẩm")],
        today=datetime.date(2020, 3, 1),
        by=None,
    )
    return cluster


def test_excel_lists_every_member_with_its_titles_and_models(registrations):
    data, filename, _type = render(REGISTRATION_LIST, "xlsx", cluster=registrations, on=DAY)
    assert filename.startswith(
        "danh-sach-dang-ky-thi-dua-cua-cac-don-vi-thanh-vien-cum-thi-dua-so-i"
    )
    values = sheet_values(data)
    column_a = [row[0] for row in values]
    # the number column's heading ("STT") is the engine's; the apps' catalogues disagree on it
    header = [row[1] for row in values].index("Đơn vị thành viên")
    assert values[header][1:4] == [
        "Đơn vị thành viên",
        "Danh hiệu, hình thức đăng ký",
        "Chuyên đề thi đua, mô hình mới",
    ]
    rows = values[header + 1 : header + 4]
    assert [r[:4] for r in rows] == [
        [
            1,
            "Quận Cầu Giấy",
            "Tập thể lao động xuất sắc; Cờ thi đua của bộ, ban, ngành, tỉnh",
            "Mô hình mới: Phường văn minh đô thị; Chuyên đề thi đua: Cải cách hành chính",
        ],
        [2, "Quận Hà Đông", "Giấy khen", "Mô hình mới: Chợ an toàn thực phẩm"],
        [3, "Quận Thanh Xuân", "Chưa đăng ký", None],
    ]
    assert (
        "Tổng cộng: 02/03 đơn vị thành viên đã đăng ký, với 03 chuyên đề thi đua, mô hình mới."
        in column_a
    )


def test_word_has_the_rule_the_shortfall_and_the_table(registrations):
    data = render(REGISTRATION_LIST, "docx", cluster=registrations, on=DAY)[0]
    text = flat(docx_text(data))
    for expected in (
        "Thành phố Thử, ngày 20 tháng 02 năm 2020",
        "DANH SÁCH",
        "Mỗi đơn vị thành viên đăng ký ít nhất 02 chuyên đề thi đua hoặc mô hình mới.",
        "Hạn đăng ký: 15/03/2020.",
        "01 đơn vị đăng ký ít hơn mức tối thiểu.",
        "CỤM TRƯỞNG",
        "QUẬN CẦU GIẤY",
    ):
        assert expected in text, expected
    table = next(t for t in docx_tables(data) if t[0][1] == "Đơn vị thành viên")
    assert table[2][1] == "Quận Hà Đông" and table[3][2] == "Chưa đăng ký"


def test_pdf_embeds_its_font_and_says_the_same(registrations):
    data = render(REGISTRATION_LIST, "pdf", cluster=registrations, on=DAY)[0]
    text = pdf_text(data)
    assert "Phường văn minh đô thị" in text
    assert "Chưa đăng ký" in text
    assert all(font["embedded"] for font in pdf_fonts(data))
