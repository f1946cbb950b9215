"""Open generated papers the way a reader's software would, and return what they say."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import docx
import openpyxl
from pypdf import PdfReader


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    """NFC with every run of whitespace (NBSP and line breaks too) as one space."""
    return " ".join(nfc(text).split())


def docx_document(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and of its tables, in order, one per line."""
    document = docx_document(data)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append(" | ".join(cells))
    return nfc("\n".join(lines))


def docx_tables(data: bytes) -> list[list[list[str]]]:
    return [
        [[nfc(cell.text) for cell in row.cells] for row in table.rows]
        for table in docx_document(data).tables
    ]


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_values(data: bytes) -> list[list]:
    sheet = workbook(data).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() or "" for page in pdf_reader(data).pages))


def pdf_fonts(data: bytes) -> list[dict]:
    """Every font the pages use: its name, whether its program is embedded, and the program."""
    found: dict[str, dict] = {}
    for page in pdf_reader(data).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        fonts = resources.get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor_owner = font
            if "/DescendantFonts" in font:
                descriptor_owner = font["/DescendantFonts"][0].get_object()
            descriptor = descriptor_owner.get("/FontDescriptor")
            program = None
            if descriptor is not None:
                descriptor = descriptor.get_object()
                for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                    if key in descriptor:
                        program = descriptor[key].get_object().get_data()
                        break
            name = str(font.get("/BaseFont", ""))
            found[name] = {"name": name, "embedded": program is not None, "program": program}
    return list(found.values())


def font_family_of(base_font: str) -> str:
    """ "/ABCDEF+Tinos-Bold" -> "Tinos": the subset tag and style dropped."""
    name = base_font.lstrip("/").split("+", 1)[-1]
    return name.split("-", 1)[0].split(",", 1)[0]


def system_font_for(family: str) -> Path | None:
    from thidua.documents import fonts

    return fonts.font_file(family=family)
