"""The papers of a round, opened the way a reader's software would: the score sheet (Excel, PDF)
and the minutes of the discrepancies (Word, PDF).

The round: d1 Cầu Giấy self-scores 10 (4 + 3 + 3), d2 Thanh Xuân 8,5 (4 + 2 + 3, one late
report −0,5), d3 Hà Đông 6 (4 + 2 + 0); Thanh Xuân cross-scores Hà Đông's 1.2 "Trung bình" (1)
with a reason, the leader validates 1; closed on 16/12/2020, published on 18/12/2020.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.documents.engine import render
from thidua.documents.tests.readers import docx_tables, docx_text, flat, pdf_text, sheet_values
from thidua.scoring import actions
from thidua.scoring.papers import DISCREPANCY_MINUTES, SCORE_SHEET
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db

CROSS_REASON = "Chưa có báo cáo đánh giá của Sở Tài chính"
VALIDATION_REASON = "Cụm họp ngày 16/12/2020 thống nhất mức Trung bình"
PENALTY = "Chậm gửi báo cáo (mỗi lần)"


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def reviewed(scored, tree, cast):
    late = sf.line(scored, tree["d2"], rule_text="Chậm gửi")
    actions.save_self_score(
        line=late, version=late.version, value=1, by=cast["officer"], today=sf.DURING
    )
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=None)
    line = sf.line(scored, tree["d3"], "1.2")
    actions.save_cross_score(
        line=line,
        scorer=tree["d2"],
        version=0,
        choice="Trung bình",
        reason=CROSS_REASON,
        by=cast["officer"],
    )
    actions.close_round(scoring_round=scored, by=None, now=_at(datetime.date(2020, 12, 16)))
    scored.refresh_from_db()
    return scored, line


def _validate(scoring_round, tree, cast):
    line = sf.line(scoring_round, tree["d3"], "1.2")
    actions.validate_score(
        line=line, version=line.version, points="1", reason=VALIDATION_REASON, by=cast["leader"]
    )


@pytest.fixture
def published(reviewed, tree, cast):
    scoring_round, _line = reviewed
    _validate(scoring_round, tree, cast)
    actions.publish_round(
        scoring_round=scoring_round, by=None, now=_at(datetime.date(2020, 12, 18))
    )
    scoring_round.refresh_from_db()
    return scoring_round


def _row(values, label):
    found = [row for row in values if row[1] == label]
    assert len(found) == 1, (label, found)
    return found[0]


def test_the_excel_score_sheet_has_every_score_in_rank_order(published):
    data, filename, _type = render(SCORE_SHEET, "xlsx", scoring_round=published)
    assert filename.endswith(".xlsx") and "bang-tong-hop-diem" in filename
    values = sheet_values(data)
    texts = [str(cell) for row in values for cell in row if cell is not None]
    assert any("BẢNG TỔNG HỢP ĐIỂM THI ĐUA CỤM THI ĐUA SỐ I NĂM 2020" in t for t in texts)
    header = next(row for row in values if row[0] == "STT")
    assert header[:6] == ["STT", "Tiêu chí", "Điểm tối đa", "Cầu Giấy", "Thanh Xuân", "Hà Đông"]
    # Criteria rows (code, text, maximum, then each unit): numbers in Excel, the validated 1 for
    # Hà Đông's 1.2.
    by_code = {row[0]: row for row in values if row[0] in ("1.1", "1.2", "2.1")}
    assert by_code["1.1"][1:6] == ["Hoàn thành chỉ tiêu thu ngân sách được giao", 4, 4, 4, 4]
    assert by_code["1.2"][2:6] == [3, 3, 2, 1]
    assert by_code["2.1"][2:6] == [3, 3, 3, 0]
    assert _row(values, "Chậm gửi báo cáo (mỗi lần)")[:6] == ["−", PENALTY, 0.5, 0, 0.5, 0]
    assert _row(values, "Điểm các tiêu chí")[3:6] == [10, 9, 5]
    assert _row(values, "Điểm trừ (sau khi áp mức tối đa)")[3:6] == [0, 0.5, 0]
    assert _row(values, "Tổng điểm")[3:6] == [10, 8.5, 5]
    assert _row(values, "Tổng điểm tự chấm")[3:6] == [10, 8.5, 6]
    assert _row(values, "Xếp hạng")[3:6] == [1, 2, 3]
    assert _row(values, "Xếp loại")[3:6] == ["Xuất sắc", "Tốt", "—"]


def test_the_pdf_score_sheet_says_the_same(published):
    text = pdf_text(render(SCORE_SHEET, "pdf", scoring_round=published)[0])
    for expected in (
        "BẢNG TỔNG HỢP ĐIỂM",
        "ngày 18 tháng 12 năm 2020",
        "Kết quả chấm điểm thi đua năm 2020 của Cụm thi đua số I (đã công bố)",
        "Cầu Giấy",
        "Hà Đông",
        "Xuất sắc",
        "8,5",
        "ĐƠN VỊ CỤM TRƯỞNG",
    ):
        assert expected in text, expected


def test_an_unpublished_sheet_says_it_is_provisional(reviewed):
    scoring_round, _line = reviewed
    text = pdf_text(render(SCORE_SHEET, "pdf", scoring_round=scoring_round)[0])
    assert "tạm tính, chưa công bố" in text and "ngày 16 tháng 12 năm 2020" in text


def test_the_word_minutes_list_the_difference_and_how_it_was_settled(published):
    data, filename, _type = render(DISCREPANCY_MINUTES, "docx", scoring_round=published)
    assert filename.endswith(".docx") and filename.startswith("bien-ban-cham-cheo")
    text = flat(docx_text(data))
    for expected in (
        "BIÊN BẢN",
        "ngày 18 tháng 12 năm 2020",
        "Số chênh lệch: 01; đã thống nhất điểm thẩm định: 01.",
        "CÁC CHÊNH LỆCH VÀ ĐIỂM THẨM ĐỊNH",
        "TM. CỤM THI ĐUA",
    ):
        assert expected in text, expected
    table = next(t for t in docx_tables(data) if t[0][0] == "STT")
    assert table[0] == [
        "STT",
        "Đơn vị",
        "Tiêu chí",
        "Điểm tự chấm",
        "Điểm chấm chéo",
        "Điểm thẩm định",
        "Lý do",
    ]
    (row,) = table[1:]
    assert row[0] == "1" and row[1] == "Quận Hà Đông" and row[2].startswith("1.2. ")
    assert row[3] == "2" and row[5] == "1" and row[6] == VALIDATION_REASON
    assert row[4] == f"Thanh Xuân: 1 ({CROSS_REASON})"


def test_pending_differences_read_as_pending(reviewed):
    scoring_round, _line = reviewed
    data = render(DISCREPANCY_MINUTES, "docx", scoring_round=scoring_round)[0]
    text = flat(docx_text(data))
    assert "Số chênh lệch: 01; đã thống nhất điểm thẩm định: 00." in text
    assert "ngày 16 tháng 12 năm 2020" in text
    row = next(t for t in docx_tables(data) if t[0][0] == "STT")[1]
    assert row[5] == "chưa xử lý" and row[6] == ""


def test_the_pdf_minutes_carry_the_reasons(published):
    text = pdf_text(render(DISCREPANCY_MINUTES, "pdf", scoring_round=published)[0])
    for expected in ("BIÊN BẢN", "Quận Hà Đông", CROSS_REASON, VALIDATION_REASON, "ngày 18"):
        assert flat(expected) in text, expected


def test_the_downloads_are_these_papers(published, cast, client_for):
    client = client_for(cast["leader"])
    sheet = client.get(reverse("scoring:score_sheet", args=[published.pk, "xlsx"]))
    assert sheet.status_code == 200 and "attachment" in sheet["Content-Disposition"]
    assert _row(sheet_values(sheet.content), "Tổng điểm")[3:6] == [10, 8.5, 5]
    minutes = client.get(reverse("scoring:discrepancy_minutes", args=[published.pk, "docx"]))
    assert minutes.status_code == 200 and VALIDATION_REASON in docx_text(minutes.content)
