"""Every PDF embeds a font that writes every Vietnamese letter, and its text reads back intact."""

import io

import pytest
from fontTools.ttLib import TTFont

from thidua.documents import fonts
from thidua.documents.engine import Paper, render
from thidua.documents.layout import Heading, Letterhead
from thidua.documents.papers.clusters import MEMBER_LIST, YEAR_DECISION, member_list_context

from .conftest import DAY
from .readers import font_family_of, nfc, pdf_fonts, pdf_text, system_font_for

pytestmark = pytest.mark.django_db

LETTERS = fonts.vietnamese_letters()
# Fonts that carry every Vietnamese letter and that "Times New Roman" may resolve to.
VIETNAMESE_COMPLETE = {"Tinos", "TimesNewRomanPSMT", "TimesNewRoman", "LiberationSerif"}


def _assert_vietnamese_fonts(data: bytes) -> list[dict]:
    used = pdf_fonts(data)
    assert used, "the PDF uses no font"
    for font in used:
        assert font["embedded"], f"{font['name']} is not embedded"
        family = font_family_of(font["name"])
        assert family in VIETNAMESE_COMPLETE, font["name"]
        system = system_font_for(family)
        assert system is not None, f"no system font file for {family}"
        assert fonts.missing_letters(system) == "", f"{system} lacks Vietnamese letters"
        program = TTFont(io.BytesIO(font["program"]))
        assert "glyf" in program and program["maxp"].numGlyphs > 0
    return used


def test_the_system_times_new_roman_covers_every_vietnamese_letter():
    path = fonts.font_file()
    assert path is not None, "fontconfig finds no Times New Roman (install fonts-croscore)"
    assert fonts.missing_letters(path) == ""
    for bold, italic in ((True, False), (False, True), (True, True)):
        assert fonts.missing_letters(fonts.font_file(bold=bold, italic=italic)) == ""


@pytest.mark.parametrize("fmt_paper", ["decision", "members"])
def test_every_pdf_embeds_a_vietnamese_complete_font(year, cluster, fmt_paper):
    if fmt_paper == "decision":
        data = render(YEAR_DECISION, "pdf", year=year, issued_on=DAY)[0]
    else:
        data = render(MEMBER_LIST, "pdf", cluster=cluster, on=DAY)[0]
    used = _assert_vietnamese_fonts(data)
    assert {font_family_of(f["name"]) for f in used} == {"Tinos"}
    # Regular, bold and italic faces are all embedded (header, place and date, body).
    names = " ".join(f["name"] for f in used)
    assert "Bold" in names and "Italic" in names


def _pangram_context(**kwargs):
    """The member list with every Vietnamese letter in regular, bold and italic text."""
    words = " ".join(LETTERS[i : i + 10] for i in range(0, len(LETTERS), 10))
    context = member_list_context(**kwargs)
    head = context["letterhead"]
    return {
        **context,
        "letterhead": Letterhead(
            issuer=head.issuer,
            parent=head.parent,
            number="",
            place_date=words,
            national_title=head.national_title,
            motto=head.motto,
        ),
        "heading": Heading(type="ĐỦ CHỮ", subject=words),
        "organiser": words,
    }


PANGRAM = Paper(
    code="tests.pangram",
    title="pangram",
    build_context=_pangram_context,
    formats=("pdf",),
    html_template=MEMBER_LIST.html_template,
)


def test_every_vietnamese_letter_survives_the_round_trip_in_every_face(cluster):
    data = render(PANGRAM, "pdf", cluster=cluster, on=DAY)[0]
    used = _assert_vietnamese_fonts(data)
    text = pdf_text(data).replace(" ", "")
    assert text.count(LETTERS) == 3, [ch for ch in LETTERS if ch not in text]
    # The embedded subsets map every letter: regular (body), bold (subject), italic (date).
    for face in ("Tinos", "Tinos-Bold", "Tinos-Italic"):
        font = next(f for f in used if f["name"].split("+", 1)[-1] == face)
        cmap = TTFont(io.BytesIO(font["program"])).getBestCmap()
        assert [ch for ch in LETTERS if ord(ch) not in cmap] == [], face
    assert nfc(text) == text
