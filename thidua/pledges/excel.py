"""The criteria table as an Excel workbook (.xlsx): the documented template, export and reading.

Template (sheet "Tiêu chí", one criterion per row, headers on row 1; sheet "Hướng dẫn" explains):

| col | header             | content                                                        |
|-----|--------------------|----------------------------------------------------------------|
| A   | Nội dung           | content group title (rows with the same title form one group)  |
| B   | Mã tiêu chí        | code, unique in the pledge (e.g. 1.1)                          |
| C   | Tiêu chí           | the criterion's text                                           |
| D   | Điểm tối đa        | maximum score, > 0, at most two decimals                       |
| E   | Cách chấm          | Định lượng / Có/Không / Theo mức / Chấm tự do                  |
| F   | Chỉ tiêu           | target (Định lượng only)                                       |
| G   | Đơn vị tính        | unit of the target (Định lượng only)                           |
| H   | Ngưỡng tối thiểu   | below it the criterion scores 0 (Định lượng, optional)         |
| I   | Các mức            | "Tốt: 10; Khá: 7; Trung bình: 5" (Theo mức only)               |
| J   | Minh chứng         | evidence required                                              |
| K   | Thưởng tối đa      | maximum bonus for the criterion (optional)                     |
| L   | Trừ tối đa         | maximum penalty for the criterion (optional)                   |

Reading NFC-normalises every cell (vn.clean_text) and maps headers by name, so a column moved or
a header typed without diacritics is still found.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core import vn

from .validation import METHOD_LABELS_VI, format_levels

SHEET = "Tiêu chí"
MAX_ROWS = 2000  # filled rows of criteria read from an uploaded workbook
GUIDE_SHEET = "Hướng dẫn"


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: int
    guide: str


COLUMNS = (
    Column(
        "group", "Nội dung", 28, "Tên nhóm nội dung; các dòng cùng tên thuộc một nhóm. Bắt buộc."
    ),
    Column(
        "code", "Mã tiêu chí", 12, "Mã tiêu chí, không trùng trong giao ước (ví dụ 1.1). Bắt buộc."
    ),
    Column("text", "Tiêu chí", 60, "Nội dung tiêu chí. Bắt buộc."),
    Column(
        "max_score",
        "Điểm tối đa",
        12,
        "Điểm chuẩn, lớn hơn 0, tối đa hai chữ số thập phân. Bắt buộc.",
    ),
    Column(
        "method",
        "Cách chấm",
        14,
        "Một trong: Định lượng, Có/Không, Theo mức, Chấm tự do. Bắt buộc.",
    ),
    Column("target_value", "Chỉ tiêu", 12, "Con số chỉ tiêu (chỉ với cách chấm Định lượng)."),
    Column(
        "target_unit", "Đơn vị tính", 14, "Đơn vị của chỉ tiêu, ví dụ %, hộ, tỷ đồng (Định lượng)."
    ),
    Column(
        "threshold_value",
        "Ngưỡng tối thiểu",
        14,
        "Dưới ngưỡng này tiêu chí được 0 điểm (Định lượng, không bắt buộc).",
    ),
    Column(
        "levels",
        "Các mức",
        30,
        "Với cách chấm Theo mức: “Tốt: 10; Khá: 7; Trung bình: 5”, mức cao nhất bằng điểm tối đa.",
    ),
    Column("evidence", "Minh chứng", 40, "Tài liệu, số liệu cần nộp làm minh chứng."),
    Column("bonus_cap", "Thưởng tối đa", 12, "Điểm thưởng tối đa của tiêu chí (không bắt buộc)."),
    Column("penalty_cap", "Trừ tối đa", 12, "Điểm trừ tối đa của tiêu chí (không bắt buộc)."),
)
REQUIRED = {"group", "code", "text", "max_score", "method"}
_BY_HEADER = {vn.fold(c.header): c for c in COLUMNS}


def column_of(field: str) -> tuple[str, str]:
    """The template's (letter, header) of a field, e.g. ("D", "Điểm tối đa")."""
    for index, column in enumerate(COLUMNS, start=1):
        if column.field == field:
            return get_column_letter(index), column.header
    raise KeyError(field)


