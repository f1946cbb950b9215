"""Vietnamese text helpers: normalisation, sorting, search folding and number/date formatting.

This module is the single home of Vietnamese text rules, so that models, forms, the API,
imports, exports and templates all behave the same. It uses only the standard library
(Django is imported lazily, and only to localise aware datetimes).
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import Any

__all__ = [
    "clean_text",
    "compare",
    "fold",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_place_date",
    "format_short_date",
    "format_vnd",
    "name_sort_key",
    "nfc",
    "normalize_data",
    "person_sort_key",
    "sort_key",
]


# --- Normalisation -------------------------------------------------------------------------


def nfc(value: str) -> str:
    """Return ``value`` in NFC.

    Vietnamese can be typed precomposed ("ế") or decomposed ("e" + marks, as macOS and some
    IMEs produce); storing one form keeps equality, uniqueness and LIKE searches honest.
    """
    return unicodedata.normalize("NFC", value)


# Invisible characters that sneak in through copy-paste from Word/PDF/web pages. They are
# removed, not replaced by spaces: they never separate words visually.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean_text(value: str) -> str:
    """Clean a single-line field (names, titles): NFC, no invisible characters, single spaces.

    ``str.split()`` without arguments splits on every Unicode whitespace (NBSP, em space,
    tabs, newlines...), which turns them into plain spaces and collapses runs in one step.
    Invisible characters are removed first so that NFC can compose across them.
    """
    return nfc(" ".join(value.translate(_INVISIBLE).split()))


def normalize_data(obj: Any) -> Any:
    """Return a copy of a JSON-like structure with every string (keys too) in NFC."""
    if isinstance(obj, str):
        return nfc(obj)
    if isinstance(obj, dict):
        return {normalize_data(key): normalize_data(item) for key, item in obj.items()}
    if isinstance(obj, list):
        return [normalize_data(item) for item in obj]
    if isinstance(obj, tuple):
        return tuple(normalize_data(item) for item in obj)
    return obj


# --- Sorting (ICU "vi" collation) ----------------------------------------------------------
#
# sort_key() reproduces PostgreSQL's ORDER BY ... COLLATE "vi-x-icu" (CLDR Vietnamese
# tailoring over the root collation, non-ignorable punctuation) so that lists sorted in
# Python, SQLite (through compare()) and PostgreSQL agree. Like ICU it compares level by
# level, each level over the whole string:
#   1. primary:   base letters, Vietnamese alphabet (ă â đ ê ô ơ ư are letters of their own);
#                 whitespace < punctuation < symbols < currency < digits < letters;
#   2. secondary: accents, tones in the order none < huyền < hỏi < ngã < sắc < nặng;
#   3. tertiary:  lowercase < uppercase (and compatibility variants such as "ﬁ", NBSP);
# then the NFC text itself, as PostgreSQL breaks ICU ties by comparing the bytes.
# The key is computed on NFD, so typed-decomposed text sorts like precomposed text.
# It matches ICU on Vietnamese and Western European text (checked against PostgreSQL on
# random strings); rarer Latin letters and other scripts get a stable, approximate place.

# ı ĸ ŋ ŧ þ are not Vietnamese but are letters of their own in ICU's root order.
_LETTERS = "aăâbcdđeêfghiıjklmnŋoôơpqĸrstŧuưvwxyzþ"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_LETTERS)}

# Base letter + modifier mark that form a Vietnamese letter (an ICU contraction).
_MODIFIED_LETTERS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}

# Secondary order of combining marks: the five tones as the Vietnamese tailoring puts them
# (grave, hook, tilde, acute, dot below), then the common Latin accents in root order.
# Measured against PostgreSQL's ICU; marks not listed sort after these by code point.
_MARK_ORDER = (
    "\u0300\u0309\u0303\u0301\u0323"
    "\u0306\u0302\u030c\u030a\u0308\u030b\u0307\u0338\u0327\u0328\u0304"
    "\u0337\u0335\u031b"
)
# Spaced by 10 so that letters such as "ø" can fall between two marks, as they do in ICU.
_MARK_RANK = {mark: rank * 10 for rank, mark in enumerate(_MARK_ORDER, start=1)}
_EXPANSION_SECONDARY = 900  # the secondary difference that separates "ß" from "ss" in ICU
_UNKNOWN_MARK = 1000

# Marks that ICU ignores completely (combining grapheme joiner, variation selectors).
_IGNORABLE_MARKS = frozenset("\u034f\u180b\u180c\u180d" + "".join(map(chr, range(0xFE00, 0xFE10))))

# Whitespace, punctuation, symbols and currency signs in ICU primary order (measured on
# PostgreSQL 15 / ICU 72). Characters with compatibility decompositions (NBSP, "…", "½")
# are not listed: they sort as their decomposition, like in ICU.
_SYMBOLS = (
    "\t\n\x0b\x0c\r\x85\u2028\u2029 ‾_‗-‐‒–—―⁓,、;⁏:!¡?¿‽.。·⁕⁖⁘⁙⁚⁛⁜⁝⁞'‘’‚‛‹›\"“”„‟«»()[]{}⁅⁆"
    "「」‖§¶⁋@*⁎⁑/\\&⁊#%‰‱†‡•‣‧⁃⁌⁍′‵‸※‿⁔⁀⁐⁁⁂`´^¯¨¸°©®←→↑↓+±÷×<=>¬|¦~−⁒⁄∞≈≤≥■□○●★☆✓✔✗"
    "¤¢$£¥₠₡₢₣₤₥₦₧₩₪₫€₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿⃀₨"
)
_SYMBOL_RANK = {symbol: rank for rank, symbol in enumerate(_SYMBOLS, start=1)}

# Primary weight bands, so that groups never overlap.
_OTHER_SYMBOL = 1_000  # + code point: symbols not in _SYMBOLS, after the known ones
_DIGIT = 2_000_000
_LATIN = 3_000_000
_OTHER_LETTER = 4_000_000  # + code point: Greek, Cyrillic, CJK... come after Latin

# Letters without a decomposition that ICU sorts as two letters plus a secondary difference.
_EXPANSIONS = {"ß": "ss", "æ": "ae", "œ": "oe"}
# Letters that ICU sorts as a base letter with a secondary difference (just after a
# combining overlay): "o̸" < "ø" < "ō", "d̵" < "ð" < "da".
_STROKED = {
    "ø": ("o", _MARK_RANK["\u0338"] + 5),
    "ð": ("d", _MARK_RANK["\u0335"] + 5),
    "ħ": ("h", _MARK_RANK["\u0335"] + 5),
    "ł": ("l", _MARK_RANK["\u0335"] + 5),
    "ŀ": ("l", _MARK_RANK["\u0335"] + 6),
}

# Tertiary weights: lowercase/uncased 0, uppercase 8; compatibility variants above them,
# following the UCA tertiary table (e.g. "fi" < "ﬁ" < "Fi", "TM" < "™").
_UPPER = 8
_TAG_TERTIARY = {"wide": 1, "compat": 2, "font": 3, "circle": 4}
_TAG_TERTIARY_FIXED = 20  # <super>, <sub>, <noBreak>, <fraction>...


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _mark_weight(mark: str) -> int:
    return _MARK_RANK.get(mark, _UNKNOWN_MARK + ord(mark))


def _is_ignorable(char: str) -> bool:
    # Format characters (zero-width, BOM, soft hyphen, bidi controls) and control characters
    # other than the whitespace ones have no weight at all in ICU.
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and char not in _SYMBOL_RANK)


class _Weights:
    """Accumulates the three ICU levels of one string."""

    __slots__ = ("primary", "secondary", "tertiary")

    def __init__(self) -> None:
        self.primary: list[int] = []
        self.secondary: list[int] = []
        self.tertiary: list[int] = []

    def add(self, primary: int, tertiary: int, marks: list[str] | tuple[str, ...] = ()) -> None:
        self.primary.append(primary)
        self.secondary.append(0)
        self.secondary.extend(_mark_weight(mark) for mark in marks)
        self.tertiary.append(tertiary)

    def add_text(self, text: str, tag: str | None = None) -> None:
        """Add NFD ``text``, one base character with its following marks at a time."""
        i, length = 0, len(text)
        while i < length:
            j = i + 1
            while j < length and _is_mark(text[j]):
                j += 1
            self.add_cluster(
                text[i], [m for m in text[i + 1 : j] if m not in _IGNORABLE_MARKS], tag
            )
            i = j

    def add_cluster(self, base: str, marks: list[str], tag: str | None) -> None:
        if _is_mark(base):  # a mark with nothing before it: secondary weight only
            if base not in _IGNORABLE_MARKS:
                self.secondary.append(_mark_weight(base))
            self.secondary.extend(_mark_weight(mark) for mark in marks)
            return
        if _is_ignorable(base):
            self.secondary.extend(_mark_weight(mark) for mark in marks)
            return

        lower = base.lower()
        if len(lower) != 1:
            lower = base
        tertiary = _UPPER if lower != base or base.isupper() else 0
        if tag is not None:
            tertiary += _TAG_TERTIARY.get(tag, _TAG_TERTIARY_FIXED)

        if lower in "aeou":
            lower, marks = _contract(lower, marks)
        if lower in _LETTER_RANK:
            self.add(_LATIN + _LETTER_RANK[lower], tertiary, marks)
        elif lower in _SYMBOL_RANK:
            self.add(_SYMBOL_RANK[lower], tertiary, marks)
        elif unicodedata.decimal(lower, None) is not None:
            self.add(_DIGIT + unicodedata.decimal(lower), tertiary, marks)
        elif lower in _EXPANSIONS:
            first, second = _EXPANSIONS[lower]
            self.add(_LATIN + _LETTER_RANK[first], tertiary, [])
            self.secondary.append(_EXPANSION_SECONDARY)
            self.add(_LATIN + _LETTER_RANK[second], tertiary, marks)
        elif lower in _STROKED:
            letter, secondary = _STROKED[lower]
            self.add(_LATIN + _LETTER_RANK[letter], tertiary)
            self.secondary.append(secondary)
            self.secondary.extend(_mark_weight(mark) for mark in marks)
        elif tag is None and _has_compat_decomposition(base):
            decomposition = unicodedata.decomposition(base)
            self.add_text(unicodedata.normalize("NFKD", base), decomposition[1:].split(">")[0])
            self.secondary.extend(_mark_weight(mark) for mark in marks)
        elif lower.isalpha():
            self.add(_OTHER_LETTER + ord(lower), tertiary, marks)
        else:
            self.add(_OTHER_SYMBOL + ord(lower), tertiary, marks)


def _contract(letter: str, marks: list[str]) -> tuple[str, list[str]]:
    """Join a base vowel with its breve/circumflex/horn into one Vietnamese letter.

    In NFD the modifier is not always next to the base ("ặ" is a + dot below + breve), so
    like ICU's discontiguous contractions, skip marks of a lower combining class.
    """
    highest_skipped = 0
    for index, mark in enumerate(marks):
        combining = unicodedata.combining(mark)
        modified = _MODIFIED_LETTERS.get((letter, mark))
        if modified and highest_skipped < combining:
            return modified, marks[:index] + marks[index + 1 :]
        if combining == 0:
            break
        highest_skipped = max(highest_skipped, combining)
    return letter, marks


def _has_compat_decomposition(char: str) -> bool:
    decomposition = unicodedata.decomposition(char)
    if not decomposition.startswith("<"):
        return False
    # Spacing accents ("´" = space + acute) are symbols of their own in ICU, not spaces.
    return char.isspace() or not unicodedata.normalize("NFKD", char).startswith(" ")


@lru_cache(maxsize=8192)
def _sort_key(value: str) -> tuple:
    weights = _Weights()
    weights.add_text(unicodedata.normalize("NFD", value))
    return (
        tuple(weights.primary),
        tuple(weights.secondary),
        tuple(weights.tertiary),
        unicodedata.normalize("NFC", value),
    )


def sort_key(value: str) -> tuple:
    """Key for ``sorted()`` that orders like PostgreSQL ``COLLATE "vi-x-icu"``.

    The last component (the NFC text) makes the order total; NFC and NFD spellings of the
    same text get equal keys.
    """
    return _sort_key(value)


def compare(a: str, b: str) -> int:
    """Return -1, 0 or 1 comparing by :func:`sort_key` (for SQLite's create_collation)."""
    key_a, key_b = sort_key(a), sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


def person_sort_key(family_name: str, middle_name: str, given_name: str) -> tuple:
    """Vietnamese order for people: given name first, then middle name, then family name.

    Vietnamese are called and listed by their given name (the last word), so "Trần Thị
    Bình" comes before "Lê Cường" even though "L" < "T".
    """
    return (sort_key(given_name), sort_key(middle_name), sort_key(family_name))


def name_sort_key(full_name: str) -> tuple:
    """:func:`person_sort_key` of a full name: first word family, last word given name."""
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return person_sort_key("", "", words[0])
    return person_sort_key(words[0], " ".join(words[1:-1]), words[-1])


# --- Search --------------------------------------------------------------------------------


def fold(value: str) -> str:
    """Fold text for accent-insensitive search: "Cầu Giấy" -> "cau giay", "ĐOÀN" -> "doan".

    People often type without tones (or with a broken IME); searching folded text on both
    sides finds "Nguyễn" from "nguyen". Đ has no decomposition, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", clean_text(value))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "d").lower().split())


# --- Dates ---------------------------------------------------------------------------------


def _as_date(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            from django.utils import timezone

            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value: datetime.date) -> str:
    """Date as written in administrative documents: "ngày 05 tháng 02 năm 2020".

    Nghị định 30/2020/NĐ-CP (Phụ lục I): days below 10 and months 1 and 2 take a leading
    zero, so nobody can turn "1" into "11" or "12"; months 3 to 9 are written without it
    ("ngày 12 tháng 3 năm 2023").
    """
    day = _as_date(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_short_date(value: datetime.date) -> str:
    """Short date for tables and forms: "20/02/2020"."""
    day = _as_date(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_place_date(place: str, value: datetime.date) -> str:
    """The place-and-date line of a document: "Hà Nội, ngày 20 tháng 02 năm 2020"."""
    return f"{clean_text(place)}, {format_date(value)}"


# --- Numbers and money ---------------------------------------------------------------------


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr: 14.6, not 14.5999999999999996447
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return number


def _round(number: Decimal, decimals: int) -> Decimal:
    if decimals < 0:
        raise ValueError("decimals must not be negative")
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 2)
        return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Any, decimals: int | None = None) -> str:
    """Vietnamese number format: "1.234.567", "14,6", "-0,50".

    With ``decimals`` the value is rounded half-up (not banker's rounding, which surprises
    accountants) and trailing zeros are kept; without it the value's own digits are shown.
    """
    number = _to_decimal(value)
    if decimals is not None:
        number = _round(number, decimals)
    text = format(abs(number), "f")
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    integer, _, fraction = text.partition(".")
    grouped = f"{int(integer):,}".replace(",", ".")
    sign = "-" if number < 0 else ""  # Decimal("-0.00") < 0 is False: no "-0"
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


_MONEY_SCALES = (
    (Decimal(1), ""),
    (Decimal(10**3), " nghìn"),
    (Decimal(10**6), " triệu"),
    (Decimal(10**9), " tỷ"),
)


def format_money(amount: Any) -> str:
    """VND amount in words of scale, as the press writes it: "14,6 tỷ đồng", "500 nghìn đồng".

    The scale is the largest one not above the amount; if rounding to 2 decimals reaches
    1.000 of it, the next scale is used, so 999.999.999 reads "1 tỷ đồng", not "1.000 triệu".
    """
    number = _to_decimal(amount)
    index = 0
    while index + 1 < len(_MONEY_SCALES) and abs(number) >= _MONEY_SCALES[index + 1][0]:
        index += 1
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + 4)
        scaled = _round(number / _MONEY_SCALES[index][0], 2)
        if abs(scaled) >= 1000 and index + 1 < len(_MONEY_SCALES):
            index += 1
            scaled = _round(number / _MONEY_SCALES[index][0], 2)
    return f"{format_number(scaled)}{_MONEY_SCALES[index][1]} đồng"


def format_vnd(amount: Any) -> str:
    """Full VND amount: "2.340.000 đồng" (rounded to whole đồng)."""
    return f"{format_number(amount, 0)} đồng"


def format_percent(value: Any, decimals: int | None = None) -> str:
    """Percentage: "80%", "66,67%" (no space, as in Vietnamese reports)."""
    return f"{format_number(value, decimals)}%"
