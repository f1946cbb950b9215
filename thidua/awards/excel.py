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
to Unicode NFC before anything else (``core.legacy_encodings.convert_rows``, a chunk of rows at
a time): the officer sees the converted cells on the preview before confirming.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core import vn
from thidua.core.legacy_encodings import convert_rows

MAX_ROWS = 200_000  # data rows per sheet (the upload size limit applies as well)
CHUNK_ROWS = 2_000  # rows read, converted, matched and written at a time


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
class Chunk:
    """Up to ``CHUNK_ROWS`` filled rows of one sheet, legacy text converted."""

    sheet: str
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row number, key → value)
    conversions: list[CellConversion] = field(default_factory=list)


def _header_ok(found, columns) -> bool:
    cells = [vn.fold(str(v)) if v is not None else "" for v in (found or ())]
    cells = cells[: len(columns)] + [""] * (len(columns) - len(cells))
    return cells == [vn.fold(c.header) for c in columns]


def _too_long(name: str) -> ValidationError:
    return ValidationError(
        _("Sheet “%(sheet)s” has more than %(n)s rows; split the file.")
        % {"sheet": name, "n": MAX_ROWS}
    )


def _blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _converted(name: str, rows: list, first_row: int) -> tuple[list, list[CellConversion]]:
    """``convert_rows`` on one chunk; ``first_row`` is the Excel number of ``rows[0]``."""
    converted, found = convert_rows(rows)
    conversions = [
        CellConversion(
            name,
            f"{get_column_letter(c.column + 1)}{c.row + first_row}",
            c.original,
            c.converted,
            c.encoding,
        )
        for c in found
    ]
    return converted, conversions


class StreamedWorkbook:
    """An uploaded workbook read lazily, sheet by sheet and chunk by chunk (openpyxl read-only).

    Opening checks everything that refuses the file whole before any row is read: it is an
    .xlsx, it has a template sheet, every such sheet has the template's headers and does not
    declare more than ``MAX_ROWS`` rows. ``chunks()`` then yields the filled rows, at most
    ``chunk_rows`` at a time, so memory does not grow with the file. A sheet that turns out
    longer than it declared raises ValidationError while streaming.
    """

    def __init__(self, fileobj, chunk_rows: int | None = None):
        try:
            self.book = load_workbook(fileobj, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(
                _("The file cannot be read as an Excel workbook (.xlsx).")
            ) from error
        self.chunk_rows = chunk_rows or CHUNK_ROWS
        try:
            self.sheets = self._check()
        except BaseException:
            self.book.close()
            raise

    def _check(self) -> dict[str, str]:
        found = {}
        by_fold = {vn.fold(name): name for name in self.book.sheetnames}
        for name, columns in COLUMNS.items():
            actual = by_fold.get(vn.fold(name))
            if actual is None:
                continue
            sheet = self.book[actual]
            declared = sheet.max_row if isinstance(sheet.max_row, int) else 0
            if declared > MAX_ROWS + 1:
                raise _too_long(name)
            header = next(sheet.iter_rows(max_row=1, values_only=True), None)
            if header is not None:
                # Legacy encodings first: clean_text would delete TCVN3's "ư" (U+00AD).
                (header,), _conversions = convert_rows([tuple(header[: len(columns)])])
                if not _header_ok(header, columns):
                    raise ValidationError(
                        _(
                            "Sheet “%(sheet)s”: row 1 must hold the template's headers "
                            "(%(headers)s). Download the template and copy the data into it."
                        )
                        % {"sheet": name, "headers": ", ".join(c.header for c in columns)}
                    )
            found[name] = actual
        if not found:
            raise ValidationError(
                _("The workbook has neither a “%(a)s” nor a “%(b)s” sheet. Use the template.")
                % {"a": RATINGS_SHEET, "b": AWARDS_SHEET}
            )
        return found

    def chunks(self) -> Iterator[Chunk]:
        """Each template sheet's filled rows, ``chunk_rows`` at a time, legacy text converted.

        The header row is converted with the first chunk so that its cells are listed too. A
        cell whose encoding is a tie takes the encoding most cells of its chunk clearly use.
        """
        for name, actual in self.sheets.items():
            columns = COLUMNS[name]
            width = len(columns)
            pending: list = []
            first = 1  # Excel number of pending[0]
            rows = self.book[actual].iter_rows(values_only=True)
            for index, row in enumerate(rows, start=1):
                if index > MAX_ROWS + 1:
                    raise _too_long(name)
                pending.append(tuple(row[:width]))
                if len(pending) >= self.chunk_rows:
                    yield self._chunk(name, pending, first)
                    first, pending = index + 1, []
            if pending:
                yield self._chunk(name, pending, first)

    def _chunk(self, name: str, raw: list, first: int) -> Chunk:
        columns = COLUMNS[name]
        converted, conversions = _converted(name, raw, first)
        chunk = Chunk(name, conversions=conversions)
        for number, row in enumerate(converted, start=first):
            if number == 1:
                continue  # the headers, checked on opening
            values = list(row) + [None] * (len(columns) - len(row))
            if _blank(values):
                continue
            chunk.rows.append((number, {c.key: v for c, v in zip(columns, values, strict=True)}))
        return chunk

    def close(self) -> None:
        self.book.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_workbook(fileobj, chunk_rows: int | None = None) -> StreamedWorkbook:
    """The workbook, checked and ready to stream (see ``StreamedWorkbook``); use it in a with block.

    Raises ValidationError when the file cannot be read, has none of the template's sheets, a
    sheet's headers differ from the template, or a sheet declares too many rows.
    """
    return StreamedWorkbook(fileobj, chunk_rows)
