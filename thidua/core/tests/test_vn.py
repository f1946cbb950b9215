"""Tests for thidua.core.vn, the Vietnamese text helpers.

The sorting tests pin the order measured on PostgreSQL's ICU collation "vi-x-icu"; the
PostgreSQL test re-checks it live whenever the suite runs on PostgreSQL.
"""

import datetime
import functools
import unicodedata
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from thidua.core import vn


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


# --- nfc / clean_text / normalize_data -----------------------------------------------------


def test_nfc_composes_text_typed_in_decomposed_form():
    assert nfd("Nguyễn") != "Nguyễn"
    assert vn.nfc(nfd("Nguyễn")) == "Nguyễn"
    assert vn.nfc("Nguyễn") == "Nguyễn"


def test_clean_text_removes_invisible_characters_and_collapses_whitespace():
    dirty = "\ufeff  Nguyễn\u00a0\u00a0Văn\u200b \tAn\u00ad\u2060\n "
    assert vn.clean_text(dirty) == "Nguyễn Văn An"


def test_clean_text_composes_across_removed_zero_width_characters():
    # "e" + ZWJ + circumflex + acute: only composable once the joiner is gone.
    assert vn.clean_text("Nguy\u200de\u200c\u0302\u0301n") == "Nguyến"


def test_clean_text_normalizes_decomposed_input_to_nfc():
    assert vn.clean_text(nfd("  Trần   Thị  Bình ")) == "Trần Thị Bình"


def test_clean_text_keeps_empty_text_empty():
    assert vn.clean_text(" \u200b\u00a0 ") == ""


def test_normalize_data_normalizes_strings_in_nested_structures():
    data = {nfd("tên"): [nfd("Hà Nội"), (nfd("Đà Nẵng"), 3)], "số": 1.5, "có": True, "x": None}
    result = vn.normalize_data(data)
    assert result == {"tên": ["Hà Nội", ("Đà Nẵng", 3)], "số": 1.5, "có": True, "x": None}
    assert all(unicodedata.is_normalized("NFC", key) for key in result)
    assert isinstance(result["tên"][1], tuple)


def test_normalize_data_returns_a_copy():
    original = {"a": [nfd("ấ")]}
    vn.normalize_data(original)
    assert original["a"][0] == nfd("ấ")


# --- sort_key / compare --------------------------------------------------------------------

ICU_INPUT = [
    "An", "Ân", "Ăn", "Àn", "Ản", "Ãn", "Án", "Ạn", "Anh", "An Bình",
    "Đào", "Dương", "Bắc", "ba", "Ba", "Hà Nội", "Hàn",
]  # fmt: skip
ICU_ORDER = [
    "An", "Àn", "Ản", "Ãn", "Án", "Ạn", "An Bình", "Anh", "Ăn", "Ân",
    "ba", "Ba", "Bắc", "Dương", "Đào", "Hà Nội", "Hàn",
]  # fmt: skip


def test_sort_key_orders_like_postgresql_icu_vietnamese():
    assert sorted(ICU_INPUT, key=vn.sort_key) == ICU_ORDER
    assert sorted(reversed(ICU_INPUT), key=vn.sort_key) == ICU_ORDER


def test_sort_key_orders_tones_like_icu():
    # none < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=vn.sort_key) == tones


def test_sort_key_treats_modified_vowels_and_d_stroke_as_letters():
    letters = ["a", "ă", "â", "b", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "v"]
    assert sorted(reversed(letters), key=vn.sort_key) == letters
    # A letter difference outweighs any tone difference.
    assert sorted(["ăa", "ạz", "ây"], key=vn.sort_key) == ["ạz", "ăa", "ây"]


def test_sort_key_compares_tones_after_letters_and_case_last():
    words = ["Bà", "ba", "bá", "Ba", "bà", "BA"]
    assert sorted(words, key=vn.sort_key) == ["ba", "Ba", "BA", "bà", "Bà", "bá"]


def test_sort_key_puts_space_and_punctuation_before_digits_and_letters():
    words = ["ab", "a1", "a-b", "a b", "a.b", "a"]
    assert sorted(words, key=vn.sort_key) == ["a", "a b", "a-b", "a.b", "a1", "ab"]


def test_sort_key_compares_digits_one_by_one_like_icu():
    assert sorted(["Tổ 10", "Tổ 2", "Tổ 1"], key=vn.sort_key) == ["Tổ 1", "Tổ 10", "Tổ 2"]


@pytest.mark.parametrize(
    "word", ["Nguyễn", "Đặng Thị Ngọc Trâm", "ặ ợ ự ộ ệ", "Ưng Hoàng Phúc", "Thuỷ Thủy"]
)
def test_sort_key_gives_equal_keys_for_decomposed_and_precomposed_text(word):
    assert vn.sort_key(nfd(word)) == vn.sort_key(word)
    assert vn.compare(nfd(word), word) == 0


