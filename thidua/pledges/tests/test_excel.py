"""The criteria table in Excel: documented template, all-or-nothing import, export round trip."""

import io
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEntry
from thidua.pledges import actions, excel, queries
from thidua.pledges.models import Criterion

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in excel.COLUMNS]


def upload(rows, headers=HEADERS, name="tieu-chi.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tiêu chí"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def row(group, code, text, max_score, method, target=None, unit=None, threshold=None, levels=None):
    return [
        group,
        code,
        text,
        max_score,
        method,
        target,
        unit,
        threshold,
        levels,
        "Báo cáo",
        None,
        None,
    ]


GOOD = [
    row("Kinh tế", "1.1", "Hoàn thành dự toán thu ngân sách", 4, "Định lượng", 100, "%", 90),
    row("Kinh tế", "1.2", "Hỗ trợ doanh nghiệp", 3, "Theo mức", levels="Tốt: 3; Khá: 2"),
    row("Văn hóa – xã hội", "2.2", "Giữ danh hiệu phường văn minh đô thị", 3, "Có/Không"),
]


def _table(version):
    return list(
        Criterion.objects.filter(pledge_version=version)
        .order_by("pk")
        .values_list("code", "text", "max_score", "method", "version")
    )


def test_import_with_bad_rows_changes_nothing_and_names_every_bad_row_and_column(draft, cast):
    before, audits = _table(draft), AuditEntry.objects.count()
    rows = [
        GOOD[0],
        row("Kinh tế", "1.2", "", "-3", "Theo mức", levels="Tốt 3"),
        row("", "1.1", "Tiêu chí trùng mã", "mười", "Có/Không"),
        row("An ninh", "3.1", "Không để xảy ra trọng án", 3, "bốc thăm"),
    ]
    with pytest.raises(ValidationError) as exc:
        actions.import_criteria(pledge_version=draft, upload=upload(rows), by=cast["leader"])
    messages = exc.value.message_dict["file"]
    assert messages == [
        "Dòng 3, cột C (Tiêu chí): Trường này không được để trống.",
        "Dòng 3, cột D (Điểm tối đa): Điểm không được âm.",
        "Dòng 3, cột I (Các mức): Ghi mỗi mức dạng “tên: điểm”, cách nhau bởi “;”, "
        "ví dụ “Tốt: 10; Khá: 7”.",
        "Dòng 4, cột A (Nội dung): Trường này không được để trống.",
        "Dòng 4, cột B (Mã tiêu chí): mã 1.1 trùng với dòng 2.",
        "Dòng 4, cột D (Điểm tối đa): Nhập một số, ví dụ 10 hoặc 2,5.",
        "Dòng 5, cột E (Cách chấm): Chọn cách chấm: Định lượng, Có/Không, Theo mức, Chấm tự do.",
    ]
    assert _table(draft) == before and AuditEntry.objects.count() == audits


def test_import_refuses_a_total_that_is_not_the_scale(draft, cast):
    before = _table(draft)
    with pytest.raises(ValidationError) as exc:
        actions.import_criteria(pledge_version=draft, upload=upload(GOOD[:2]), by=cast["leader"])
    assert "Tổng điểm tối đa là 7, không bằng thang điểm 10." in str(exc.value)
    assert _table(draft) == before


def test_import_names_the_columns_where_the_file_puts_them(draft, cast):
    moved = [HEADERS[2], HEADERS[0], *HEADERS[1:2], *HEADERS[3:]]
    rows = [[r[2], r[0], r[1], *r[3:]] for r in GOOD]
    rows[1][3] = "x"
    with pytest.raises(ValidationError) as exc:
        actions.import_criteria(pledge_version=draft, upload=upload(rows, moved), by=cast["leader"])
    assert exc.value.message_dict["file"] == [
        "Dòng 3, cột D (Điểm tối đa): Nhập một số, ví dụ 10 hoặc 2,5."
    ]


def test_import_needs_the_template_headers_and_an_excel_file(draft, cast):
    with pytest.raises(ValidationError) as exc:
        actions.import_criteria(
            pledge_version=draft, upload=upload(GOOD, ["Nhóm", "Mã"]), by=cast["leader"]
        )
    assert "Dòng 1 phải là tiêu đề cột theo mẫu" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        actions.import_criteria(
            pledge_version=draft,
            upload=SimpleUploadedFile("a.xlsx", b"%PDF-1.4 not a workbook"),
            by=cast["leader"],
        )
    assert "không được chấp nhận" in str(exc.value)


def test_import_replaces_the_table_keeping_matched_criteria(draft, cast):
    kept = draft.criteria.get(code="1.1")
    nfd = [unicodedata.normalize("NFD", str(v)) if isinstance(v, str) else v for v in GOOD[2]]
    rows = [GOOD[0], GOOD[1], nfd]
    result = actions.import_criteria(pledge_version=draft, upload=upload(rows), by=cast["leader"])
    assert result == {"created": 1, "updated": 2, "removed": 1}
    kept.refresh_from_db()
    assert kept.text == "Hoàn thành dự toán thu ngân sách" and kept.version == 2
    assert sorted(draft.groups.values_list("title", flat=True)) == ["Kinh tế", "Văn hóa – xã hội"]
    new = draft.criteria.get(code="2.2")
    assert unicodedata.is_normalized("NFC", new.text) and new.group.title == "Văn hóa – xã hội"
    entry = AuditEntry.objects.get(action="pledges.criteria.imported")
    assert entry.after["created"] == 1 and entry.before["criteria"][0][0] == "1.1"


def test_export_then_import_gives_the_same_table(draft, cluster, cast, tree):
    from thidua.clusters.tests.factories import make_cluster

    rows = queries.snapshot(draft)["criteria"]
    content = excel.write_criteria(rows, title=draft.title)
    other_cluster = make_cluster(unit=tree["city"], members=[tree["w1"]], year=2021)
    other = actions.create_pledge(
        cluster=other_cluster, title="Giao ước 2021", scale=10, by=cast["board"]
    ).versions.get()
    actions.import_criteria(
        pledge_version=other, upload=SimpleUploadedFile("x.xlsx", content), by=cast["board"]
    )

    def plain(version):
        return [
            {k: v for k, v in r.items() if k not in {"key", "object"}}
            for r in queries.snapshot(version)["criteria"]
        ]

    # Target, levels and yes/no criteria, evidence and groups all survive the trip.
    assert plain(other) == plain(draft)


def test_the_template_documents_every_column(client_for, cast):
    book = load_workbook(io.BytesIO(excel.write_criteria([])))
    assert book.sheetnames == ["Tiêu chí", "Hướng dẫn"]
    assert [c.value for c in book["Tiêu chí"][1]] == HEADERS
    guide = [r[1] for r in book["Hướng dẫn"].iter_rows(min_row=5, values_only=True)]
    assert guide == HEADERS


def test_export_writes_formula_like_text_as_text(draft, cast):
    c = draft.criteria.get(code="2.1")
    actions.update_criterion(
        criterion=c,
        version=c.version,
        by=cast["leader"],
        code="2.1",
        text='=HYPERLINK("http://x")',
        max_score="3",
        method="yes_no",
    )
    book = load_workbook(io.BytesIO(excel.write_criteria(queries.snapshot(draft)["criteria"])))
    cell = book["Tiêu chí"]["C4"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
