"""The member list of one cluster, as Excel and PDF."""

import datetime

import pytest
import time_machine

from thidua.documents.engine import UnsupportedFormat, render
from thidua.documents.papers.clusters import MEMBER_LIST

from .conftest import DAY
from .readers import flat, pdf_text, sheet_values, workbook

pytestmark = pytest.mark.django_db


def test_excel_member_list_has_the_title_block_and_typed_cells(cluster):
    data, filename, _type = render(MEMBER_LIST, "xlsx", cluster=cluster, on=DAY)
    assert filename == "danh-sach-don-vi-thanh-vien-cum-thi-dua-so-i-nam-2020-thanh-pho-thu.xlsx"
    values = sheet_values(data)
    column_a = [row[0] for row in values]
    assert column_a[:2] == ["UBND THÀNH PHỐ THỬ", "CỤM THI ĐUA SỐ I"]
    assert "ĐƠN VỊ THÀNH VIÊN CỤM THI ĐUA SỐ I NĂM 2020" in column_a
    assert "(Đơn vị tổ chức: Thành phố Thử; tính đến ngày 20 tháng 02 năm 2020)" in column_a
    header = column_a.index("STT")
    assert values[header] == ["STT", "Đơn vị thành viên", "Loại đơn vị", "Nhiệm vụ"]
    assert values[header + 1 : header + 4] == [
        [1, "Quận Cầu Giấy", "Quận / huyện / thị xã", "Cụm trưởng"],
        [2, "Quận Hà Đông", "Quận / huyện / thị xã", "Thành viên"],
        [3, "Quận Thanh Xuân", "Quận / huyện / thị xã", "Cụm phó"],
    ]
    assert "Tổng cộng: 03 đơn vị thành viên." in column_a
    sheet = workbook(data).active
    assert sheet.title == "Thành viên"
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [7, 54, 24, 18]
    assert sheet.cell(row=header + 2, column=1).number_format == "#,##0"


def test_pdf_member_list_has_the_letterhead_and_the_members(cluster):
    data = render(MEMBER_LIST, "pdf", cluster=cluster, on=DAY)[0]
    text = pdf_text(data)
    for expected in (
        "UBND THÀNH PHỐ THỬ CỤM THI ĐUA SỐ I",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Thành phố Thử, ngày 20 tháng 02 năm 2020",
        "DANH SÁCH Đơn vị thành viên Cụm thi đua số I năm 2020",
        "Chủ đề công tác năm: Chủ đề thử.",
        "Cụm trưởng: Quận Cầu Giấy; Cụm phó: Quận Thanh Xuân.",
        "1 Quận Cầu Giấy Quận / huyện / thị xã Cụm trưởng",
        "3 Quận Thanh Xuân Quận / huyện / thị xã Cụm phó",
        "Tổng cộng: 03 đơn vị thành viên.",
    ):
        assert flat(expected) in text, expected
    assert "Số:" not in text  # a list carries no number


@time_machine.travel(datetime.datetime(2021, 3, 5, 23, 30, tzinfo=datetime.UTC))
def test_the_list_is_dated_today_in_vietnam(cluster):
    data = render(MEMBER_LIST, "pdf", cluster=cluster)[0]
    assert "Thành phố Thử, ngày 06 tháng 3 năm 2021" in pdf_text(data)


def test_the_member_list_is_not_made_in_word(cluster):
    with pytest.raises(UnsupportedFormat):
        render(MEMBER_LIST, "docx", cluster=cluster)