def test_sort_key_reads_modifiers_that_nfd_places_after_the_dot_below():
    # NFD puts the dot below (class 220) before the breve/circumflex (class 230).
    assert nfd("ặ") == "a\u0323\u0306"
    assert sorted([nfd("ặ"), "ă", "ả", "â"], key=vn.sort_key) == ["ả", "ă", nfd("ặ"), "â"]


def test_sort_key_ignores_zero_width_characters_before_the_last_tie_break():
    assert sorted(["a\u200bc", "ab", "Ab"], key=vn.sort_key) == ["ab", "Ab", "a\u200bc"]


def test_compare_returns_minus_one_zero_or_one():
    assert vn.compare("An", "Ăn") == -1
    assert vn.compare("Ăn", "An") == 1
    assert vn.compare("Ăn", "Ăn") == 0


def test_compare_sorts_like_sort_key():
    words = [*ICU_INPUT, "Đạt", "đạt", "Zoë", "1", "", " "]
    assert sorted(words, key=functools.cmp_to_key(vn.compare)) == sorted(words, key=vn.sort_key)


VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        # letters, tones, modifiers (breve, circumflex, horn) to build NFD text
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBĐEÊOÔƠUƯ 0123-.,\u0300\u0309\u0303\u0301\u0323")
        + list("\u0306\u0302\u031b")
    ),
    max_size=12,
)
ANY_TEXT = st.one_of(VIETNAMESE_TEXT, st.text(max_size=8))


@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_sort_key_is_a_total_order_consistent_with_compare(a, b, c):
    assert vn.compare(a, b) == -vn.compare(b, a)
    assert (vn.compare(a, b) == 0) == (vn.nfc(a) == vn.nfc(b))
    assert (vn.compare(a, b) < 0) == (vn.sort_key(a) < vn.sort_key(b))
    if vn.compare(a, b) <= 0 and vn.compare(b, c) <= 0:
        assert vn.compare(a, c) <= 0


@given(ANY_TEXT)
def test_sort_key_is_the_same_for_nfd_and_nfc_spellings(text):
    assert vn.sort_key(unicodedata.normalize("NFD", text)) == vn.sort_key(
        unicodedata.normalize("NFC", text)
    )


# --- person ordering -----------------------------------------------------------------------


def test_person_sort_key_orders_by_given_then_middle_then_family_name():
    people = [("Nguyễn", "Văn", "Cường"), ("Lê", "", "Cường"), ("Trần", "Thị", "Bình")]
    people.sort(key=lambda person: vn.person_sort_key(*person))
    # Bình < Cường; both Cường: an empty middle name sorts before "Văn".
    assert people == [("Trần", "Thị", "Bình"), ("Lê", "", "Cường"), ("Nguyễn", "Văn", "Cường")]


def test_person_sort_key_uses_family_name_only_to_break_ties():
    people = [("Trần", "Văn", "An"), ("Lê", "Văn", "An"), ("Bùi", "Văn", "Ân")]
    people.sort(key=lambda person: vn.person_sort_key(*person))
    assert people == [("Lê", "Văn", "An"), ("Trần", "Văn", "An"), ("Bùi", "Văn", "Ân")]


def test_name_sort_key_splits_full_names_vietnamese_style():
    names = ["Nguyễn Văn Cường", "Lê Cường", "Trần Thị Bình", "Bình", "Đỗ Thị Ánh"]
    assert sorted(names, key=vn.name_sort_key) == [
        "Đỗ Thị Ánh",
        "Bình",
        "Trần Thị Bình",
        "Lê Cường",
        "Nguyễn Văn Cường",
    ]
    assert vn.name_sort_key("Nguyễn Văn An") == vn.person_sort_key("Nguyễn", "Văn", "An")
    assert vn.name_sort_key("Tôn Nữ Thị Ninh") == vn.person_sort_key("Tôn", "Nữ Thị", "Ninh")
    assert vn.name_sort_key("An") == vn.person_sort_key("", "", "An")


def test_name_sort_key_ignores_extra_spaces_and_decomposition():
    assert vn.name_sort_key(nfd("  Nguyễn\u00a0Văn  An ")) == vn.name_sort_key("Nguyễn Văn An")


# --- fold ----------------------------------------------------------------------------------


def test_fold_removes_tones_modifiers_and_case():
    assert vn.fold("Cầu Giấy") == "cau giay"
    assert vn.fold("ĐOÀN") == "doan"
    assert vn.fold("Ưng Thị Ơn Ấm") == "ung thi on am"


