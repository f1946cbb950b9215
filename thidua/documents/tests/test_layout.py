"""The shared parts of every paper: numbers, dates, issuers, legal bases, ordering."""

import datetime

import pytest
from django.utils import translation

from thidua.documents import fonts, layout, legal
from thidua.organizations.tests.factories import UnitFactory


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_numbers_below_ten_take_a_leading_zero_and_drafts_leave_a_blank():
    assert layout.number_line("QĐ-UBND", "5") == "Số: 05/QĐ-UBND"
    assert layout.number_line("QĐ-UBND", "123") == "Số: 123/QĐ-UBND"
    draft = layout.number_line("QĐ-UBND")
    assert draft.startswith("Số: \u00a0") and draft.endswith("/QĐ-UBND")
    assert layout.two_digits(6) == "06" and layout.two_digits(12) == "12"


def test_place_and_date_line_is_in_the_vietnamese_form():
    day = datetime.date(2020, 2, 20)
    assert layout.place_date("Hà Nội", day) == "Hà Nội, ngày 20 tháng 02 năm 2020"
    assert layout.place_date("Hà Nội", datetime.date(2023, 3, 12)).endswith(
        "ngày 12 tháng 3 năm 2023"
    )
    draft = layout.place_date("Hà Nội", None, year=2020)
    assert draft.startswith("Hà Nội, ngày\u00a0") and draft.endswith("năm 2020")


def test_sample_data_is_marked():
    assert layout.marked("Quận Tây Hồ", True) == "Quận Tây Hồ (dữ liệu mẫu)"
    assert layout.marked("Quận Tây Hồ", False) == "Quận Tây Hồ"


def test_cluster_numbers_sort_as_people_read_them():
    numbers = ["X", "IX", "2", "II", "10", "Tây", "I", "An", "IV"]
    assert sorted(numbers, key=layout.number_sort_key) == [
        "I",
        "2",
        "II",
        "IV",
        "IX",
        "10",
        "X",
        "An",
        "Tây",
    ]
    assert [layout.roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]


def test_file_names_are_ascii():
    assert layout.file_slug("QUYẾT ĐỊNH", "Về việc thành lập", "Hà Nội") == (
        "quyet-dinh-ve-viec-thanh-lap-ha-noi"
    )


def test_a_province_issues_through_its_peoples_committee_without_a_parent_line(tree):
    issuer = layout.issuer_for_unit(tree["city"])
    assert issuer.lines == ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ THỬ")
    assert issuer.parent == ""
    assert issuer.authority == "ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ"
    assert issuer.symbol == "UBND"
    assert issuer.place == "Thành phố Thử"
    assert issuer.signer_lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_an_agency_issues_under_its_name_with_its_parent_above_and_the_citys_place(tree):
    office = UnitFactory(
        parent=tree["d1"], kind="co_quan", short_name="Phòng Nội vụ", name="Phòng Nội vụ quận"
    )
    issuer = layout.issuer_for_unit(office)
    assert issuer.lines == ("PHÒNG NỘI VỤ QUẬN",)
    assert issuer.parent == "UBND QUẬN CẦU GIẤY"
    assert issuer.place == "Cầu Giấy"
    assert issuer.symbol == "PNV"


@pytest.mark.parametrize(
    ("day", "expected", "absent"),
    [
        (datetime.date(2020, 2, 20), ["ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP"], ["2019;"]),
        (datetime.date(2021, 1, 1), ["ngày 22 tháng 11 năm 2019", "91/2017/NĐ-CP"], ["2022"]),
        (datetime.date(2024, 5, 1), ["ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"], ["2003"]),
        (datetime.date(2025, 8, 1), ["ngày 16 tháng 6 năm 2025", "152/2025/NĐ-CP"], ["98/2023"]),
    ],
)
def test_legal_bases_follow_the_regime_in_force(day, expected, absent):
    text = " ".join(legal.bases_on(day))
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in legal.bases_on(day))
    for part in expected:
        assert part in text
    for part in absent:
        assert part not in text


def test_vietnamese_letters_are_the_134_outside_ascii():
    letters = fonts.vietnamese_letters()
    assert len(letters) == len(set(letters)) == 134
    assert "ỹ" in letters and "Ỹ" in letters and "đ" in letters and "Đ" in letters
    assert not any(ch.isascii() for ch in letters)


def test_text_is_measured_with_the_fonts_metrics():
    short = fonts.text_width_pt("Độc lập", 13, bold=True)
    long = fonts.text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    assert 0 < short < long < 27 * 13
