"""The three papers of a proposal (tờ trình with its list, báo cáo thành tích Mẫu 05, draft decision
with its annex), opened as a reader's software would and checked for their content."""

import datetime
import io

import pytest
from fontTools.ttLib import TTFont

from thidua.awards import actions
from thidua.awards.papers import decision_context
from thidua.documents import fonts
from thidua.documents.engine import get_paper, render
from thidua.documents.tests.readers import (
    docx_tables,
    docx_text,
    flat,
    font_family_of,
    pdf_fonts,
    pdf_text,
    sheet_values,
)
from thidua.organizations.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def proposal(tree, types, decide):
    """Thanh Xuân proposes Nguyễn Thị Hường (LĐTT, already LĐTT in 2024) and its Phòng Nội vụ
    (a collective, Giấy khen) to the city."""
    person = PersonFactory(
        unit=tree["d2"],
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Hường",
        sex="nu",
        birth_date=datetime.date(1985, 3, 12),
        position="Chuyên viên",
    )
    actions.record_rating(subject=person, year=2024, rating="htxsnv", by=None)
    actions.record_rating(subject=person, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="active_in_movements", by=None)
    actions.record_initiative(
        subject=person, title="Sổ tay số hóa hồ sơ", scope="co_so", recognised_year=2024, by=None
    )
    decide(person, "lao_dong_tien_tien", 2024, number="77/QĐ-UBND")
    proposal = actions.create_proposal(
        proposer=tree["d2"], year=YEAR, number="15/TTr-UBND", by=None
    )
    actions.add_item(
        proposal=proposal,
        subject=person,
        award_type=types["lao_dong_tien_tien"],
        achievements="Hoàn thành tốt nhiệm vụ cải cách hành chính.\nTích cực tham gia phong trào.",
        by=None,
    )
    office = UnitFactory(parent=tree["d2"], short_name="Phòng Nội vụ", name="Phòng Nội vụ quận")
    actions.add_item(proposal=proposal, subject=office, award_type=types["giay_khen"], by=None)
    proposal.refresh_from_db()
    return proposal


def test_the_three_papers_are_registered():
    assert get_paper("awards.proposal_submission").formats == ("docx", "pdf", "xlsx")
    assert get_paper("awards.achievement_report").formats == ("docx", "pdf")
    assert get_paper("awards.proposal_decision_draft").formats == ("docx", "pdf", "xlsx")


def test_the_request_letter_names_the_board_the_counts_and_lists_the_recipients(proposal):
    data, filename, content_type = render("awards.proposal_submission", "docx", proposal=proposal)
    assert filename.endswith(".docx") and content_type.endswith("document")
    text = flat(docx_text(data))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUẬN THANH XUÂN",
        "Số: 15/TTr-UBND",
        "TỜ TRÌNH",
        "Đề nghị khen thưởng thành tích năm 2025",
        "Kính gửi: Ủy ban nhân dân Thành phố Thử.",
        "khen thưởng cho 01 tập thể và 01 cá nhân, cụ thể như sau:",
        "- Lao động tiên tiến: 01 cá nhân;",
        "Nơi nhận:",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG THÀNH TÍCH NĂM 2025",
        "(Kèm theo Tờ trình số 15/TTr-UBND",
    ):
        assert expected in text, expected
    rows = docx_tables(data)[-1]
    flat_rows = [" | ".join(cells) for cells in rows]
    assert any(
        "Bà Nguyễn Thị Hường" in r and "Chuyên viên, Quận Thanh Xuân" in r for r in flat_rows
    )
    assert any("Phòng Nội vụ quận" in r for r in flat_rows)
    assert any("Đủ tiêu chuẩn" in r for r in flat_rows)


def test_the_request_letter_as_excel_holds_the_list(proposal):
    data, _name, _type = render("awards.proposal_submission", "xlsx", proposal=proposal)
    values = [" ".join(str(v) for v in row if v is not None) for row in sheet_values(data)]
    joined = "\n".join(values)
    assert "Bà Nguyễn Thị Hường" in joined and "Phòng Nội vụ quận" in joined
    assert "Lao động tiên tiến" in joined and "Giấy khen" in joined


