"""The signed pledge as a paper, opened the way a reader's software would (Word, PDF).

The pledge of the test cluster: scale 10, criteria 1.1 (4,5 points), 1.2 (2,5) and 2.1 (3); the
three members d1, d2, d3 sign on 20/02/2020 (or only d1, for a version not fully signed).
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from fontTools.ttLib import TTFont

from thidua.documents import fonts
from thidua.documents.engine import render
from thidua.documents.layout import short_parent_name
from thidua.documents.tests.readers import (
    docx_tables,
    docx_text,
    flat,
    font_family_of,
    pdf_fonts,
    pdf_text,
    system_font_for,
)
from thidua.pledges import actions
from thidua.pledges.models import Criterion
from thidua.pledges.papers import SIGNED_PLEDGE

pytestmark = pytest.mark.django_db

DAY = datetime.date(2020, 2, 20)


@pytest.fixture
def halves(draft):
    Criterion.objects.filter(pledge_version=draft, code="1.1").update(max_score="4.5")
    Criterion.objects.filter(pledge_version=draft, code="1.2").update(max_score="2.5")
    actions.add_rule(
        pledge_version=draft, kind="penalty", text="Chậm gửi báo cáo", points="0.5", by=None
    )
    return draft


@pytest.fixture
def signed(halves, cast, signers):
    version = actions.open_for_signing(pledge_version=halves, by=cast["leader"])
    for user, unit in signers:
        actions.sign_pledge(pledge_version=version, unit=unit, by=user, signed_on=DAY)
    version.refresh_from_db()
    assert version.is_locked
    return version


@pytest.fixture
def half_signed(halves, cast, signers):
    version = actions.open_for_signing(pledge_version=halves, by=cast["leader"])
    user, unit = signers[0]
    actions.sign_pledge(pledge_version=version, unit=unit, by=user, signed_on=DAY)
    version.refresh_from_db()
    return version


def _signature_cells(data: bytes) -> list[str]:
    """Every cell of the signature block (the last table), as one text each."""
    table = docx_tables(data)[-1]
    return [flat(cell) for row in table for cell in row]


def _unit_at(cells: list[str], unit) -> int:
    """Where the unit's cell (its name, then its role) is; its signature is three cells on."""
    found = [i for i, cell in enumerate(cells) if cell.startswith(short_parent_name(unit) + " ")]
    assert len(found) == 1, (unit, cells)
    return found[0]


def test_the_word_pledge_has_its_title_criteria_and_every_signature(signed, signers):
    data, filename, _type = render(SIGNED_PLEDGE, "docx", pledge_version=signed)
    assert filename.startswith("giao-uoc-") and filename.endswith("-2020-v1.docx")
    text = flat(docx_text(data))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "GIAO ƯỚC THI ĐUA NĂM 2020",
        signed.pledge.cluster.name.upper(),
        "ngày 20 tháng 02 năm 2020",
        "NHIỆM VỤ TRỌNG TÂM",
        "Hoàn thành thắng lợi các chỉ tiêu kinh tế - xã hội",
        "Tổng điểm tối đa của các tiêu chí: 10 điểm (thang điểm 10).",
        "- Trừ 0,5 điểm mỗi lần: Chậm gửi báo cáo;",
        "ĐẠI DIỆN CÁC ĐƠN VỊ THÀNH VIÊN KÝ TÊN",
    ):
        assert expected in text, expected
    assert "CHƯA ĐỦ CHỮ KÝ" not in text and "Chưa ký" not in text
    criteria = next(t for t in docx_tables(data) if t[0][0] == "STT")
    assert criteria[0] == ["STT", "Nội dung, tiêu chí", "Điểm tối đa"]
    rows = {row[0]: row for row in criteria[1:]}
    assert rows["1"][1].startswith("Kinh tế (7 điểm)")
    assert rows["1.1"][1] == (
        "Hoàn thành chỉ tiêu thu ngân sách được giao (chỉ tiêu: 100 %; dưới 80 %: 0 điểm)"
    )
    assert rows["1.1"][2] == "4,5" and rows["1.2"][2] == "2,5" and rows["2.1"][2] == "3"
    cells = _signature_cells(data)
    for user, unit in signers:
        # The unit's cell, then (a row below, three cells on) its signature.
        assert cells[_unit_at(cells, unit) + 3].startswith(f"Đã ký ngày 20/02/2020 {user} ")
    leader = signers[0][1]
    assert cells[0] == f"{short_parent_name(leader)} Cụm trưởng"


def test_a_version_not_fully_signed_says_so_and_marks_who_has_not_signed(half_signed, signers):
    data = render(SIGNED_PLEDGE, "docx", pledge_version=half_signed)[0]
    text = flat(docx_text(data))
    assert "CHƯA ĐỦ CHỮ KÝ — 01/03 đơn vị thành viên đã ký" in text
    # No date of signing yet: the place-and-date line keeps its blanks.
    assert "ngày 20 tháng 02 năm 2020" not in text and "năm 2020" in text
    cells = _signature_cells(data)
    first, *others = signers
    assert cells[_unit_at(cells, first[1]) + 3].startswith("Đã ký ngày 20/02/2020 ")
    for _user, unit in others:
        assert cells[_unit_at(cells, unit) + 3] == "Chưa ký"


def test_the_pdf_embeds_a_vietnamese_font_and_says_the_same(signed, signers):
    data = render(SIGNED_PLEDGE, "pdf", pledge_version=signed)[0]
    used = pdf_fonts(data)
    assert used
    for font in used:
        assert font["embedded"], font["name"]
        system = system_font_for(font_family_of(font["name"]))
        assert system is not None and fonts.missing_letters(system) == "", font["name"]
        assert TTFont(io.BytesIO(font["program"]))["maxp"].numGlyphs > 0
    text = pdf_text(data)
    for expected in (
        "GIAO ƯỚC THI ĐUA NĂM 2020",
        "ngày 20 tháng 02 năm 2020",
        "NỘI DUNG, TIÊU CHÍ VÀ THANG ĐIỂM",
        "Hoàn thành chỉ tiêu thu ngân sách được giao",
        "4,5",
        "Đã ký ngày 20/02/2020",
        *(short_parent_name(unit) for _user, unit in signers),
        *(str(user) for user, _unit in signers),
    ):
        assert flat(expected) in text, expected


def test_the_pdf_of_a_version_not_fully_signed_marks_the_missing_signatures(half_signed):
    text = pdf_text(render(SIGNED_PLEDGE, "pdf", pledge_version=half_signed)[0])
    assert "CHƯA ĐỦ CHỮ KÝ" in text and text.count("Chưa ký") == 2


def test_the_download_is_this_paper(signed, cast, client_for):
    client = client_for(cast["member"])
    url = reverse("pledges:signed_pledge", args=[signed.pk, "docx"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "GIAO ƯỚC THI ĐUA NĂM 2020" in docx_text(response.content)
    pdf = client.get(reverse("pledges:signed_pledge", args=[signed.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = client.get(reverse("pledges:pledge_detail", args=[signed.pledge_id]))
    assert url in page.content.decode()
