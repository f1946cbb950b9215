"""Shared material for the bad-input and fault tests: the hostile corpus, Excel files good, huge and
broken, and a fingerprint of the database to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile

from django.apps import apps
from openpyxl import Workbook

from thidua.pledges.excel import COLUMNS, SHEET

# --- text ------------------------------------------------------------------------------------

SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
NFD_NAME = unicodedata.normalize("NFD", "Quận Hà Đông – Phường Yết Kiêu")
# UTF-8 bytes read as Windows-1252 (mojibake) and TCVN3 (".VnTime") text next to Unicode.
MOJIBAKE = "Quáº­n HÃ  ÄÃ´ng"
MIXED_LEGACY = "Céng hoµ x· héi – Cộng hoà xã hội"
ZERO_WIDTH = "Cầu\u200b Giấy\u200d\ufeff\u00ad"

HOSTILE = {
    "long": "Ằ" * 20_000,
    "script": SCRIPT,
    "sql": "'; DROP TABLE organizations_unit; -- 1' OR '1'='1",
    "nfd": NFD_NAME,
    "mojibake": MOJIBAKE,
    "legacy": MIXED_LEGACY,
    "zero_width": ZERO_WIDTH,
    "null": "Phường\x00Mai Dịch",
    "controls": "Tổ\x07 dân\x1b[31m phố\x7f",
    "only_invisible": "\u200b\u200b\ufeff",
    "rtl": "Quận\u202e Ba Đình",
    "formula": '=HYPERLINK("http://evil.example","Bấm")',
}

# The characters that must never reach the database from a text field.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def is_clean(value: str) -> bool:
    """Stored text: NFC, no invisible characters, no NUL."""
    return (
        unicodedata.is_normalized("NFC", value)
        and not any(c in value for c in INVISIBLE)
        and "\x00" not in value
    )


# --- Excel -----------------------------------------------------------------------------------

HEADERS = [c.header for c in COLUMNS]


def criteria_xlsx(rows: list[list], *, headers: list[str] | None = None) -> bytes:
    """A workbook in the criteria template's layout with the given rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(headers if headers is not None else HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def yes_no_rows(count: int, total: int = 10, *, prefix: str = "9") -> list[list]:
    """`count` yes/no criteria whose maximum scores add up to `total` (the draft's scale)."""
    each, rest = divmod(total * 100, count)
    scores = [each + (1 if i < rest else 0) for i in range(count)]
    return [
        ["Nhóm nhập", f"{prefix}.{i + 1}", f"Tiêu chí nhập số {i + 1}", s / 100, "Có/Không"]
        for i, s in enumerate(scores)
    ]


def huge_sheet_xlsx(rows: int = 200_000) -> bytes:
    """A small file that unpacks to a sheet of `rows` rows (a decompression bomb in spirit)."""
    base = criteria_xlsx([])
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    row_xml = (
        '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Nhóm</t></is></c>'
        '<c r="B{n}" t="inlineStr"><is><t>1.{n}</t></is></c></row>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, _, tail = text.partition("</row>")
                body = "".join(row_xml.format(n=n) for n in range(2, rows + 2))
                text = head + "</row>" + body + tail
                last = f'<dimension ref="A1:L{rows + 1}"/>'
                text = text.replace('<dimension ref="A1:L1"/>', last)
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def truncated_xlsx() -> bytes:
    data = criteria_xlsx(yes_no_rows(2))
    return data[: len(data) // 2]


def fake_xlsx_zip() -> bytes:
    """A zip that claims to be a workbook (xl/workbook.xml) but holds garbage."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='x' r:id='rId9'/>")
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = ("<html><body>" + SCRIPT + "</body></html>").encode()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

# --- the database ----------------------------------------------------------------------------

WATCHED_APPS = (
    "core",
    "accounts",
    "organizations",
    "clusters",
    "campaigns",
    "pledges",
)


VOLATILE = {"last_used_at", "last_login"}  # touched by every authenticated request


def db_state() -> dict[str, tuple[int, str]]:
    """Per model of the watched apps (audit included): the row count and a digest of every row,
    so an edit that was refused is caught as surely as a row that was added."""
    state = {}
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE]
            rows = list(model._default_manager.order_by("pk").values_list(*fields))
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
            state[model._meta.label] = (len(rows), digest)
    return state
