"""The minutes of the count (biên bản kiểm phiếu) as Word and PDF, for the dossier."""

import datetime
import zoneinfo

import pytest

from thidua.documents.engine import get_paper
from thidua.documents.tests.readers import docx_tables, docx_text, flat, pdf_text
from thidua.voting import actions
from thidua.voting.models import Ballot
from thidua.voting.papers import ResultSealed, minutes_for

from . import factories

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _at(hour, minute=0):
    return datetime.datetime(2020, 12, 15, hour, minute, tzinfo=HANOI)


@pytest.fixture
def counted_election(f, cast, tree):
    """Cụm I, 15/12/2020 08:00–11:00: Cầu Giấy 2 votes, Thanh Xuân 1; released."""
    ballot = factories.make_election(f, opens_at=_at(8), closes_at=_at(11))
    actions.open_ballot(ballot=ballot, by=cast["leader"], now=_at(8))
    for minute, (who, unit, choice) in enumerate(
        (("leader", "d1", "d1"), ("officer", "d2", "d1"), ("member", "d3", "d2")), start=1
    ):
        actions.cast_ballot(
            ballot=ballot,
            by=cast[who],
            unit=tree[unit],
            candidates=[tree[choice]],
            now=_at(8, minute),
        )
    closed = actions.close_ballot(ballot=ballot, by=cast["leader"], now=_at(11))
    return actions.release_ballot(ballot=closed, by=cast["leader"], now=_at(11, 5))


def test_the_minutes_are_registered_papers():
    assert get_paper("voting.election_minutes").formats == ("docx", "pdf")
    assert get_paper("voting.council_minutes").formats == ("docx", "pdf")


def test_election_minutes_list_electorate_turnout_counts_threshold_result_and_basis(
    counted_election,
):
    data, filename, _type = minutes_for(counted_election, "pdf")
    text = pdf_text(data)
    for expected in (
        "UBND THÀNH PHỐ THỬ CỤM THI ĐUA SỐ I",
        "Thành phố Thử, ngày 15 tháng 12 năm 2020",
        "BIÊN BẢN Kiểm phiếu bầu đơn vị dẫn đầu Cụm thi đua số I năm 2020",
        "Thời gian bỏ phiếu: từ 08:00 ngày 15 tháng 12 năm 2020 đến 11:00 ngày 15 tháng 12 năm "
        "2020; kiểm phiếu lúc 11:00 ngày 15 tháng 12 năm 2020.",
        "Số cử tri: 03 đơn vị thành viên của Cụm, mỗi đơn vị một phiếu.",
        "Số phiếu thu về: 03/03; phiếu trắng: 00.",
        "Các đơn vị thành viên: Quận Cầu Giấy, Quận Hà Đông, Quận Thanh Xuân.",
        "Đơn vị không bỏ phiếu: không có.",
        "Đơn vị trúng khi đạt trên 50% tổng số đơn vị thành viên (ít nhất 02 phiếu)",
        "1 Quận Cầu Giấy 2 66,67% Trúng",
        "2 Quận Thanh Xuân 1 33,33% Không trúng",
        "Kết quả: Quận Cầu Giấy được bầu là đơn vị dẫn đầu Cụm.",
        "Căn cứ: Quy chế hoạt động của Cụm",
        "Nghị định 152/2025/NĐ-CP, Điều 4",
        "TM. BAN KIỂM PHIẾU",
    ):
        assert flat(expected) in text, expected
    assert filename.startswith("bien-ban-kiem-phieu-bau-don-vi-dan-dau-cum-thi-dua-so-i-nam-2020")
    data, filename, content_type = minutes_for(counted_election, "docx")
    assert filename.endswith(".docx") and content_type.endswith("wordprocessingml.document")
    word = docx_text(data)
    for expected in (
        "BIÊN BẢN",
        "Số cử tri: 03 đơn vị thành viên của Cụm, mỗi đơn vị một phiếu.",
        "Các đơn vị thành viên: Quận Cầu Giấy, Quận Hà Đông, Quận Thanh Xuân.",
        "Số phiếu thu về: 03/03; phiếu trắng: 00.",
        "Đơn vị trúng khi đạt trên 50% tổng số đơn vị thành viên (ít nhất 02 phiếu)",
        "Kết quả: Quận Cầu Giấy được bầu là đơn vị dẫn đầu Cụm.",
        "TM. BAN KIỂM PHIẾU",
    ):
        assert expected in word, expected
    table = next(t for t in docx_tables(data) if t[0][0] == "STT")
    assert table[0] == ["STT", "Đơn vị ứng cử", "Số phiếu", "Tỷ lệ trên tổng số đơn vị", "Kết quả"]
    assert table[1:] == [
        ["1", "Quận Cầu Giấy", "2", "66,67%", "Trúng"],
        ["2", "Quận Thanh Xuân", "1", "33,33%", "Không trúng"],
        ["3", "Quận Hà Đông", "0", "0%", "Không trúng"],
    ]


