"""The parts every official paper shares, as data (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A context builder fills these from the database; the Word template builder (``word.py``), the
HTML includes (``templates/documents/_*.html``) and the Excel writer (``excel.py``) lay them out.
Every text here is final: upper case where the decree wants capitals, numbers and dates in the
Vietnamese form, sample data marked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import pgettext

from thidua.core import vn

# The decree's page: A4, margins (mm) within the ranges of Phụ lục I (top and bottom 20-25,
# left 30-35, right 15-20), font sizes (pt) within theirs.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
# The two columns of the header: issuing body and number (left), national title, motto, place
# and date (right); the same split for "Nơi nhận" and the signer at the end.
HEADER_LEFT_MM = 62
SIZES = {
    "national_title": 12,  # 12-13, upright, bold, capitals
    "motto": 13,  # 13-14, upright, bold
    "issuer": 13,  # 12-13, capitals (the parent body upright, the issuer bold)
    "number": 13,
    "place_date": 14,  # 13-14, italic
    "type": 14,  # 13-14, bold capitals
    "subject": 14,  # 13-14, bold
    "body": 14,  # 13-14
    "recipients_label": 12,  # 12, bold italic
    "recipients": 11,  # 11, upright
    "signer": 14,  # 13-14, bold
    "table": 13,
}
# A blank to be filled in by hand once the paper is numbered and signed.
BLANK = "\u00a0" * 7

ADMINISTRATIVE_KINDS = {"tinh", "huyen", "xa"}


def two_digits(count: int) -> str:
    """Counts below 10 in documents take a leading zero: "06 quận", "01 Cụm"."""
    return f"{count:02d}"


def marked(text: str, is_sample: bool) -> str:
    """Append "(dữ liệu mẫu)" to a fact the source reports do not state."""
    if not is_sample:
        return text
    return pgettext("paper", "%(text)s (sample data)") % {"text": text}


def file_slug(*parts: str) -> str:
    """An ASCII file name from Vietnamese words: "quyet-dinh-cum-khoi-thi-dua-2020-ha-noi"."""
    return slugify(vn.fold(" ".join(str(p) for p in parts if p)))[:120] or "van-ban"


def number_ref(symbol: str, number: str = "") -> str:
    """ "05/QĐ-UBND" (numbers below 10 take a leading zero), or "       /QĐ-UBND" in a draft."""
    number = number.strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or BLANK}/{symbol}"


def number_line(symbol: str, number: str = "") -> str:
    """ "Số: 05/QĐ-UBND", or "Số:        /QĐ-UBND" for a draft not numbered yet."""
    return pgettext("paper", "No.: %(ref)s") % {"ref": number_ref(symbol, number)}


def date_text(day: datetime.date | None, *, year: int | None = None) -> str:
    """ "ngày 20 tháng 02 năm 2020", or with blanks for the day and month of a draft."""
    if day is not None:
        return vn.format_date(day)
    return f"ngày{BLANK}tháng{BLANK}năm {year or BLANK}"


def place_date(place: str, day: datetime.date | None, *, year: int | None = None) -> str:
    """ "Hà Nội, ngày 20 tháng 02 năm 2020" (the place-and-date line), blanks in a draft."""
    return f"{vn.clean_text(place)}, {date_text(day, year=year)}"


@dataclass(frozen=True)
class Issuer:
    """Who issues a paper, as its header, its authority line and its signature read."""

    lines: tuple[str, ...]  # the issuing body, capitals, bold (one or two lines)
    parent: str = ""  # the body directly above it, capitals, upright ("" for a People's Committee)
    authority: str = ""  # the line above the legal bases: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    full_name: str = ""  # in running text: "Ủy ban nhân dân Thành phố Hà Nội"
    symbol: str = ""  # the body's part of the symbol: "UBND" in "QĐ-UBND"
    place: str = ""  # the place name of the date line: "Hà Nội"
    signer_lines: tuple[str, ...] = ()  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"


def _place_unit(unit, ancestors: dict[int, object]):
    """The nearest province, district or commune at or above ``unit``: its name is the place."""
    current = unit
    while current is not None and current.kind not in ADMINISTRATIVE_KINDS:
        current = ancestors.get(current.parent_id)
    return current or unit


def ancestors_of(unit) -> dict[int, object]:
    """The units above ``unit`` (by id), read in one query from its materialised path."""
    from thidua.organizations.models import Unit

    ids = [int(part) for part in unit.path.strip("/").split("/") if part and part != str(unit.pk)]
    return {u.pk: u for u in Unit.objects.filter(pk__in=ids)} if ids else {}


def _initials(name: str) -> str:
    return "".join(word[0] for word in vn.fold(name).upper().split() if word[0].isalnum())


def issuer_for_unit(unit, ancestors: dict[int, object] | None = None) -> Issuer:
    """A province, district or commune issues through its People's Committee (no parent line);
    any other unit under its own name, with the body above it on the parent line."""
    ancestors = ancestors_of(unit) if ancestors is None else ancestors
    place = _place_unit(unit, ancestors).short_name
    if unit.kind in ADMINISTRATIVE_KINDS:
        committee = pgettext("paper", "PEOPLE'S COMMITTEE")
        name = unit.name.upper()
        return Issuer(
            lines=(committee, name),
            authority=f"{committee} {name}",
            full_name=pgettext("paper", "People's Committee of %(unit)s") % {"unit": unit.name},
            symbol="UBND",
            place=place,
            signer_lines=(
                pgettext("paper", "ON BEHALF OF THE PEOPLE'S COMMITTEE"),
                pgettext("paper", "P.P. CHAIRPERSON"),
                pgettext("paper", "VICE CHAIRPERSON"),
            ),
        )
    parent = ancestors.get(unit.parent_id)
    return Issuer(
        lines=(unit.name.upper(),),
        parent=short_parent_name(parent) if parent is not None else "",
        authority=unit.name.upper(),
        full_name=unit.name,
        symbol=_initials(unit.short_name),
        place=place,
        signer_lines=(pgettext("paper", "HEAD OF UNIT"),),
    )


def short_parent_name(unit) -> str:
    """The parent line: "UBND THÀNH PHỐ HÀ NỘI" for a People's Committee, else the name."""
    if unit.kind in ADMINISTRATIVE_KINDS:
        return pgettext("paper", "PC OF %(unit)s") % {"unit": unit.name.upper()}
    return unit.name.upper()


