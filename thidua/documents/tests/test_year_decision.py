"""The decision setting up a year's clusters and blocs, as Word, PDF and Excel."""

import pytest
from django.utils import translation

from thidua.documents.engine import build_context, render
from thidua.documents.papers.clusters import YEAR_DECISION

from .conftest import DAY
from .readers import docx_document, docx_tables, docx_text, flat, pdf_text, sheet_values, workbook

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _render(fmt, year, **kwargs):
    return render(YEAR_DECISION, fmt, year=year, **kwargs)


def test_word_decision_follows_the_decree_and_says_who_is_in_the_cluster(year):
    data, filename, content_type = _render("docx", year, number="5", issued_on=DAY)
    assert (
        filename == "quyet-dinh-ve-viec-thanh-lap-cac-cum-khoi-thi-dua-nam-2020-thanh-pho-thu.docx"
    )
    assert content_type.endswith("wordprocessingml.document")
    text = docx_text(data)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ THỬ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-UBND",
        "Thành phố Thử, ngày 20 tháng 02 năm 2020",
        "QUYẾT ĐỊNH\nVề việc thành lập các Cụm, Khối thi đua năm 2020",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003",
        "QUYẾT ĐỊNH:",
        "Điều 1. Thành lập 01 Cụm thi đua năm 2020 của Thành phố Thử",
        "Cụm trưởng, Cụm phó tại Phụ lục",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Lưu: VT, TĐKT.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "Phụ lục\nDANH SÁCH CÁC CỤM, KHỐI THI ĐUA NĂM 2020",
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 20 tháng 02 năm 2020 của Ủy ban nhân dân "
        "Thành phố Thử)",
        "Tổng cộng: 01 Cụm, Khối thi đua; 03 đơn vị thành viên.",
    ):
        assert expected in text, expected
    assert "Khối trưởng, Khối phó tại Phụ lục" not in text  # the year has no bloc
    assert "{{" not in text and "{%" not in text

    annex = docx_tables(data)[-1]
    assert annex[0] == ["STT", "Đơn vị thành viên", "Nhiệm vụ"]
    assert annex[1][:2] == ["I", "Cụm thi đua số I (03 đơn vị)"]
    # Members in Vietnamese order (Cầu Giấy < Hà Đông < Thanh Xuân), with their role.
    assert annex[2:] == [
        ["1", "Quận Cầu Giấy", "Cụm trưởng"],
        ["2", "Quận Hà Đông", "Thành viên"],
        ["3", "Quận Thanh Xuân", "Cụm phó"],
    ]


def test_word_page_is_a4_with_the_decrees_margins_and_times_new_roman(year):
    document = docx_document(_render("docx", year)[0])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    assert section.different_first_page_header_footer  # no page number on page 1
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_word_font_sizes_and_styles_follow_the_decree(year):
    document = docx_document(_render("docx", year, issued_on=DAY)[0])
    runs = {
        run.text: run
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.strip()
    }
    for table in document.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    if run.text.strip():
                        runs[run.text] = run
    national = runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert national.bold and 12 <= national.font.size.pt <= 13
    motto = runs["Độc lập - Tự do - Hạnh phúc"]
    assert motto.bold and 13 <= motto.font.size.pt <= 14
    place = runs["Thành phố Thử, ngày 20 tháng 02 năm 2020"]
    assert place.italic and 13 <= place.font.size.pt <= 14
    label = runs["Nơi nhận:"]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert runs["- Như Điều 3;"].font.size.pt == 11
    assert runs["QUYẾT ĐỊNH"].bold and runs["Điều 1."].bold
    assert runs["TM. ỦY BAN NHÂN DÂN"].bold and runs["TM. ỦY BAN NHÂN DÂN"].font.size.pt == 14


def test_a_draft_leaves_the_number_and_the_day_blank(year):
    text = docx_text(_render("docx", year)[0])
    assert f"Số: {NBSP}" in text and "/QĐ-UBND" in text
    assert f"Thành phố Thử, ngày{NBSP}" in text and "năm 2020" in text


def test_clusters_come_before_blocs_each_by_number(busy_year):
    ey, _made = busy_year
    context = build_context(YEAR_DECISION, year=ey)
    titles = [group.title for group in context["annex"].groups]
    assert titles == [
        "Cụm thi đua số I (03 đơn vị)",
        "Cụm thi đua số II (03 đơn vị)",
        "Cụm thi đua số IX (03 đơn vị)",
        "Cụm thi đua số X (03 đơn vị)",
        "Khối thi đua số 2 (03 đơn vị)",
        "Khối thi đua số 10 (03 đơn vị)",
    ]
    assert [group.label for group in context["annex"].groups] == ["I", "II", "III", "IV", "V", "VI"]
    # Vietnamese letter order: a < ă < â … o < ô < ơ … y; the leader is marked.
    rows = context["annex"].groups[1].rows
    assert [row.texts[1] for row in rows] == [
        "Cơ quan Ấp cumII",
        "Cơ quan Ông cumII",
        "Cơ quan Yên cumII",
    ]
    assert [row.texts[2] for row in rows] == ["Thành viên", "Cụm trưởng", "Thành viên"]
    assert [row.texts[2] for row in context["annex"].groups[4].rows].count("Khối trưởng") == 1
    article = context["articles"][0].text
    assert "04 Cụm thi đua và 02 Khối thi đua" in article
    assert "Cụm trưởng, Cụm phó, Khối trưởng, Khối phó" in article
    assert context["annex"].total == "Tổng cộng: 06 Cụm, Khối thi đua; 18 đơn vị thành viên."


