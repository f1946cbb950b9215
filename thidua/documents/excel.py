"""Excel papers: the context's ``table`` (a ``layout.Table``) under a title block, with openpyxl.

The title block names the issuing body (from ``letterhead``) and the table's label, title and
subtitle; the header row is repeated on every printed page and frozen on screen. Whole numbers
are numbers ("#,##0", which Excel shows as 1.234 in Vietnamese), dates are dates ("dd/mm/yyyy"),
columns have the table's widths, and the sheet prints on A4 with the decree's margins.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from . import fonts
from .layout import MARGINS_MM, Table

NUMBER_FORMATS = {"int": "#,##0", "date": "dd/mm/yyyy", "text": "@"}
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
SIZE = 12
MM_PER_INCH = 25.4


def _font(**kwargs) -> Font:
    return Font(name=fonts.FAMILY, size=kwargs.pop("size", SIZE), **kwargs)


def render(context: dict) -> bytes:
    table: Table = context["table"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.sheet[:31]
    last = len(table.columns)
    row = 1

    letterhead = context.get("letterhead")
    if letterhead is not None:
        lines = [(letterhead.parent, False)] if letterhead.parent else []
        lines += [(line, True) for line in letterhead.issuer]
        for text, bold in lines:
            cell = sheet.cell(row=row, column=1, value=text)
            cell.font = _font(bold=bold)
            row += 1
        row += 1

    for text, font in (
        (table.label, _font(bold=True, size=14)),
        (table.title, _font(bold=True, size=14)),
        (table.subtitle, _font(italic=True)),
    ):
        if not text:
            continue
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if last > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        row += 1
    row += 1

    header_row = row
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row, column=index, value=column.header)
        cell.font = _font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row += 1

    for group in table.groups:
        if group.title:
            label = sheet.cell(row=row, column=1, value=group.label)
            label.alignment = Alignment(horizontal="center", vertical="center")
            title = sheet.cell(row=row, column=min(2, last), value=group.title)
            title.alignment = Alignment(vertical="center", wrap_text=True)
            for index in range(1, last + 1):
                cell = sheet.cell(row=row, column=index)
                cell.font = _font(bold=True)
                cell.fill = GROUP_FILL
                cell.border = BORDER
            if last > 2:
                sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
            row += 1
        for item in group.rows:
            for index, (column, value) in enumerate(
                zip(table.columns, item.values, strict=True), start=1
            ):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.font = _font()
                cell.border = BORDER
                cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
                cell.alignment = Alignment(
                    horizontal=column.align, vertical="center", wrap_text=column.kind == "text"
                )
            row += 1

    if table.total:
        row += 1
        cell = sheet.cell(row=row, column=1, value=table.total)
        cell.font = _font(italic=True)

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _page_setup(sheet)
    workbook.properties.creator = "thidua"
    workbook.properties.title = table.title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _page_setup(sheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = MARGINS_MM["left"] / MM_PER_INCH
    margins.right = MARGINS_MM["right"] / MM_PER_INCH
    margins.top = MARGINS_MM["top"] / MM_PER_INCH
    margins.bottom = MARGINS_MM["bottom"] / MM_PER_INCH
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.font = fonts.FAMILY