def test_fold_gives_the_same_result_for_decomposed_text_and_collapses_whitespace():
    assert vn.fold(nfd("  Thừa\u00a0Thiên   Huế\u200b ")) == "thua thien hue"
    assert vn.fold(nfd("Đặng")) == vn.fold("Đặng") == "dang"


# --- dates ---------------------------------------------------------------------------------


def test_format_date_pads_days_below_ten_and_january_february():
    assert vn.format_date(datetime.date(2020, 2, 20)) == "ngày 20 tháng 02 năm 2020"
    assert vn.format_date(datetime.date(2023, 1, 5)) == "ngày 05 tháng 01 năm 2023"
    # Nghị định 30/2020: months from March on are written without a leading zero.
    assert vn.format_date(datetime.date(2023, 3, 12)) == "ngày 12 tháng 3 năm 2023"
    assert vn.format_date(datetime.date(2023, 12, 1)) == "ngày 01 tháng 12 năm 2023"


def test_format_short_date_pads_day_and_month():
    assert vn.format_short_date(datetime.date(2020, 2, 20)) == "20/02/2020"
    assert vn.format_short_date(datetime.date(2023, 7, 5)) == "05/07/2023"


def test_format_date_uses_the_date_part_of_a_naive_datetime():
    moment = datetime.datetime(2020, 2, 20, 23, 59)
    assert vn.format_date(moment) == "ngày 20 tháng 02 năm 2020"
    assert vn.format_short_date(moment) == "20/02/2020"


def test_format_date_converts_an_aware_datetime_to_local_time_first():
    evening_utc = datetime.datetime(2020, 2, 19, 18, 30, tzinfo=datetime.UTC)  # 01:30 in Hà Nội
    with timezone.override(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")):
        assert vn.format_date(evening_utc) == "ngày 20 tháng 02 năm 2020"
        assert vn.format_short_date(evening_utc) == "20/02/2020"


def test_format_place_date_writes_the_document_place_and_date_line():
    day = datetime.date(2020, 2, 20)
    assert vn.format_place_date("Hà Nội", day) == "Hà Nội, ngày 20 tháng 02 năm 2020"
    assert vn.format_place_date(nfd(" Hà  Nội "), day) == "Hà Nội, ngày 20 tháng 02 năm 2020"


# --- numbers and money ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, None, "1.234.567"),
        (14.6, None, "14,6"),
        (0, None, "0"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (-1234567.5, None, "-1.234.567,5"),
        (Decimal("1234.500"), None, "1.234,5"),
        (Decimal("1E+3"), None, "1.000"),
        (Decimal("0.000"), None, "0"),
        (2.675, 2, "2,68"),  # half-up on the printed value, not on the binary float
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("0.135"), 2, "0,14"),
        (14.6, 2, "14,60"),
        (1234567, 0, "1.234.567"),
        (Decimal("1234.5"), 0, "1.235"),
        (-0.001, 2, "0,00"),
        (-2.5, 0, "-3"),
        (Decimal("12345678901234567890123456.785"), 2, "12.345.678.901.234.567.890.123.456,79"),
    ],
)  # fmt: skip
def test_format_number_uses_vietnamese_separators(value, decimals, expected):
    assert vn.format_number(value, decimals) == expected


def test_format_number_rejects_non_finite_values():
    with pytest.raises(ValueError):
        vn.format_number(float("nan"))
    with pytest.raises(ValueError):
        vn.format_number(Decimal("Infinity"))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (14_600_000_000, "14,6 tỷ đồng"),
        (1_300_000_000, "1,3 tỷ đồng"),
        (3_400_000_000, "3,4 tỷ đồng"),
        (2_340_000, "2,34 triệu đồng"),
        (500_000, "500 nghìn đồng"),
        (950, "950 đồng"),
        (0, "0 đồng"),
        (1_000_000_000, "1 tỷ đồng"),
        (1_234_567_890, "1,23 tỷ đồng"),
        (1_235_000_000, "1,24 tỷ đồng"),
        (1_500_000_000_000, "1.500 tỷ đồng"),
        (999_999_999, "1 tỷ đồng"),
        (999_994_999, "999,99 triệu đồng"),
        (995_000_000, "995 triệu đồng"),
        (999_995, "1 triệu đồng"),
        (1_000, "1 nghìn đồng"),
        (Decimal("2340000.00"), "2,34 triệu đồng"),
        (-2_500_000, "-2,5 triệu đồng"),
    ],
)
def test_format_money_uses_the_largest_scale_word(amount, expected):
    assert vn.format_money(amount) == expected