def test_the_decision_reads_a_fixed_number_of_queries_whatever_the_clusters(
    busy_year, django_assert_max_num_queries
):
    ey, _made = busy_year
    with django_assert_max_num_queries(4):
        build_context(YEAR_DECISION, year=ey)


def test_excel_annex_has_a_title_block_headers_numbers_and_widths(year):
    data, filename, content_type = _render("xlsx", year, number="12", issued_on=DAY)
    assert filename.endswith(".xlsx") and content_type.endswith("spreadsheetml.sheet")
    values = sheet_values(data)
    assert values[0][0] == "ỦY BAN NHÂN DÂN" and values[1][0] == "THÀNH PHỐ THỬ"
    column_a = [row[0] for row in values]
    assert "Phụ lục" in column_a
    assert "DANH SÁCH CÁC CỤM, KHỐI THI ĐUA NĂM 2020" in column_a
    assert (
        "(Kèm theo Quyết định số 12/QĐ-UBND ngày 20 tháng 02 năm 2020 của Ủy ban nhân dân "
        "Thành phố Thử)"
    ) in column_a
    header = column_a.index("STT")
    assert values[header][:3] == ["STT", "Đơn vị thành viên", "Nhiệm vụ"]
    assert values[header + 1][:2] == ["I", "Cụm thi đua số I (03 đơn vị)"]
    assert [row[:3] for row in values[header + 2 : header + 5]] == [
        [1, "Quận Cầu Giấy", "Cụm trưởng"],
        [2, "Quận Hà Đông", "Thành viên"],
        [3, "Quận Thanh Xuân", "Cụm phó"],
    ]
    assert "Tổng cộng: 01 Cụm, Khối thi đua; 03 đơn vị thành viên." in column_a

    sheet = workbook(data).active
    assert sheet.title == "Phụ lục"
    first = sheet.cell(row=header + 3, column=1)
    assert isinstance(first.value, int) and first.number_format == "#,##0"
    assert sheet.cell(row=header + 1, column=1).font.bold
    assert sheet.cell(row=header + 1, column=1).font.name == "Times New Roman"
    assert sheet.column_dimensions["B"].width == 52
    assert sheet.freeze_panes == f"A{header + 2}"
    assert sheet.print_title_rows.replace("$", "") == f"{header + 1}:{header + 1}"
    assert int(sheet.page_setup.paperSize) == 9  # A4


def test_pdf_decision_contains_its_key_text(year):
    data, _name, content_type = _render("pdf", year, number="5", issued_on=DAY)
    assert data.startswith(b"%PDF") and content_type == "application/pdf"
    text = pdf_text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-UBND",
        "Thành phố Thử, ngày 20 tháng 02 năm 2020",
        "Về việc thành lập các Cụm, Khối thi đua năm 2020",
        "Điều 1. Thành lập 01 Cụm thi đua năm 2020",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Quận Cầu Giấy Cụm trưởng",
        "Quận Thanh Xuân Cụm phó",
    ):
        assert flat(expected) in text, expected


def test_sample_data_is_marked_in_every_format(sample_cluster):
    year = sample_cluster.emulation_year
    mark = "(dữ liệu mẫu)"
    assert f"Cụm thi đua số V {mark}" in docx_text(_render("docx", year)[0])
    assert f"Quận Cầu Giấy {mark}" in docx_text(_render("docx", year)[0])
    assert f"Quận Hà Đông {mark}" not in docx_text(_render("docx", year)[0])
    assert f"Quận Cầu Giấy {mark}" in pdf_text(_render("pdf", year)[0])
    cells = [c for row in sheet_values(_render("xlsx", year)[0]) for c in row if c]
    assert f"Cụm thi đua số V {mark} (02 đơn vị)" in cells
    assert f"Quận Cầu Giấy {mark}" in cells


def test_papers_are_vietnamese_whatever_the_users_language(year):
    with translation.override("en"):
        text = docx_text(_render("docx", year)[0])
        assert translation.get_language() == "en"
    assert "QUYẾT ĐỊNH" in text and "DECISION" not in text


def test_a_year_without_clusters_still_makes_a_decision(tree, cast):
    from thidua.clusters.actions import create_emulation_year

    ey = create_emulation_year(unit=tree["city"], year=2022, theme="", by=None)
    text = docx_text(_render("docx", ey)[0])
    assert "Thành lập các Cụm, Khối thi đua năm 2022 của Thành phố Thử" in text
    assert "Tổng cộng: 00 Cụm, Khối thi đua; 00 đơn vị thành viên." in text


def test_names_with_markup_characters_are_written_as_text(tree, year):
    from thidua.organizations.models import Unit

    Unit.objects.filter(pk=tree["d3"].pk).update(name="Hội A & B <Hà Đông>")
    data = _render("docx", year)[0]
    assert "Hội A & B <Hà Đông>" in docx_text(data)
    assert "Hội A & B <Hà Đông>" in pdf_text(_render("pdf", year)[0])
    assert [2, "Hội A & B <Hà Đông>", "Thành viên"] in [
        row[:3] for row in sheet_values(_render("xlsx", year)[0])
    ]
