"""The Excel template for importing award history and yearly ratings, and its streaming reader.

The workbook (.xlsx) has two sheets; either may be left empty. Row 1 holds the headers exactly
as below (the template is downloadable from the import page); data start on row 2; empty rows
are skipped.

Sheet **"Xếp loại"** (yearly ratings):

======  =================  ==============================================================
column  header             content
======  =================  ==============================================================
A       Đơn vị             unit, by its short or full name in the system (required): the
                           person's unit, or the collective being rated
B       Họ và tên          full name of the person; empty when the row rates the unit itself
C       Ngày sinh          date of birth (dd/mm/yyyy), as recorded for the person
D       Năm                evaluation year (required)
E       Xếp loại           HTXSNV, HTTNV, HTNV, KHTNV, or the rating in words (required)
======  =================  ==============================================================

Sheet **"Khen thưởng"** (titles and forms awarded by decisions):

======  ================================  ===============================================
column  header                            content
======  ================================  ===============================================
A       Đơn vị                            as above (required)
B       Họ và tên                         as above; empty for an award to the unit
C       Ngày sinh                         as above
D       Năm đánh giá                      the year the award is for (required)
E       Danh hiệu, hình thức khen thưởng  name or code of the catalogue, e.g. "Chiến sĩ
                                          thi đua cơ sở", "bang_khen_cap_tinh" (required)
F       Số quyết định                     e.g. 1234/QĐ-UBND (required)
G       Ngày quyết định                   dd/mm/yyyy (required)
H       Cơ quan ban hành                  e.g. UBND quận Hoàng Mai (required)
I       Người ký                          optional
J       Chức vụ người ký                  optional
K       Loại khen thưởng                  Thường xuyên (default), Đột xuất or Chuyên đề
======  ================================  ===============================================

People are matched by (unit, full name, date of birth) and units by name, within the units the
importing officer may record for; nobody is ever created by an import. Rows naming the same
decision (number, date and issuing authority) become one decision with several recipients.

Text typed with the legacy TCVN3 (.VnTime) or VNI fonts is detected cell by cell and converted
to Unicode NFC before anything else (``core.legacy_encodings.convert_rows``): the officer sees
every converted cell on the preview before confirming.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core import vn
from thidua.core.legacy_encodings import convert_rows

MAX_ROWS = 50_000  # per sheet


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 18
    note: str = ""


RATINGS_SHEET = "Xếp loại"
AWARDS_SHEET = "Khen thưởng"
PERSON_COLUMNS = (
    Column("unit", "Đơn vị", 30, "Tên ngắn hoặc tên đầy đủ của đơn vị trong hệ thống"),
    Column("name", "Họ và tên", 26, "Để trống nếu dòng này là của tập thể (đơn vị)"),
    Column("birth_date", "Ngày sinh", 14, "dd/mm/yyyy"),
)
COLUMNS = {
    RATINGS_SHEET: (
        *PERSON_COLUMNS,
        Column("year", "Năm", 8),
        Column("rating", "Xếp loại", 28, "HTXSNV, HTTNV, HTNV, KHTNV"),
    ),
    AWARDS_SHEET: (
        *PERSON_COLUMNS,
        Column("year", "Năm đánh giá", 12),
        Column("award", "Danh hiệu, hình thức khen thưởng", 40, "Tên hoặc mã trong danh mục"),
        Column("number", "Số quyết định", 18, "Ví dụ: 1234/QĐ-UBND"),
        Column("signed_on", "Ngày quyết định", 14, "dd/mm/yyyy"),
        Column("issuer", "Cơ quan ban hành", 30, "Ví dụ: UBND quận Hoàng Mai"),
        Column("signer_name", "Người ký", 22),
        Column("signer_position", "Chức vụ người ký", 22),
        Column("basis", "Loại khen thưởng", 16, "Thường xuyên, Đột xuất hoặc Chuyên đề"),
    ),
}


def column_letter(sheet: str, key: str) -> tuple[str, str]:
    """(letter, header) of a column of the template: ("E", "Xếp loại")."""
    for index, column in enumerate(COLUMNS[sheet], start=1):
        if column.key == key:
            return get_column_letter(index), column.header
    raise KeyError(key)


def write_template() -> bytes:
    """The empty template, with Vietnamese headers and a sheet of instructions."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="D9D9D9")
    for name, columns in COLUMNS.items():
        sheet = workbook.create_sheet(name)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 36
    guide.column_dimensions["C"].width = 60
    guide.append(["Trang tính", "Cột", "Nội dung"])
    for name, columns in COLUMNS.items():
        for index, column in enumerate(columns, start=1):
            guide.append([name, f"{get_column_letter(index)}. {column.header}", column.note])
    guide.append([])
    guide.append(
        [
            "Lưu ý",
            "",
            "Cá nhân được xác định theo đơn vị, họ và tên, ngày sinh; hệ thống không tự tạo "
            "người mới. Tệp chỉ được nhập khi mọi dòng đều hợp lệ. Chữ gõ bằng phông TCVN3 "
            "(.VnTime) hoặc VNI được tự động chuyển sang Unicode.",
        ]
    )
    for cell in guide[1]:
        cell.font = bold
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class CellConversion:
    """A cell converted from a legacy encoding, to show before the import is confirmed."""

    sheet: str
    cell: str  # "B5"
    original: str
    converted: str
    encoding: str  # tcvn3 | vni

    @property
    def encoding_label(self) -> str:
        return {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}.get(self.encoding, self.encoding)


