"""WordprocessingML details python-docx has no API for: borders, indents given as docxtpl tags,
fixed table widths, header rows, and inserting properties in the order the schema (and Word)
demands."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from . import fonts


def set_all_fonts(rpr) -> None:
    fonts_el = rpr.find(qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = OxmlElement("w:rFonts")
        rpr.insert(0, fonts_el)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts_el.set(qn(attr), fonts.FAMILY)


# Word rejects properties out of the schema's order: insert each where it belongs.
PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]
TBLPR_ORDER = [
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
]
TRPR_ORDER = [
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
]


def insert(parent, element, order: list[str]) -> None:
    tag = next(t for t in order if qn(t) == element.tag)
    parent.insert_element_before(element, *order[order.index(tag) + 1 :])


def bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    insert(paragraph._p.get_or_add_pPr(), borders, PPR_ORDER)


def indent(paragraph, expr: str) -> None:
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:left"), "{{ " + expr + " }}")
    ind.set(qn("w:right"), "{{ " + expr + " }}")


def tiny_line(paragraph, size: float) -> None:
    """Give an empty paragraph a small line height, so its border sits close to the text."""
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    insert(paragraph._p.get_or_add_pPr(), rpr, PPR_ORDER)


def fixed_widths(table, widths_mm) -> None:
    table.autofit = False  # a fixed layout: Word keeps the widths below
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)


def no_cell_margins(table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    insert(table._tbl.tblPr, margins, TBLPR_ORDER)


def repeat_header(row) -> None:
    insert(row._tr.get_or_add_trPr(), OxmlElement("w:tblHeader"), TRPR_ORDER)


def cant_split(row) -> None:
    insert(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"), TRPR_ORDER)