# --- writing ------------------------------------------------------------------------------------


def _put(sheet, row: int, col: int, value) -> None:
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"  # text, never a formula (formula injection)


def _criterion_row(row: dict) -> list:
    c = row["object"]
    return [
        c.group.title,
        c.code,
        c.text,
        c.max_score,
        METHOD_LABELS_VI[c.method],
        c.target_value,
        c.target_unit,
        c.threshold_value,
        format_levels(c.levels),
        c.evidence,
        c.bonus_cap,
        c.penalty_cap,
    ]


def write_criteria(criteria_rows: list[dict], *, title: str = "") -> bytes:
    """The workbook of a version's criteria (rows from queries.snapshot), or the empty template."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    for r, row in enumerate(criteria_rows, start=2):
        for col, value in enumerate(_criterion_row(row), start=1):
            _put(sheet, r, col, value)
    guide = book.create_sheet(GUIDE_SHEET)
    guide.append(["Bảng tiêu chí giao ước thi đua" + (f" — {title}" if title else "")])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append(
        [
            "Mỗi dòng của trang “Tiêu chí” là một tiêu chí; dòng 1 là tiêu đề cột, giữ nguyên. "
            "Tổng điểm tối đa phải bằng thang điểm của giao ước. Khi nhập, nếu có dòng sai thì "
            "không dòng nào được ghi và hệ thống báo từng dòng, từng cột sai."
        ]
    )
    guide.append([])
    guide.append(["Cột", "Tiêu đề", "Bắt buộc", "Nội dung"])
    for cell in guide[4]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        guide.append(
            [
                get_column_letter(index),
                column.header,
                "có" if column.field in REQUIRED else "",
                column.guide,
            ]
        )
    for letter, width in zip("ABCD", (6, 18, 10, 90), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.properties.title = title or "Bảng tiêu chí giao ước thi đua"
    book.save(out)
    return out.getvalue()


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Sheet:
    rows: list[tuple[int, dict]]  # (row number in the sheet, raw values by field)
    letters: dict[str, str]  # field → column letter in this file
    errors: list[str]  # problems of the file itself (no sheet, missing columns)


def _cell(value):
    if isinstance(value, str):
        return vn.clean_text(value)
    return value


def read_criteria(upload) -> Sheet:
    """The raw rows of an uploaded workbook; every string cell NFC-normalised and trimmed."""
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        return Sheet([], {}, [_("The file cannot be read as an Excel workbook (.xlsx).")])
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        letters: dict[str, str] = {}
        positions: dict[str, int] = {}
        for index, value in enumerate(header):
            column = _BY_HEADER.get(vn.fold(str(value or "")))
            if column is not None and column.field not in positions:
                positions[column.field] = index
                letters[column.field] = get_column_letter(index + 1)
        missing = [c.header for c in COLUMNS if c.field in REQUIRED and c.field not in positions]
        if missing:
            return Sheet(
                [],
                letters,
                [
                    _("Row 1 must hold the template's headers; missing: %(columns)s.")
                    % {"columns": ", ".join(missing)}
                ],
            )
        out: list[tuple[int, dict]] = []
        for number, values in enumerate(rows, start=2):
            raw = {
                field: _cell(values[i]) if i < len(values) else None
                for field, i in positions.items()
            }
            if all(v in (None, "") for v in raw.values()):
                continue
            if len(out) == MAX_ROWS:  # a sheet that unpacks to millions of rows stops here
                return Sheet(
                    [],
                    letters,
                    [_("The file has more than %(max)s rows of criteria.") % {"max": MAX_ROWS}],
                )
            out.append((number, raw))
        return Sheet(out, letters, [])
    finally:
        book.close()