@dataclass
class SheetData:
    name: str
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row number, key → value)
    conversions: list[CellConversion] = field(default_factory=list)


def _header_ok(found, columns) -> bool:
    cells = [vn.fold(str(v)) if v is not None else "" for v in (found or ())]
    cells = cells[: len(columns)] + [""] * (len(columns) - len(cells))
    return cells == [vn.fold(c.header) for c in columns]


def read_workbook(fileobj) -> dict[str, SheetData]:
    """The rows of each template sheet found in the workbook, legacy text converted.

    Raises ValidationError when the file cannot be read, has none of the template's sheets, a
    sheet's headers differ from the template, or a sheet is too long.
    """
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("The file cannot be read as an Excel workbook (.xlsx).")) from error
    try:
        found: dict[str, SheetData] = {}
        by_fold = {vn.fold(name): name for name in workbook.sheetnames}
        for name, columns in COLUMNS.items():
            actual = by_fold.get(vn.fold(name))
            if actual is None:
                continue
            rows = []
            for index, row in enumerate(workbook[actual].iter_rows(values_only=True)):
                if index > MAX_ROWS:
                    raise ValidationError(
                        _("Sheet “%(sheet)s” has more than %(n)s rows; split the file.")
                        % {"sheet": name, "n": MAX_ROWS}
                    )
                rows.append(tuple(row[: len(columns)]))
            # Legacy encodings first: clean_text would delete TCVN3's "ư" (U+00AD).
            converted, conversions = convert_rows(rows)
            if converted and not _header_ok(converted[0], columns):
                raise ValidationError(
                    _(
                        "Sheet “%(sheet)s”: row 1 must hold the template's headers (%(headers)s). "
                        "Download the template and copy the data into it."
                    )
                    % {"sheet": name, "headers": ", ".join(c.header for c in columns)}
                )
            data = SheetData(name)
            for c in conversions:
                data.conversions.append(
                    CellConversion(
                        name,
                        f"{get_column_letter(c.column + 1)}{c.row + 1}",
                        c.original,
                        c.converted,
                        c.encoding,
                    )
                )
            for index, row in enumerate(converted[1:], start=2):
                values = list(row) + [None] * (len(columns) - len(row))
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                data.rows.append((index, {c.key: v for c, v in zip(columns, values, strict=True)}))
            found[name] = data
        if not found:
            raise ValidationError(
                _("The workbook has neither a “%(a)s” nor a “%(b)s” sheet. Use the template.")
                % {"a": RATINGS_SHEET, "b": AWARDS_SHEET}
            )
        return found
    finally:
        workbook.close()