def test_the_leaders_decision_is_in_the_minutes(f, cast, tree):
    ballot = actions.open_ballot(ballot=factories.make_election(f, max_rounds=1), by=cast["leader"])
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(ballot=ballot, by=cast[who], unit=tree[unit], candidates=[tree[unit]])
    released = actions.release_ballot(
        ballot=actions.close_ballot(ballot=ballot, by=cast["leader"]), by=cast["leader"]
    )
    decided = actions.decide_by_leaders(
        ballot=released, units=[tree["d2"]], reason="Dẫn đầu bảng điểm.", by=cast["leader"]
    )
    text = pdf_text(minutes_for(decided, "pdf")[0])
    assert (
        flat(
            "Sau vòng bỏ phiếu cuối cùng chưa có kết quả: cụm trưởng và cụm phó quyết định chọn "
            "Quận Thanh Xuân. Lý do: Dẫn đầu bảng điểm."
        )
        in text
    )
    assert "Cụm trưởng, cụm phó quyết định" in text


def test_council_minutes_name_written_opinions_quorum_and_thresholds(f, cast, council_members):
    ballot = Ballot.objects.get(
        pk=factories.open_council(
            f,
        )
    )
    question = ballot.questions.get()
    for member in council_members[:7]:
        actions.cast_ballot(ballot=ballot, by=member, answers={question.pk: "agree"})
    actions.record_written_opinion(
        ballot=ballot,
        elector=ballot.electors.get(user=council_members[7]),
        answers={question.pk: "agree"},
        by=cast["board"],
    )
    released = actions.release_ballot(
        ballot=actions.close_ballot(ballot=ballot, by=cast["board"]), by=cast["board"]
    )
    text = pdf_text(minutes_for(released, "pdf")[0])
    word = docx_text(minutes_for(released, "docx")[0])
    present = ", ".join(["Cán bộ council"] + [f"Cán bộ uyvien{i}" for i in range(2, 8)])
    for expected in (
        "Tổng số thành viên Hội đồng: 10.",
        f"Thành viên có mặt và bỏ phiếu: {present}.",
        "Thành viên vắng mặt không có ý kiến: Cán bộ uyvien10, Cán bộ uyvien9.",
        "Cờ thi đua của Ủy ban nhân dân Thành phố cho Quận Cầu Giấy: thông qua (08/10 thành "
        "viên đồng ý; yêu cầu ít nhất 80% tổng số thành viên Hội đồng, tức ít nhất 08).",
    ):
        assert expected in word, expected
    table = next(t for t in docx_tables(minutes_for(released, "docx")[0]) if t[0][0] == "STT")
    assert table[1] == [
        "1",
        "Cờ thi đua của Ủy ban nhân dân Thành phố: Quận Cầu Giấy",
        "8",
        "0",
        "0",
        "08/10 (80%)",
        "ít nhất 80%",
        "Thông qua",
    ]
    for expected in (
        f"Thành viên có mặt và bỏ phiếu: {present}.",
        "UBND THÀNH PHỐ THỬ HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "Số: /BB-HĐTĐKT",
        "Tổng số thành viên Hội đồng: 10.",
        "Có mặt và bỏ phiếu kín: 07; vắng mặt có ý kiến bằng văn bản: 01; vắng mặt không có "
        "ý kiến: 02.",
        "Thành viên gửi ý kiến bằng văn bản (được tính là phiếu của thành viên): Cán bộ uyvien8.",
        "Số thành viên có mặt: 07/10; yêu cầu ít nhất 2/3 (07 thành viên): đạt.",
        "Cờ thi đua của Ủy ban nhân dân Thành phố cho Quận Cầu Giấy: thông qua (08/10 thành "
        "viên đồng ý; yêu cầu ít nhất 80% tổng số thành viên Hội đồng, tức ít nhất 08).",
        "Từ 01/7/2025 do Ủy ban nhân dân tỉnh quy định",
    ):
        assert flat(expected) in text, expected


def test_a_sealed_result_has_no_minutes(open_election, cast):
    with pytest.raises(ResultSealed):
        minutes_for(open_election)
    closed = actions.close_ballot(ballot=open_election, by=cast["leader"])
    with pytest.raises(ResultSealed):
        minutes_for(closed, "docx")
