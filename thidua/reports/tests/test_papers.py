"""The year report in Word, PDF and Excel: the same figures and the same charts as the page."""

import datetime
import io
import zipfile

import pytest

from thidua.documents import fonts
from thidua.documents.charts import ChartSpec, Series, layout, to_chartjs, to_png, to_svg
from thidua.documents.engine import render
from thidua.documents.tests.readers import (
    docx_document,
    docx_text,
    flat,
    font_family_of,
    pdf_fonts,
    pdf_text,
    sheet_values,
    system_font_for,
)
from thidua.reports.papers import YEAR_REPORT
from thidua.reports.queries import unit_scope

pytestmark = pytest.mark.django_db
ON = datetime.date(2025, 2, 10)


def test_one_chart_definition_gives_the_same_chart_three_ways():
    spec = ChartSpec(
        key="k",
        title="Khen thưởng theo cấp",
        labels=("Cấp Nhà nước", "Cấp cơ sở"),
        series=(Series("Cá nhân", (0, 2)), Series("Tập thể", (1, 0))),
        stacked=True,
    )
    config = to_chartjs(spec)
    assert config["data"]["labels"] == ["Cấp Nhà nước", "Cấp cơ sở"]
    assert [d["data"] for d in config["data"]["datasets"]] == [[0.0, 2.0], [1.0, 0.0]]
    colours = [d["backgroundColor"] for d in config["data"]["datasets"]]
    svg = to_svg(spec)
    assert "Cấp Nhà nước" in svg and all(c in svg for c in colours)
    bars = [s for s in layout(spec).shapes if type(s).__name__ == "Rect" and s.w > 10]
    assert len(bars) == 2  # one bar per non-zero value (the legend's squares are 10 wide)
    png = to_png(spec)
    assert png.startswith(b"\x89PNG")
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    used = {
        "#{:02x}{:02x}{:02x}".format(*image.getpixel((x, y)))
        for x in range(0, image.width, 7)
        for y in range(0, image.height, 7)
    }
    assert set(colours) <= used


def test_word_report_has_the_figures_and_the_charts_as_images(tree, awards):
    data, filename, _type = render(YEAR_REPORT, "docx", scope=unit_scope(tree["city"], 2024), on=ON)
    assert filename == "bao-cao-so-lieu-thi-dua-khen-thuong-nam-2024-cua-thanh-pho-thu.docx"
    text = flat(docx_text(data))
    for expected in (
        "Số: /BC-UBND",
        "Thành phố Thử, ngày 10 tháng 02 năm 2025",
        "Số liệu thi đua, khen thưởng năm 2024 của Thành phố Thử",
        "Huân chương Lao động hạng Ba | 0 | 1 | 1",
        "Cờ thi đua của Ủy ban nhân dân Thành phố | 0 | 2 | 2",
        "Cấp Nhà nước | 0 | 1",
        "Cá nhân được khen thưởng: 1 nữ, 1 nam, 0 chưa ghi giới tính; tập thể được khen thưởng: 3.",
        "2023 | 0 | 1 | 1",
        "Mức lương cơ sở áp dụng: 2.340.000 đồng từ ngày 01/07/2024 (Nghị định 73/2024/NĐ-CP).",
        "Huân chương Lao động hạng Ba | Tập thể | 1 | 21.060.000",
        "Tổng tiền thưởng: 61.542.000 đồng.",
        "VII. BIỂU ĐỒ",
    ):
        assert expected in text, expected
    document = docx_document(data)
    assert len(document.inline_shapes) == 4  # by level, by title and form, by year, by sex
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert sum(n.endswith(".png") for n in package.namelist()) == 4


def test_pdf_report_embeds_a_vietnamese_font_and_draws_the_charts(tree, awards):
    data = render(YEAR_REPORT, "pdf", scope=unit_scope(tree["city"], 2024), on=ON)[0]
    text = pdf_text(data)
    for expected in (
        "BÁO CÁO",
        "Huân chương Lao động hạng Ba",
        "Tổng tiền thưởng: 61.542.000 đồng.",
        "Khen thưởng năm 2024 theo cấp",  # a chart's title, drawn as SVG text
        "Khen thưởng từ năm 2020 đến năm 2024",
    ):
        assert flat(expected) in text, expected
    embedded = [f for f in pdf_fonts(data) if f["embedded"]]
    assert embedded
    family = font_family_of(embedded[0]["name"])
    path = system_font_for(family)
    assert path is not None and fonts.missing_letters(path) == ""


def test_excel_report_lists_the_awards(tree, awards):
    data = render(YEAR_REPORT, "xlsx", scope=unit_scope(tree["city"], 2024), on=ON)[0]
    rows = sheet_values(data)
    assert [1, "Lao động tiên tiến", 1, 0, 1] in rows
    assert [4, "Huân chương Lao động hạng Ba", 0, 1, 1] in rows
