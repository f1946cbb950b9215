"""The registry and the shared pieces: one letterhead, one signature block for every paper."""

import pytest

from thidua.documents import engine, word
from thidua.documents import word_xml as wx
from thidua.documents.engine import Paper, UnsupportedFormat, get_paper, register, render
from thidua.documents.papers.clusters import MEMBER_LIST, YEAR_DECISION

from .readers import docx_text

pytestmark = pytest.mark.django_db


def test_the_first_papers_are_registered():
    assert get_paper("clusters.year_decision") is YEAR_DECISION
    assert get_paper("clusters.member_list") is MEMBER_LIST
    assert YEAR_DECISION.formats == ("docx", "pdf", "xlsx")
    assert MEMBER_LIST.formats == ("pdf", "xlsx")
    assert {p.code for p in engine.all_papers()} >= {YEAR_DECISION.code, MEMBER_LIST.code}


def test_an_unknown_paper_or_format_is_refused(year):
    with pytest.raises(LookupError):
        get_paper("nope")
    with pytest.raises(UnsupportedFormat):
        render(YEAR_DECISION, "odt", year=year)


def test_a_paper_is_registered_once():
    copy = Paper(
        code=YEAR_DECISION.code,
        title="x",
        build_context=YEAR_DECISION.build_context,
        formats=("xlsx",),
    )
    with pytest.raises(ValueError, match="twice"):
        register(copy)
    assert register(YEAR_DECISION) is YEAR_DECISION


def test_a_paper_declares_the_templates_its_formats_need():
    with pytest.raises(ValueError, match="html_template"):
        Paper(code="t.a", title="t", build_context=dict, formats=("pdf",))
    with pytest.raises(ValueError, match="docx_body"):
        Paper(code="t.b", title="t", build_context=dict, formats=("docx",))
    with pytest.raises(ValueError, match="unknown formats"):
        Paper(code="t.c", title="t", build_context=dict, formats=("odt",))


def test_the_word_template_holds_tags_only_and_is_built_once():
    first = word.template_bytes(YEAR_DECISION)
    assert word.template_bytes(YEAR_DECISION) is first
    text = docx_text(first)
    assert "{{ letterhead.national_title }}" in text
    assert "{{ signature.name }}" in text
    assert "CỘNG HÒA" not in text and "QUYẾT ĐỊNH" not in text


def test_every_pdf_paper_uses_the_shared_letterhead_include():
    from django.template.loader import get_template

    for paper in engine.all_papers():
        if "pdf" in paper.formats:
            source = get_template(paper.html_template).template.source
            assert '{% extends "documents/paper.html" %}' in source
            assert '{% include "documents/_letterhead.html" %}' in source


def _local(tag: str) -> str:
    return "w:" + tag.rsplit("}", 1)[-1]


def test_word_properties_follow_the_schema_order_word_insists_on(year):
    """Word refuses a file whose property elements are out of the OOXML order."""
    import io
    import zipfile

    from lxml import etree

    data = render(YEAR_DECISION, "docx", year=year)[0]
    orders = {"w:pPr": wx.PPR_ORDER, "w:tblPr": wx.TBLPR_ORDER, "w:trPr": wx.TRPR_ORDER}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    checked = 0
    for element in root.iter():
        order = orders.get(_local(element.tag))
        if order is None:
            continue
        children = [_local(child.tag) for child in element]
        assert all(child in order for child in children), children
        positions = [order.index(child) for child in children]
        assert positions == sorted(positions), (_local(element.tag), children)
        checked += 1
    indents = [
        value
        for element in root.iter()
        if _local(element.tag) == "w:ind"
        for key, value in element.attrib.items()
        if key.endswith("}left") or key.endswith("}right")
    ]
    assert len(indents) >= 8 and all(value.isdigit() for value in indents), indents
    assert checked > 50