@dataclass(frozen=True)
class Letterhead:
    """The header: issuing body (left, its parent above), national title and motto (right), the
    number line (left) and the place and date (right, italic)."""

    issuer: tuple[str, ...]
    parent: str
    number: str  # "" when the paper carries no number (a list)
    place_date: str
    national_title: str = field(default="")
    motto: str = field(default="")

    @classmethod
    def make(cls, issuer: Issuer, *, number: str, place_date: str) -> Letterhead:
        return cls(
            issuer=issuer.lines,
            parent=issuer.parent,
            number=number,
            place_date=place_date,
            national_title=pgettext("paper", "SOCIALIST REPUBLIC OF VIET NAM"),
            motto=pgettext("paper", "Independence - Freedom - Happiness"),
        )


@dataclass(frozen=True)
class Heading:
    """The type of the paper in capitals ("QUYẾT ĐỊNH") and its subject (trích yếu)."""

    type: str
    subject: str


@dataclass(frozen=True)
class Signature:
    """Bottom right: authority and position in capitals, room to sign, the signer's name."""

    lines: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class Recipients:
    """Bottom left: "Nơi nhận:" and its list, the last item "- Lưu: VT, …"."""

    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    label: str  # "Điều 1."
    text: str


# --- tables (annexes, lists) --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column. ``width`` is in Excel characters; papers share the text width in
    proportion. ``kind`` says how a value is written: text, int (Vietnamese digits) or date."""

    header: str
    width: float
    kind: str = "text"
    align: str = "left"


@dataclass(frozen=True)
class Row:
    values: tuple  # raw values, for Excel
    texts: tuple[str, ...]  # written out, for Word and PDF
    aligns: tuple[str, ...] = ()

    @property
    def cells(self) -> list[tuple[str, str]]:
        return list(zip(self.texts, self.aligns or ("left",) * len(self.texts), strict=True))


@dataclass(frozen=True)
class Group:
    """Rows under a heading row ("I | Cụm thi đua số IX"); a table without groups has one
    group with an empty title, and no heading row is shown."""

    label: str
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    title: str  # "DANH SÁCH CÁC CỤM, KHỐI THI ĐUA NĂM 2020"
    subtitle: str = ""  # "(Kèm theo Quyết định số …)"
    label: str = ""  # "Phụ lục"
    total: str = ""  # a closing line under the table
    sheet: str = "Danh sách"  # the Excel sheet name (31 characters at most)

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def column_percents(self) -> list[tuple[Column, float]]:
        """Each column with its share of the text width, for the PDF."""
        total = sum(c.width for c in self.columns)
        return [(c, round(100 * c.width / total, 2)) for c in self.columns]


def write_value(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "int":
        return vn.format_number(value)
    if kind == "date":
        return vn.format_short_date(value)
    return str(value)


def make_row(columns: tuple[Column, ...], *values) -> Row:
    if len(values) != len(columns):
        raise ValueError(f"{len(values)} values for {len(columns)} columns")
    return Row(
        values=values,
        texts=tuple(write_value(v, c.kind) for v, c in zip(values, columns, strict=True)),
        aligns=tuple(c.align for c in columns),
    )


def roman(number: int) -> str:
    """Group labels of annexes: I, II, III, IV …"""
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def number_sort_key(number: str) -> tuple:
    """Order cluster numbers as people read them: 2 < 10 and II < IX < X (Roman numerals are
    how clusters are numbered); anything else in Vietnamese order after them."""
    text = number.strip()
    if text.isdigit():
        return (0, int(text), vn.sort_key(text))
    upper = text.upper()
    if upper and all(ch in _ROMAN_VALUES for ch in upper):
        total = 0
        for index, ch in enumerate(upper):
            value = _ROMAN_VALUES[ch]
            following = _ROMAN_VALUES[upper[index + 1]] if index + 1 < len(upper) else 0
            total += -value if value < following else value
        if roman(total) == upper:
            return (0, total, vn.sort_key(text))
    return (1, 0, vn.sort_key(text))
