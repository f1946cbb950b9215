"""Vietnamese text in the legacy 8-bit encodings TCVN3 and VNI, converted to Unicode.

Agencies' spreadsheets still hold text typed with the ".VnTime" fonts (TCVN3, TCVN 5712:1993
VN3, the "ABC" encoding) or the "VNI-Times" fonts (VNI-Windows). Excel stores such a cell as
the Windows-1252 characters that share the bytes' codes, so openpyxl hands us strings like
"Céng hoµ x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI) for "Cộng hoà xã hội".

The mapping tables are data: ``data/vietnamese_legacy_encodings.json`` (sources listed there:
the UniKey VnConv charset tables, cross-checked with the X11 TCVN 5712 table and the xvnkb VNI
table). Both encodings use only codes 0xA0-0xFF, which read the same in Latin-1 and cp1252.

Choices for ambiguous cases
---------------------------
* TCVN3 upper case. VN3 encodes only seven capitals (Ă Â Ê Ô Ơ Ư Đ, codes A1-A7); a capital
  vowel with a tone mark has no code, and the ".VnTimeH" fonts simply draw the lower-case codes
  as capitals. The cell value does not carry the font, so the converter guesses from the
  letters around: a word whose letters are all capitals (at least two, no ASCII lower case) is
  written in capitals ("HéI" -> "HỘI"); a word with one capital and no ASCII lower case
  ("Hµ", "X·") follows the cell: capitals if the cell contains a capitalised word with a legacy
  code and no lower-case word ("X· HéI" -> "XÃ HỘI"), lower case otherwise ("Hµ Néi" ->
  "Hà Nội"). Codes that VN3 leaves unassigned (C0-C5, CD, D9-DB, E0, F0, FF: the extra capitals
  of the rare VN1 variant) are left unchanged, as UniKey does.
* VNI is decoded longest match first: a base letter followed by a mark byte ("o" + "ä" = "ộ")
  before single bytes ("ô" = "ơ", "ò" = "ị"). Only the pairs of the standard are decoded; a mark
  after any other letter is left as it is.
* Detection is per string. A string containing letters that exist only in Unicode Vietnamese
  (ă, đ, ơ, ư, ĩ, ũ, U+1EA0-U+1EF9, combining marks) or only ASCII is "unicode". Otherwise each
  reading (as is, TCVN3, VNI) is scored by how many of its words that contain non-ASCII letters
  are plausible Vietnamese syllables; a legacy reading must be clearly plausible and beat the
  plain reading, ties go to "unicode" (so "Café", "Müller", "Có" stay as they are). In
  ``convert_rows`` such ties are settled by the encoding most cells of the sheet clearly use.
* Convert legacy text *before* ``thidua.core.vn.clean_text``: TCVN3 writes "ư" as U+00AD (soft
  hyphen), which ``clean_text`` strips as an invisible character.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "ENCODINGS",
    "TCVN3",
    "TCVN3_DECODE",
    "UNICODE",
    "VNI",
    "VNI_DECODE",
    "Conversion",
    "convert",
    "convert_rows",
    "detect",
    "to_unicode",
]

UNICODE, TCVN3, VNI = "unicode", "tcvn3", "vni"
ENCODINGS = (UNICODE, TCVN3, VNI)

DATA_FILE = Path(__file__).resolve().parent / "data" / "vietnamese_legacy_encodings.json"


def _load_table(raw: dict, name: str) -> Mapping[str, str]:
    """Legacy string (Latin-1 characters of the byte codes) -> Unicode letter."""
    table = {}
    for letter, codes in raw[name]["letters"].items():
        table["".join(chr(int(code, 16)) for code in codes.split())] = letter
    return MappingProxyType(table)


_RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))
TCVN3_DECODE: Mapping[str, str] = _load_table(_RAW, TCVN3)
VNI_DECODE: Mapping[str, str] = _load_table(_RAW, VNI)
del _RAW

_TCVN3_CAPITALS = frozenset(code for code, letter in TCVN3_DECODE.items() if letter.isupper())
_TCVN3_WORD = re.compile("[A-Za-z" + re.escape("".join(TCVN3_DECODE)) + "]+")
# Letters (and combining marks) that only Unicode Vietnamese text contains.
_UNICODE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300-\u0309\u031b\u0323]")
_SENTINEL = "ĸ"  # a letter that is no Vietnamese letter: marks an undecodable character
_WORD = re.compile(r"[^\W\d_]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _keep(char: str) -> str:
    return char


# --- Decoding ------------------------------------------------------------------------------


def _decode_tcvn3(text: str, unknown: Callable[[str], str] = _keep) -> str:
    return "".join(TCVN3_DECODE.get(char) or unknown(char) for char in text)


def _decode_vni(text: str, unknown: Callable[[str], str] = _keep) -> tuple[str, int]:
    """Decode VNI; also return how many two-byte sequences were found."""
    out: list[str] = []
    pairs = i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_DECODE:
            out.append(VNI_DECODE[pair])
            pairs += 1
            i += 2
        else:
            out.append(VNI_DECODE.get(text[i]) or unknown(text[i]))
            i += 1
    return "".join(out), pairs


def _tcvn3_case(word: str) -> str:
    """'lower', 'upper' or 'maybe' (see the module docstring)."""
    if any("a" <= char <= "z" for char in word):
        return "lower"
    capitals = sum("A" <= char <= "Z" or char in _TCVN3_CAPITALS for char in word)
    return "upper" if capitals >= 2 else "maybe"


def _tcvn3_to_unicode(text: str) -> str:
    decoded = list(_decode_tcvn3(text))  # one output character per input character
    words = [(m.span(), m.group(), _tcvn3_case(m.group())) for m in _TCVN3_WORD.finditer(text)]
    kinds = {kind for _, _, kind in words}
    capital_cell = "lower" not in kinds and any(
        kind == "upper" and not word.isascii() for _, word, kind in words
    )
    for (start, end), _, kind in words:
        if kind == "upper" or (kind == "maybe" and capital_cell):
            decoded[start:end] = "".join(decoded[start:end]).upper()
    return "".join(decoded)


def to_unicode(text: str, encoding: str) -> str:
    """Convert ``text`` from ``encoding`` ("tcvn3", "vni" or "unicode") to Unicode NFC."""
    if encoding == TCVN3:
        text = _tcvn3_to_unicode(text)
    elif encoding == VNI:
        text = _decode_vni(text)[0]
    elif encoding != UNICODE:
        raise ValueError(f"unknown encoding {encoding!r}; expected one of {ENCODINGS}")
    return unicodedata.normalize("NFC", text)


# --- Is this Vietnamese? -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_INITIALS = _words("nh ch gi kh ph th tr qu b d đ h k l m n p r s t v x")
_OPEN_RIMES = _words(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uy ưa ưi ưu uơ"
    " oai oao oay oeo uây uôi uya uyu ươi ươu iêu yêu"
)
_CLOSED_NUCLEI = _words("a ă â e ê i o ô ơ u ư y oa oă oe uâ uê uy iê yê uô ươ uyê")
_FINALS = _words("c m n ng p t")
_PALATAL_NUCLEI = _words("a ê i y oa uê uy")  # the only ones before -ch / -nh


def _alternation(items: Iterable[str]) -> str:
    return "|".join(sorted(set(items), key=lambda item: (-len(item), item)))


_RIMES = _alternation(
    [*_OPEN_RIMES, "oong", "ooc", "ăk"]  # ăk: Đắk Lắk
    + [nucleus + final for nucleus in _CLOSED_NUCLEI for final in _FINALS]
    + [nucleus + final for nucleus in _PALATAL_NUCLEI for final in ("ch", "nh")]
)
# c/g/ng never stand before e, ê, i (written k/gh/ngh there); "gi" is its own initial;
# k also starts place names of minority languages (Kon Tum, Bắc Kạn).
_SYLLABLE = re.compile(
    rf"(?:(?:c|ng|g)(?=[aăâoôơuư])|g(?=i)|(?:gh|ngh)(?=[eêiy])|{_alternation(_INITIALS)})?"
    rf"(?:{_RIMES})"
)


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(char in _TONES for char in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", char)[0] in "aeiouyAEIOUY" for char in word)


@dataclass(frozen=True, slots=True)
class _Score:
    valid: int  # words with non-ASCII letters that are Vietnamese syllables
    invalid: int  # words with non-ASCII letters that are not
    valid_all: int  # all words with a vowel (acronyms aside) that are syllables ...
    total_all: int  # ... out of all such words
    typical: int  # characters typical of the encoding

    @property
    def net(self) -> int:
        return self.valid - self.invalid

    @property
    def plausible(self) -> bool:
        return (
            self.valid >= 1
            and self.valid >= 3 * self.invalid
            and (self.valid >= 2 or 2 * self.valid_all > self.total_all)
        )


def _unknown_for_scoring(char: str) -> str:
    if char.isascii():
        return char
    return _SENTINEL if char.isalpha() or char in TCVN3_DECODE else " "


def _score(text: str, encoding: str) -> _Score:
    typical = 0
    if encoding == TCVN3:
        decoded = _decode_tcvn3(text, _unknown_for_scoring)
        # Symbols (¡-¿, ×, ÷) used as letters: Western words never contain them.
        typical = sum(c in TCVN3_DECODE and (c in "×÷" or c < "À") for c in text)
    elif encoding == VNI:
        decoded, typical = _decode_vni(text, _unknown_for_scoring)
    else:
        decoded = "".join(c if c.isalpha() else _unknown_for_scoring(c) for c in text)
    valid = invalid = valid_all = total_all = 0
    for word in _WORD.findall(unicodedata.normalize("NFC", decoded)):
        if not _has_vowel(word) or (word.isascii() and word.isupper() and len(word) > 1):
            continue  # no vowel, or an acronym such as UBND, THCS, TNHH
        ok = _is_syllable(word)
        total_all += 1
        valid_all += ok
        if not word.isascii():
            valid += ok
            invalid += not ok
    return _Score(valid, invalid, valid_all, total_all, typical)


def _analyse(text: str) -> tuple[str, frozenset[str]]:
    """Return the detected encoding and the legacy encodings that tie with "unicode"."""
    if text.isascii() or _UNICODE_ONLY.search(text):
        return UNICODE, frozenset()
    plain = _score(text, UNICODE)
    scores = {enc: _score(text, enc) for enc in (TCVN3, VNI)}
    candidates = {enc: s for enc, s in scores.items() if s.plausible and s.net >= plain.net}
    if not candidates:
        return UNICODE, frozenset()
    best = max(candidates, key=lambda enc: (candidates[enc].net, candidates[enc].typical))
    if candidates[best].net > plain.net:
        return best, frozenset()
    return UNICODE, frozenset(candidates)


def detect(text: str) -> str:
    """Guess the encoding of ``text``: "unicode", "tcvn3" or "vni" (ASCII -> "unicode")."""
    return _analyse(text)[0]


def convert(text: str) -> tuple[str, str]:
    """Detect the encoding of ``text`` and convert it; return (unicode_text, encoding)."""
    encoding = detect(text)
    return to_unicode(text, encoding), encoding


# --- Spreadsheets --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conversion:
    """One changed cell, to show the officer before an import is committed (0-based indexes)."""

    row: int
    column: int
    original: str
    converted: str
    encoding: str


def convert_rows(
    rows: Iterable[Sequence[object]],
) -> tuple[list[list[object]], list[Conversion]]:
    """Convert every ``str`` cell to Unicode NFC, deciding the encoding cell by cell.

    Other values are kept as they are. A cell whose reading is a tie between Unicode and a
    legacy encoding (a short word such as "cã", TCVN3 for "có") takes the encoding most cells
    of the sheet clearly use. Returns the new rows and the list of changed cells.
    """
    table = [list(row) for row in rows]
    cells: list[tuple[int, int, str, str, frozenset[str]]] = []
    votes: Counter[str] = Counter()
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            if isinstance(value, str):
                encoding, ties = _analyse(value)
                cells.append((r, c, value, encoding, ties))
                if encoding != UNICODE or _UNICODE_ONLY.search(value):
                    votes[encoding] += 1
    sheet_encoding = votes.most_common(1)[0][0] if votes else UNICODE
    conversions = []
    for r, c, original, detected, ties in cells:
        encoding = sheet_encoding if sheet_encoding in ties else detected
        converted = to_unicode(original, encoding)
        if converted != original:
            table[r][c] = converted
            conversions.append(Conversion(r, c, original, converted, encoding))
    return table, conversions