def test_format_vnd_writes_the_full_amount():
    assert vn.format_vnd(2340000) == "2.340.000 đồng"
    assert vn.format_vnd(Decimal("2340000.50")) == "2.340.001 đồng"
    assert vn.format_vnd(0) == "0 đồng"


def test_format_percent_uses_a_decimal_comma():
    assert vn.format_percent(80) == "80%"
    assert vn.format_percent(66.67) == "66,67%"
    assert vn.format_percent(Decimal("200") / 3, 2) == "66,67%"
    assert vn.format_percent(50, 1) == "50,0%"


# --- PostgreSQL ----------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Âu", "Ưng", "Ông"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Quốc", "Xuân", ""]
GIVEN = ["An", "Ân", "Ấn", "Anh", "Ánh", "Bảo", "Bình", "Cường", "Châu", "Dũng", "Đạt",
         "Điệp", "Giang", "Hà", "Hải", "Hạnh", "Hằng", "Hiếu", "Hoà", "Hòa", "Huệ", "Hưng",
         "Hương", "Khánh", "Lan", "Linh", "Loan", "Mỹ", "Nga", "Ngà", "Ngân", "Nhung", "Oanh",
         "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Thuỷ",
         "Tiến", "Trâm", "Tú", "Tuấn", "Ưng", "Uyên", "Vân", "Việt", "Yến"]  # fmt: skip
PLACES = ["Hà Nội", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Phòng", "Hải Dương", "Đà Nẵng",
          "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Bà Rịa - Vũng Tàu",
          "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bạc Liêu", "Bến Tre", "Bình Dương", "Bình Định",
          "Cà Mau", "Cao Bằng", "Cần Thơ", "Gia Lai", "Hậu Giang", "Hòa Bình", "Hưng Yên",
          "Khánh Hòa", "Kon Tum", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
          "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
          "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thanh Hóa", "Thừa Thiên Huế",
          "TP. Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Yên Bái"]  # fmt: skip
WORDS = ["chiến sĩ thi đua", "Chiến sĩ thi đua cơ sở", "lao động tiên tiến", "bằng khen",
         "Bằng khen", "BẰNG KHEN", "giấy khen", "cờ thi đua", "Huân chương Lao động hạng Ba",
         "Huân chương Lao động hạng Nhì", "Huân chương Lao động hạng Nhất",
         "tập thể lao động xuất sắc", "Phòng 1", "Phòng 10", "Phòng 2", "Tổ 3", "Đội 12",
         "năm 2024", "Năm 2025", "2025", "10", "1", "an", "AN", "ân", "ÂN", "ăn", "ĂN", "đào",
         "ĐÀO", "da", "dà", "dả", "dã", "dá", "dạ", "đa", "ma", "mà", "mả", "mã", "má", "mạ",
         "mơ", "mở", "mỡ", "mớ", "mợ", "mô", "mồ", "mổ", "mỗ", "mố", "mộ", "mư", "mừ", "mử",
         "mữ", "mứ", "mự", "khoẻ", "khỏe", "Quy", "Qui", "quý", "xã", "Xã", "phường", "Phường",
         "Ban Thi đua - Khen thưởng", "Ban Thi đua – Khen thưởng", "Sở Nội vụ", "Sở Y tế",
         "Sở Tài chính", "Trường THPT số 1", "Trường THCS Đống Đa", "Đống Đa", "Đông Anh",
         "Đông", "Đồng", "đồng", "Ðồng", "Ea H'leo", "Krông Pắc", "K'Bang"]  # fmt: skip


def _realistic_names() -> list[str]:
    names = [
        " ".join(part for part in (FAMILY[i % len(FAMILY)], MIDDLE[i % len(MIDDLE)], given) if part)
        for i, given in enumerate(GIVEN)
    ]
    names += GIVEN
    # Some typed in decomposed Unicode; their NFC twins are not in the list, so no tie
    # between equal-looking strings depends on byte order.
    decomposed = [nfd(name) for name in ("Nguyễn Thị Ngọc Trâm", "Đặng Văn Ặng", "Ưng Ợ Ự")]
    words = list(dict.fromkeys([*names, *PLACES, *WORDS, *decomposed]))
    assert len({vn.nfc(word) for word in words}) == len(words)
    return words


@pytest.mark.postgres
@pytest.mark.django_db
def test_sort_key_matches_postgresql_icu_collation_on_realistic_names():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL with ICU")
    words = _realistic_names()
    assert len(words) >= 200
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT x FROM unnest(%s::text[]) AS t(x) ORDER BY x COLLATE "vi-x-icu"', [words]
        )
        postgres_order = [row[0] for row in cursor.fetchall()]
    assert sorted(words, key=vn.sort_key) == postgres_order
