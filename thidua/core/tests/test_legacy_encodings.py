"""Tests for the TCVN3 / VNI to Unicode converter used when importing agencies' spreadsheets."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from thidua.core.legacy_encodings import (
    DATA_FILE,
    TCVN3_DECODE,
    VNI_DECODE,
    Conversion,
    convert,
    convert_rows,
    detect,
    to_unicode,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc, huyền, hỏi, ngã, nặng
VOWELS = "aăâeêioôơuưy"
LOWER_LETTERS = [nfc(vowel + tone) for vowel in VOWELS for tone in TONES] + ["đ"]
UPPER_LETTERS = [letter.upper() for letter in LOWER_LETTERS]
TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"

# Inverse tables built from the module's own mapping. TCVN3 has no code for a capital vowel
# with a tone mark: text in the upper-case .VnTimeH fonts uses the lower-case code.
VNI_ENCODE = {letter: code for code, letter in VNI_DECODE.items()}
TCVN3_ENCODE = {letter: code for code, letter in TCVN3_DECODE.items()}
for _letter in LOWER_LETTERS:
    TCVN3_ENCODE.setdefault(_letter.upper(), TCVN3_ENCODE.get(_letter, _letter.upper()))


def encode(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(char, char) for char in text)


# Unicode text typed independently, and the same text typed by hand in each legacy encoding.
NAMES = [
    "Cầu Giấy",
    "Thanh Xuân",
    "Hà Đông",
    "Nam Từ Liêm",
    "Bắc Từ Liêm",
    "Tây Hồ",
    "Hoàng Mai",
    "Ba Đình",
    "Chiến sĩ thi đua cơ sở",
    "Huân chương Lao động hạng Ba",
    "Bằng khen",
    "Nguyễn Thị Hường",
]
TCVN3_NAMES = [
    "CÇu GiÊy",
    "Thanh Xu©n",
    "Hµ §«ng",
    "Nam Tõ Liªm",
    "B¾c Tõ Liªm",
    "T©y Hå",
    "Hoµng Mai",
    "Ba §×nh",
    "ChiÕn sÜ thi ®ua c¬ së",
    "Hu©n ch\u00ad¬ng Lao ®éng h¹ng Ba",  # U+00AD (soft hyphen) is TCVN3 "ư"
    "B»ng khen",
    "NguyÔn ThÞ H\u00adêng",
]
VNI_NAMES = [
    "Caàu Giaáy",
    "Thanh Xuaân",
    "Haø Ñoâng",
    "Nam Töø Lieâm",
    "Baéc Töø Lieâm",
    "Taây Hoà",
    "Hoaøng Mai",
    "Ba Ñình",
    "Chieán só thi ñua cô sôû",
    "Huaân chöông Lao ñoäng haïng Ba",
    "Baèng khen",
    "Nguyeãn Thò Höôøng",
]
TCVN3_SAMPLES = [
    *zip(TCVN3_NAMES, NAMES, strict=True),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    # .VnTimeH: the capitals with tone marks are lower-case codes drawn as capitals.
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("UBND quËn Hµ §«ng", "UBND quận Hà Đông"),
    ("Tr\u00adêng THCS NguyÔn Tr·i", "Trường THCS Nguyễn Trãi"),
]
VNI_SAMPLES = [
    *zip(VNI_NAMES, NAMES, strict=True),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Nöõ", "Nữ"),
    ("Ñaûng boä", "Đảng bộ"),
]
WESTERN = [
    "Café",
    "Müller",
    "Crème brûlée",
    "José García",
    "Straße",
    "São Paulo",
    "naïve façade",
    "Zürich",
    "Où est la gare ?",
    "© 2024 ACME ®",
]


# --- The tables ----------------------------------------------------------------------------


def test_the_data_file_names_its_sources_and_uses_only_the_upper_half_of_the_byte_range():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for name in ("tcvn3", "vni"):
        assert data[name]["sources"]
        for codes in data[name]["letters"].values():
            values = [int(code, 16) for code in codes.split()]
            assert all(value < 0x80 or 0xA0 <= value <= 0xFF for value in values)
    assert all(len(code) == 1 for code in TCVN3_DECODE)
    assert all(len(code) in (1, 2) for code in VNI_DECODE)


def test_vni_covers_every_vietnamese_letter_in_both_cases():
    non_ascii = {letter for letter in LOWER_LETTERS + UPPER_LETTERS if not letter.isascii()}
    assert set(VNI_DECODE.values()) == non_ascii


def test_tcvn3_covers_every_lower_case_letter_and_its_seven_capitals():
    lower = {letter for letter in LOWER_LETTERS if not letter.isascii()}
    assert set(TCVN3_DECODE.values()) == lower | set(TCVN3_CAPITALS)
    assert {ord(TCVN3_ENCODE[c]) for c in TCVN3_CAPITALS} == set(range(0xA1, 0xA8))


def test_a_few_well_known_codes_match_the_standards():
    assert TCVN3_DECODE["µ"] == "à" and TCVN3_DECODE["¸"] == "á" and TCVN3_DECODE["®"] == "đ"
    assert TCVN3_DECODE["\u00ad"] == "ư" and TCVN3_DECODE["§"] == "Đ" and TCVN3_DECODE["þ"] == "ỵ"
    assert VNI_DECODE["aø"] == "à" and VNI_DECODE["oä"] == "ộ" and VNI_DECODE["ô"] == "ơ"
    assert VNI_DECODE["ñ"] == "đ" and VNI_DECODE["Ñ"] == "Đ" and VNI_DECODE["ò"] == "ị"
    assert VNI_DECODE["AÙ"] == "Á" and VNI_DECODE["î"] == "ỵ" and VNI_DECODE["öø"] == "ừ"


# --- Round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("letter", LOWER_LETTERS)
def test_every_lower_case_letter_in_every_tone_survives_a_tcvn3_round_trip(letter):
    encoded = encode(letter, TCVN3_ENCODE)
    assert encoded.isascii() == letter.isascii()
    assert to_unicode(encoded, "tcvn3") == letter


@pytest.mark.parametrize("letter", UPPER_LETTERS)
def test_every_capital_survives_a_tcvn3_round_trip_inside_a_word_written_in_capitals(letter):
    word = f"N{letter}M"
    assert to_unicode(encode(word, TCVN3_ENCODE), "tcvn3") == word


def test_the_seven_tcvn3_capitals_stay_capitals_in_lower_case_words():
    assert to_unicode("§µ N½ng", "tcvn3") == "Đà Nẵng"
    assert to_unicode("¡n ¢u", "tcvn3") == "Ăn Âu"


def test_a_tcvn3_word_with_one_capital_follows_the_rest_of_the_cell():
    assert to_unicode("Hµ Néi", "tcvn3") == "Hà Nội"
    assert to_unicode("HµNG X· HéI", "tcvn3") == "HÀNG XÃ HỘI"
    assert to_unicode("X·", "tcvn3") == "Xã"
    assert to_unicode("UBND Hµ", "tcvn3") == "UBND Hà"


@pytest.mark.parametrize("letter", LOWER_LETTERS + UPPER_LETTERS)
def test_every_letter_in_every_tone_and_both_cases_survives_a_vni_round_trip(letter):
    encoded = encode(letter, VNI_ENCODE)
    assert encoded.isascii() == letter.isascii()
    assert to_unicode(encoded, "vni") == letter


@pytest.mark.parametrize("text", NAMES)
def test_whole_names_survive_a_round_trip_and_are_detected(text):
    for encoding, table in (("tcvn3", TCVN3_ENCODE), ("vni", VNI_ENCODE)):
        assert convert(encode(text, table)) == (text, encoding)


vietnamese_lower = st.text(
    alphabet=st.sampled_from([*LOWER_LETTERS, *"bcdghklmnpqrstvx", " "]), max_size=40
)


@given(vietnamese_lower)
def test_any_lower_case_vietnamese_text_survives_a_tcvn3_round_trip(text):
    assert to_unicode(encode(text, TCVN3_ENCODE), "tcvn3") == text


@given(st.text(alphabet=st.sampled_from([*LOWER_LETTERS, *UPPER_LETTERS, *"bBdDnN -"])))
def test_any_vietnamese_text_survives_a_vni_round_trip(text):
    assert to_unicode(encode(text, VNI_ENCODE), "vni") == text


# --- Hand-typed real-world samples ---------------------------------------------------------


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_SAMPLES)
def test_hand_typed_tcvn3_text_is_detected_and_converted(legacy, expected):
    assert to_unicode(legacy, "tcvn3") == expected
    assert convert(legacy) == (expected, "tcvn3")


@pytest.mark.parametrize(("legacy", "expected"), VNI_SAMPLES)
def test_hand_typed_vni_text_is_detected_and_converted(legacy, expected):
    assert to_unicode(legacy, "vni") == expected
    assert convert(legacy) == (expected, "vni")


# --- Detection -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [*NAMES, "Cộng hoà xã hội chủ nghĩa Việt Nam", "Tô Hà", "Café Sài Gòn", "Có", "Thí sinh"],
)
def test_unicode_vietnamese_is_never_taken_for_a_legacy_encoding(text):
    assert detect(text) == "unicode"
    assert detect(unicodedata.normalize("NFD", text)) == "unicode"
    assert convert(text) == (text, "unicode")


@pytest.mark.parametrize("text", ["", "Nguyen Van A", "Nam", "UBND 2024", "Hello, world!"])
def test_plain_ascii_is_unicode(text):
    assert detect(text) == "unicode"


@pytest.mark.parametrize("text", WESTERN)
def test_western_text_with_a_few_accents_is_left_alone(text):
    assert detect(text) == "unicode"
    assert convert(text) == (text, "unicode")


def test_the_two_legacy_encodings_are_not_confused_with_each_other():
    for legacy, _ in TCVN3_SAMPLES:
        assert detect(legacy) == "tcvn3"
    for legacy, _ in VNI_SAMPLES:
        assert detect(legacy) == "vni"


# --- Normalisation and errors --------------------------------------------------------------


def test_output_is_always_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert decomposed != "Nguyễn Thị Hường"
    assert to_unicode(decomposed, "unicode") == "Nguyễn Thị Hường"
    assert convert(decomposed) == ("Nguyễn Thị Hường", "unicode")
    for legacy, _ in TCVN3_SAMPLES + VNI_SAMPLES:
        text, _encoding = convert(legacy)
        assert unicodedata.is_normalized("NFC", text)


def test_an_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown encoding"):
        to_unicode("abc", "viscii")


# --- Rows and spreadsheets -----------------------------------------------------------------


def test_convert_rows_converts_each_string_cell_with_its_own_encoding_and_keeps_other_values():
    day = datetime.date(2024, 5, 19)
    rows = [
        ("Hä vµ tªn", "Giíi tÝnh", "Ngµy sinh", "Sè"),
        ("NguyÔn ThÞ H\u00adêng", "Nöõ", day, 3),
        ("Trần Văn Nam", None, 1.5, "Cầu Giấy"),
    ]
    converted, conversions = convert_rows(rows)
    assert converted == [
        ["Họ và tên", "Giới tính", "Ngày sinh", "Số"],
        ["Nguyễn Thị Hường", "Nữ", day, 3],
        ["Trần Văn Nam", None, 1.5, "Cầu Giấy"],
    ]
    assert [(c.row, c.column, c.encoding) for c in conversions] == [
        (0, 0, "tcvn3"),
        (0, 1, "tcvn3"),
        (0, 2, "tcvn3"),
        (0, 3, "tcvn3"),
        (1, 0, "tcvn3"),
        (1, 1, "vni"),
    ]
    assert conversions[5] == Conversion(1, 1, "Nöõ", "Nữ", "vni")
    with pytest.raises(dataclasses.FrozenInstanceError):
        conversions[0].converted = "x"  # type: ignore[misc]


def test_a_short_ambiguous_cell_takes_the_encoding_of_the_rest_of_the_sheet():
    assert detect("cã") == "unicode"  # alone, "cã" could be Unicode
    rows = [["Hä tªn", "Cã b»ng khen"], ["NguyÔn V¨n An", "cã"], ["TrÇn ThÞ B×nh", "kh«ng"]]
    converted, _ = convert_rows(rows)
    assert [row[1] for row in converted] == ["Có bằng khen", "có", "không"]


def test_an_empty_sheet_gives_no_conversions():
    assert convert_rows([]) == ([], [])
    assert convert_rows([[None, 1, ""]]) == ([[None, 1, ""]], [])


def test_an_excel_workbook_with_legacy_cells_round_trips_through_openpyxl():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Hä vµ tªn", "§¬n vÞ", "H×nh thøc"])
    sheet.append([1, "NguyÔn ThÞ H\u00adêng", "Ph\u00adêng CÇu GiÊy", "B»ng khen"])
    sheet.append([2, "Ph¹m V¨n Long", "Quaän Taây Hoà", "Huaân chöông Lao ñoäng haïng Ba"])
    sheet.append([3, "Lê Thị Mai", "Hoàng Mai", "Chiến sĩ thi đua cơ sở"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    rows = load_workbook(buffer, read_only=True).active.iter_rows(values_only=True)
    converted, conversions = convert_rows(rows)

    assert converted == [
        ["STT", "Họ và tên", "Đơn vị", "Hình thức"],
        [1, "Nguyễn Thị Hường", "Phường Cầu Giấy", "Bằng khen"],
        [2, "Phạm Văn Long", "Quận Tây Hồ", "Huân chương Lao động hạng Ba"],
        [3, "Lê Thị Mai", "Hoàng Mai", "Chiến sĩ thi đua cơ sở"],
    ]
    assert {(c.row, c.column): c.encoding for c in conversions} == {
        (0, 1): "tcvn3",
        (0, 2): "tcvn3",
        (0, 3): "tcvn3",
        (1, 1): "tcvn3",
        (1, 2): "tcvn3",
        (1, 3): "tcvn3",
        (2, 1): "tcvn3",
        (2, 2): "vni",
        (2, 3): "vni",
    }
    assert Conversion(1, 2, "Ph\u00adêng CÇu GiÊy", "Phường Cầu Giấy", "tcvn3") in conversions
