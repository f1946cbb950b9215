"""Import of award history and ratings from Excel: legacy encodings, all or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.awards import actions
from thidua.awards.excel import AWARDS_SHEET, COLUMNS, RATINGS_SHEET
from thidua.awards.models import Decision, DecisionRecipient, ImportUpload, YearlyRating
from thidua.core.legacy_encodings import TCVN3_DECODE
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TCVN3_ENCODE = {letter: code for code, letter in TCVN3_DECODE.items()}


def tcvn3(text: str) -> str:
    """Vietnamese text as a .VnTime spreadsheet stores it (lower-case tones, ASCII capitals)."""
    return "".join(TCVN3_ENCODE.get(char, char) for char in text)


def workbook(*, ratings=(), awards=(), headers=None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in ((RATINGS_SHEET, ratings), (AWARDS_SHEET, awards)):
        sheet = book.create_sheet(name)
        sheet.append(headers or [c.header for c in COLUMNS[name]])
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, content: bytes):
    return client.post(
        reverse("awards:import_upload"),
        {"file": SimpleUploadedFile("lich-su.xlsx", content)},
    )


def _counts():
    return (
        YearlyRating.objects.count(),
        Decision.objects.count(),
        DecisionRecipient.objects.count(),
    )


@pytest.fixture
def huong(person):
    return person  # Nguyễn Thị Hường, born 12/03/1985, of Thanh Xuân (d2)


def test_the_template_has_vietnamese_headers(cast, client_for):
    response = client_for(cast["officer"]).get(reverse("awards:import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book[RATINGS_SHEET][1]] == [
        "Đơn vị",
        "Họ và tên",
        "Ngày sinh",
        "Năm",
        "Xếp loại",
    ]
    assert book[AWARDS_SHEET]["E1"].value == "Danh hiệu, hình thức khen thưởng"
    assert "Hướng dẫn" in book.sheetnames


def test_a_tcvn3_file_is_converted_shown_and_imported(cast, huong, tree, client_for):
    assert tcvn3("Nguyễn Thị Hường") == "NguyÔn ThÞ H\u00adêng"  # "ư" is U+00AD in TCVN3
    content = workbook(
        ratings=[
            [
                tcvn3("Thanh Xuân"),
                tcvn3("Nguyễn Thị Hường"),
                "12/03/1985",
                2024,
                tcvn3("Hoàn thành xuất sắc nhiệm vụ"),
            ],
        ],
        awards=[
            [
                tcvn3("Thanh Xuân"),
                tcvn3("Nguyễn Thị Hường"),
                datetime.datetime(1985, 3, 12),
                2024,
                tcvn3("Chiến sĩ thi đua cơ sở"),
                "12/QĐ-UBND",
                "20/01/2025",
                tcvn3("UBND quận Thanh Xuân"),
                tcvn3("Lê Văn Dũng"),
                tcvn3("Chủ tịch"),
                None,
            ]
        ],
    )
    client = client_for(cast["officer"])
    response = _upload(client, content)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert 'id="errors"' not in html
    assert "Nguyễn Thị Hường" in html and "Chiến sĩ thi đua cơ sở" in html
    assert "NguyÔn ThÞ H\u00adêng" in html  # what the cell held, shown beside the conversion
    assert "TCVN3" in html and "B2" in html
    assert _counts() == (0, 0, 0)  # nothing written before the confirmation
    assert client.post(response["Location"]).status_code == 302
    assert YearlyRating.objects.get(person=huong).rating == "htxsnv"


def test_the_officer_imports_only_their_own_people_and_the_board_the_unit(
    cast, huong, tree, client_for
):
    content = workbook(ratings=[["Thanh Xuân", None, None, 2024, "HTTNV"]])
    officer = client_for(cast["officer"])
    preview = officer.get(_upload(officer, content)["Location"])
    assert "Bạn không có quyền ghi lịch sử của Quận Thanh Xuân" in preview.content.decode()
    board = client_for(cast["board"])
    location = _upload(board, content)["Location"]
    assert board.post(location).status_code == 302
    assert YearlyRating.objects.get(unit=tree["d2"]).rating == "httnv"


def test_a_tcvn3_import_commits_correct_vietnamese(cast, huong, tree, client_for):
    content = workbook(
        awards=[
            [
                tcvn3("Thanh Xuân"),
                tcvn3("Nguyễn Thị Hường"),
                "12/03/1985",
                2024,
                tcvn3("Lao động tiên tiến"),
                "12/QĐ-UBND",
                "20/01/2025",
                tcvn3("UBND quận Thanh Xuân"),
                tcvn3("Lê Văn Dũng"),
                tcvn3("Chủ tịch UBND quận"),
                tcvn3("Thường xuyên"),
            ]
        ],
        ratings=[[tcvn3("Thanh Xuân"), tcvn3("Nguyễn Thị Hường"), "12/03/1985", 2024, "httnv"]],
    )
    client = client_for(cast["officer"])
    location = _upload(client, content)["Location"]
    response = client.post(location)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.issuer_name == "UBND quận Thanh Xuân"
    assert decision.signer_position == "Chủ tịch UBND quận"
    assert decision.recorded_in == tree["d2"]
    recipient = DecisionRecipient.objects.get()
    assert (recipient.person, recipient.award_type.code, recipient.year) == (
        huong,
        "lao_dong_tien_tien",
        2024,
    )
    assert YearlyRating.objects.get(person=huong).rating == "httnv"
    staged = ImportUpload.objects.get()
    assert staged.status == "committed" and staged.result["converted_cells"] >= 5
    # The same file again: everything is already there, nothing new.
    again = client.get(_upload(client, content)["Location"]).content.decode()
    assert "2 dòng đã có trong hệ thống" in again


def test_a_file_with_bad_rows_changes_nothing_and_names_every_bad_row_and_column(
    cast, huong, tree, client_for
):
    other = PersonFactory(unit=tree["d2"], family_name="Trần", middle_name="Văn", given_name="Bình")
    content = workbook(
        ratings=[
            ["Thanh Xuân", "Nguyễn Thị Hường", "12/03/1985", 2024, "HTXSNV"],  # good
            ["Thanh Xuân", "Nguyễn Thị Hường", "12/03/1985", 2023, "giỏi"],  # row 3: E
            ["Quận Không Có", "Trần Văn Bình", None, 2024, "HTTNV"],  # row 4: A
            ["Thanh Xuân", "Lê Văn Mới", "01/01/1990", 2024, "HTTNV"],  # row 5: B
            ["Thanh Xuân", "Trần Văn Bình", None, "năm ngoái", "HTTNV"],  # row 6: D
            ["Thanh Xuân", "Nguyễn Thị Hường", "12/03/1985", 2024, "HTTNV"],  # row 7: twice
        ],
        awards=[
            [
                "Thanh Xuân",
                "Trần Văn Bình",
                None,
                2024,
                "Bằng khen",
                "12/QĐ",
                "20/01/2025",
                "UBND",
                None,
                None,
                None,
            ],  # E
            [
                "Thanh Xuân",
                "Trần Văn Bình",
                None,
                2024,
                "giay_khen",
                "số mười",
                "20/01/2025",
                "UBND",
                None,
                None,
                None,
            ],  # F
            [
                "Thanh Xuân",
                "Trần Văn Bình",
                None,
                2024,
                "giay_khen",
                "3/QĐ-UBND",
                "32/01/2025",
                "UBND",
                None,
                None,
                None,
            ],  # G
            [
                "Thanh Xuân",
                "Trần Văn Bình",
                None,
                2024,
                "Tập thể lao động xuất sắc",
                "3/QĐ-UBND",
                "20/01/2025",
                "UBND",
                None,
                None,
                None,
            ],  # E
        ],
    )
    before = (*_counts(), AuditEntry.objects.filter(action="awards.import.committed").count())
    client = client_for(cast["officer"])
    location = _upload(client, content)["Location"]
    response = client.post(location)
    assert response.status_code == 400
    html = response.content.decode()
    expected = [
        ("Xếp loại", 3, "E"),
        ("Xếp loại", 4, "A"),
        ("Xếp loại", 5, "B"),
        ("Xếp loại", 6, "D"),
        ("Xếp loại", 7, "E"),
        ("Khen thưởng", 2, "E"),
        ("Khen thưởng", 3, "F"),
        ("Khen thưởng", 4, "G"),
        ("Khen thưởng", 5, "E"),
    ]
    for sheet, row, column in expected:
        assert f"Trang tính “{sheet}”, dòng {row}, cột {column}" in html, (sheet, row, column)
    assert "Xếp loại”, dòng 2," not in html
    assert html.count("Trang tính “") >= len(expected)
    assert "không tự tạo cá nhân" in html  # unknown people are errors, never created
    assert "không xét tặng cho cá nhân" in html
    assert (
        *_counts(),
        AuditEntry.objects.filter(action="awards.import.committed").count(),
    ) == before
    assert ImportUpload.objects.get().status == "staged"
    assert other.pk  # the file's people stay as they were


def test_a_workbook_with_wrong_headers_is_refused_whole(cast, huong, client_for):
    content = workbook(ratings=[["Thanh Xuân", "x", None, 2024, "HTTNV"]], headers=["A", "B"])
    client = client_for(cast["officer"])
    html = client.get(_upload(client, content)["Location"]).content.decode()
    assert "dòng 1 phải là tiêu đề cột theo mẫu" in html
    assert "Xác nhận nhập dữ liệu" not in html


def test_an_existing_different_rating_is_an_error_not_an_overwrite(cast, huong, client_for):
    actions.record_rating(subject=huong, year=2024, rating="htnv", by=None)
    content = workbook(ratings=[["Thanh Xuân", "Nguyễn Thị Hường", "12/03/1985", 2024, "HTTNV"]])
    client = client_for(cast["officer"])
    location = _upload(client, content)["Location"]
    assert client.post(location).status_code == 400
    assert YearlyRating.objects.get().rating == "htnv"


def test_another_users_import_is_not_found(cast, huong, client_for):
    staged = actions.stage_import(
        upload=SimpleUploadedFile("x.xlsx", workbook()), by=cast["officer"]
    )
    url = reverse("awards:import_preview", args=[staged.token])
    assert client_for(cast["board"]).post(url).status_code == 404
    assert ImportUpload.objects.get().status == "staged"