def test_the_achievement_report_follows_form_05_from_the_registry(proposal):
    item = proposal.items.get(person__isnull=False)
    data, _filename, _type = render(
        "awards.achievement_report", "docx", item=item, on=datetime.date(2026, 1, 5)
    )
    text = flat(docx_text(data))
    for expected in (
        "Thanh Xuân, ngày 05 tháng 01 năm 2026",
        "Mẫu số 05 (Nghị định số 152/2025/NĐ-CP)",
        "BÁO CÁO THÀNH TÍCH",
        "Đề nghị tặng Lao động tiên tiến (thành tích năm 2025)",
        "I. SƠ LƯỢC LÝ LỊCH",
        "- Họ và tên: Nguyễn Thị Hường; giới tính: Nữ.",
        "- Ngày, tháng, năm sinh: 12/03/1985.",
        "- Chức vụ, đơn vị công tác: Chuyên viên, Quận Thanh Xuân.",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "Hoàn thành tốt nhiệm vụ cải cách hành chính.",
        "- Năm 2024: Hoàn thành xuất sắc nhiệm vụ.",
        "- Năm 2025: Hoàn thành tốt nhiệm vụ.",
        "“Sổ tay số hóa hồ sơ”",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ):
        assert expected in text, expected
    rows = [" | ".join(r) for r in docx_tables(data)[-2]]
    assert any("2024" in r and "77/QĐ-UBND" in r and "Lao động tiên tiến" in r for r in rows)


def test_the_report_of_a_collective_speaks_of_the_unit(proposal):
    item = proposal.items.get(unit__isnull=False)
    text = flat(docx_text(render("awards.achievement_report", "docx", item=item)[0]))
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text
    assert "- Tên đơn vị: Phòng Nội vụ quận." in text
    assert "- Cơ quan cấp trên trực tiếp: Quận Thanh Xuân." in text
    assert "Đề nghị tặng Giấy khen" in text


def test_the_draft_decision_is_of_the_receiving_authority_with_its_annex(proposal):
    data, _name, _type = render("awards.proposal_decision_draft", "docx", proposal=proposal)
    text = flat(docx_text(data))
    for expected in (
        "THÀNH PHỐ THỬ | CỘNG HÒA",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng thành tích năm 2025",
        "Xét đề nghị của Ủy ban nhân dân Quận Thanh Xuân tại Tờ trình số 15/TTr-UBND",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Lao động tiên tiến; Giấy khen cho 01 tập thể và 01 cá nhân",
        "Điều 3.",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
    ):
        assert expected in text, expected
    annex = [" | ".join(r) for r in docx_tables(data)[-1]]
    assert any(r.startswith("I | Lao động tiên tiến") for r in annex)
    assert any("Bà Nguyễn Thị Hường" in r for r in annex)
    assert any("Phòng Nội vụ quận" in r for r in annex)


def test_an_approved_proposal_prints_its_decision_number(proposal, tree):
    from thidua.awards.models import Decision, ProposalStatus

    decision = Decision.objects.create(
        recorded_in=tree["city"],
        number="999/QĐ-UBND",
        signed_on=datetime.date(2026, 1, 20),
        issuer_name="UBND Thành phố Thử",
        signer_name="Nguyễn Văn Ký",
    )
    proposal.status, proposal.decision = ProposalStatus.APPROVED, decision
    context = decision_context(proposal=proposal)
    assert context["letterhead"].number == "Số: 999/QĐ-UBND"
    assert context["signature"].name == "Nguyễn Văn Ký"
    assert "ngày 20 tháng 01 năm 2026" in context["letterhead"].place_date


def test_the_pdfs_embed_a_vietnamese_complete_font_and_say_what_the_word_file_says(proposal):
    item = proposal.items.get(person__isnull=False)
    for code, kwargs, key_text in (
        ("awards.proposal_submission", {"proposal": proposal}, "Kính gửi: Ủy ban nhân dân"),
        ("awards.achievement_report", {"item": item}, "Đề nghị tặng Lao động tiên tiến"),
        ("awards.proposal_decision_draft", {"proposal": proposal}, "Về việc khen thưởng"),
    ):
        data, _name, content_type = render(code, "pdf", **kwargs)
        assert content_type == "application/pdf"
        assert key_text in flat(pdf_text(data))
        used = pdf_fonts(data)
        assert used
        for font in used:
            assert font["embedded"]
            assert font_family_of(font["name"]) in {"Tinos", "TimesNewRoman", "LiberationSerif"}
        program = TTFont(io.BytesIO(used[0]["program"]))
        assert "glyf" in program
    assert fonts.missing_letters(fonts.font_file()) == ""
