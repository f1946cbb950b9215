"""Pages of scoring: each follows access → validate → action → respond; the ladder of the main
pages; bad input answers in Vietnamese and changes nothing; a stale save answers 409 with the
current value."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.scoring import actions
from thidua.scoring.models import (
    CrossAssignment,
    CrossScore,
    Evidence,
    RoundStatus,
    ScoreLine,
    ScoringRound,
)
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db
D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def during(on_day):
    on_day(sf.DURING)


def _row(line, **data):
    return {f"line-{line.pk}-{key}": value for key, value in data.items()}


# --- ladders ------------------------------------------------------------------------------------


def test_the_round_page_ladder(scoring_round, cast, ladder):
    url = reverse("scoring:round_detail", args=[scoring_round.pk])
    ladder(
        url,
        allowed=[cast[r] for r in ("board", "leader", "officer", "member", "council", "viewer")],
        hidden=[cast["outsider"]],
    )


def test_the_self_scoring_ladder(scoring_round, tree, cast, ladder):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    ladder(
        reverse("scoring:self_score", args=[line.pk]),
        allowed=[cast["member"]],
        forbidden=[cast[r] for r in ("board", "leader", "officer", "council", "viewer")],
        hidden=[cast["outsider"]],
    )


def test_the_scoreboard_ladder_opens_to_viewers_once_published(scored, cast, ladder):
    url = reverse("scoring:scoreboard", args=[scored.pk])
    ladder(
        url,
        allowed=[cast["board"], cast["leader"], cast["officer"]],
        forbidden=[cast["member"], cast["council"], cast["viewer"]],
        hidden=[cast["outsider"]],
    )
    actions.close_round(scoring_round=scored, by=None)
    actions.publish_round(scoring_round=scored, by=None)
    ladder(
        url,
        allowed=[cast[r] for r in ("board", "leader", "officer", "member", "council", "viewer")],
        hidden=[cast["outsider"]],
    )


def test_the_resolution_ladder_gives_the_leaders_unit_to_the_deputy(scored, tree, cast, ladder):
    actions.close_round(scoring_round=scored, by=None)
    own = sf.line(scored, tree["d1"], "1.1")
    ladder(
        reverse("scoring:resolve", args=[own.pk]),
        allowed=[cast["officer"]],
        forbidden=[cast[r] for r in ("board", "leader", "member", "council", "viewer")],
        hidden=[cast["outsider"]],
    )


# --- opening and running a round ----------------------------------------------------------------


def test_the_leader_opens_a_round(cluster, cast, tree, version, client_for):
    client = client_for(cast["leader"])
    page = client.get(reverse("scoring:cluster_rounds", args=[cluster.pk]))
    assert "Mở đợt chấm điểm" in page.content.decode()
    response = client.post(
        reverse("scoring:round_create", args=[cluster.pk]),
        {
            "title": "",
            "opens_on": "2020-12-01",
            "closes_on": "2020-12-15",
            "grace_days": "3",
            "discrepancy_threshold": "0,5",
        },
    )
    scoring_round = ScoringRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scoring:round_detail", args=[scoring_round.pk])
    assert scoring_round.discrepancy_threshold == D("0.5") and scoring_round.grace_days == 3
    redirect = client.get(reverse("scoring:cluster_rounds", args=[cluster.pk]))
    assert redirect["Location"] == response["Location"]


def test_bad_round_dates_answer_in_vietnamese_and_open_nothing(cluster, cast, version, client_for):
    response = client_for(cast["leader"]).post(
        reverse("scoring:round_create", args=[cluster.pk]),
        {
            "opens_on": "2020-12-15",
            "closes_on": "2020-12-01",
            "grace_days": "0",
            "discrepancy_threshold": "0",
        },
    )
    assert response.status_code == 400
    assert "Ngày kết thúc không được trước ngày bắt đầu" in response.content.decode()
    assert not ScoringRound.objects.exists()


def test_a_stale_round_edit_answers_409(scoring_round, cast, client_for):
    data = {
        "title": "Chấm điểm 2020",
        "opens_on": "2020-12-01",
        "closes_on": "2020-12-15",
        "grace_days": "1",
        "discrepancy_threshold": "0",
        "version": "1",
    }
    client = client_for(cast["leader"])
    url = reverse("scoring:round_edit", args=[scoring_round.pk])
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "grace_days": "9"})
    assert response.status_code == 409
    assert "vừa được người khác thay đổi" in response.content.decode()
    scoring_round.refresh_from_db()
    assert scoring_round.grace_days == 1


def test_the_leader_sees_progress_and_sends_reminders(scoring_round, cast, client_for):
    client = client_for(cast["leader"])
    page = client.get(reverse("scoring:progress", args=[scoring_round.pk]))
    body = page.content.decode()
    per_unit = body.split('id="progress-units"')[1].split("</table>")[0]
    per_criterion = body.split('id="progress-criteria"')[1].split("</table>")[0]
    assert page.status_code == 200
    assert per_unit.count(">0/3<") == 3  # 3 units, none of their 3 criteria scored
    assert per_criterion.count(">0/3<") == 3  # 3 criteria, scored by none of the 3 units
    response = client.post(reverse("scoring:remind", args=[scoring_round.pk]), follow=True)
    assert "Đã nhắc 3 đơn vị" in response.content.decode()


def test_assigning_cross_scoring_from_a_seed(scoring_round, cast, client_for):
    client = client_for(cast["leader"])
    url = reverse("scoring:assign", args=[scoring_round.pk])
    assert client.post(url, {"mode": "derangement", "seed": "7"}).status_code == 302
    assert CrossAssignment.objects.count() == 3
    bad = client.post(url, {"mode": "ai cũng chấm", "seed": ""})
    assert bad.status_code == 400 and CrossAssignment.objects.count() == 3


# --- self-scoring -------------------------------------------------------------------------------


def test_a_unit_scores_a_line_with_htmx(scoring_round, tree, cast, client_for):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    client = client_for(cast["member"])
    sheet = client.get(reverse("scoring:sheet", args=[scoring_round.pk, tree["d3"].pk]))
    assert sheet.status_code == 200 and f'id="line-{line.pk}"' in sheet.content.decode()
    response = client.post(
        reverse("scoring:self_score", args=[line.pk]),
        _row(line, value="92,5", note="Theo quyết toán", version="1"),
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Đã lưu" in body and "3,7" in body
    assert 'value="92,5"' in body
    assert ScoreLine.objects.get(pk=line.pk).self_points == D("3.7")


def test_invalid_input_answers_400_in_vietnamese_and_changes_nothing(
    scoring_round, tree, cast, client_for
):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    response = client_for(cast["member"]).post(
        reverse("scoring:self_score", args=[line.pk]),
        _row(line, value="chín mươi", version="1"),
        **HTMX,
    )
    assert response.status_code == 400
    assert "Nhập một số, ví dụ 10 hoặc 2,5." in response.content.decode()
    assert ScoreLine.objects.get(pk=line.pk).version == 1


def test_a_stale_save_answers_409_with_the_current_value(scoring_round, tree, cast, client_for):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    client = client_for(cast["member"])
    url = reverse("scoring:self_score", args=[line.pk])
    assert client.post(url, _row(line, value="100", version="1"), **HTMX).status_code == 200
    response = client.post(url, _row(line, value="85", version="1"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 409
    assert "vừa được người khác thay đổi" in body and "Giá trị hiện tại" in body
    assert f'name="line-{line.pk}-version" value="2"' in body
    assert ScoreLine.objects.get(pk=line.pk).self_value == D(100)


def test_without_htmx_a_save_goes_back_to_the_sheet(scoring_round, tree, cast, client_for):
    line = sf.line(scoring_round, tree["d3"], "2.1")
    response = client_for(cast["member"]).post(
        reverse("scoring:self_score", args=[line.pk]), _row(line, choice="yes", version="1")
    )
    assert response["Location"] == reverse("scoring:sheet", args=[scoring_round.pk, tree["d3"].pk])


def test_evidence_is_uploaded_then_served_only_as_an_attachment(
    scoring_round, tree, cast, client_for
):
    line = sf.line(scoring_round, tree["d3"], "1.1")
    client = client_for(cast["member"])
    response = client.post(
        reverse("scoring:evidence_add", args=[line.pk]), {"file": sf.pdf("Quyết toán.pdf")}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(reverse("scoring:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == sf.PDF
    assert client_for(cast["viewer"]).get(download.request["PATH_INFO"]).status_code == 403


def test_a_disguised_upload_is_refused_in_vietnamese(scoring_round, tree, cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    line = sf.line(scoring_round, tree["d3"], "1.1")
    response = client_for(cast["member"]).post(
        reverse("scoring:evidence_add", args=[line.pk]),
        {"file": SimpleUploadedFile("anh.png", b"<script>alert(1)</script>", "image/png")},
    )
    assert response.status_code == 400
    assert "Loại tệp này không được chấp nhận" in response.content.decode()
    assert not Evidence.objects.exists()


def test_handing_in_lists_what_is_missing(scoring_round, tree, cast, client_for):
    client = client_for(cast["member"])
    url = reverse("scoring:submit", args=[scoring_round.pk, tree["d3"].pk])
    page = client.get(url).content.decode()
    assert "Chưa chấm: 1.1, 1.2, 2.1." in page
    response = client.post(url, follow=True)
    assert "Hãy chấm tất cả các tiêu chí trước" in response.content.decode()


# --- cross-scoring, discrepancies, publication --------------------------------------------------


@pytest.fixture
def assigned(scored, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=cast["leader"])
    return scored


def test_the_cross_scorer_sees_self_scores_and_evidence_of_the_unit_it_scores(
    assigned, tree, cast, client_for
):
    line = sf.line(assigned, tree["d3"], "1.1")
    actions.add_evidence(line=line, upload=sf.pdf(), by=cast["member"], today=sf.DURING)
    client = client_for(cast["officer"])
    page = client.get(
        reverse("scoring:cross_sheet", args=[assigned.pk, tree["d2"].pk, tree["d3"].pk])
    )
    body = page.content.decode()
    assert page.status_code == 200 and "minh-chung.pdf" in body and 'class="self-points">4<' in body
    evidence = Evidence.objects.get()
    assert client.get(reverse("scoring:evidence_download", args=[evidence.pk])).status_code == 200
    # A unit never sees another unit's own sheet before publication.
    assert (
        client_for(cast["member"])
        .get(reverse("scoring:sheet", args=[assigned.pk, tree["d2"].pk]))
        .status_code
        == 403
    )


def test_a_cross_score_without_a_reason_for_its_difference_is_refused(
    assigned, tree, cast, client_for
):
    line = sf.line(assigned, tree["d3"], "1.1")
    url = reverse("scoring:cross_score", args=[line.pk, tree["d2"].pk])
    client = client_for(cast["officer"])
    refused = client.post(url, _row(line, value="80", version="0"), **HTMX)
    assert refused.status_code == 400
    assert "Hãy nêu lý do chấm khác điểm tự chấm (4)" in refused.content.decode()
    ok = client.post(url, _row(line, value="80", reason="Mới đạt 80%", version="0"), **HTMX)
    assert ok.status_code == 200 and CrossScore.objects.get().points == D("3.2")
    stale = client.post(url, _row(line, value="70", reason="x", version="0"), **HTMX)
    assert stale.status_code == 409 and "Giá trị hiện tại" in stale.content.decode()


def test_the_leader_resolves_a_discrepancy_and_publishes(assigned, tree, cast, client_for):
    line = sf.line(assigned, tree["d3"], "1.1")
    actions.save_cross_score(
        line=line, scorer=tree["d2"], version=0, value=80, reason="80%", by=cast["officer"]
    )
    leader = client_for(cast["leader"])
    page = leader.get(reverse("scoring:discrepancies", args=[assigned.pk]))
    assert "Mới" not in page.content.decode() and "80%" in page.content.decode()
    actions.close_round(scoring_round=assigned, by=cast["leader"])
    resolve = reverse("scoring:resolve", args=[line.pk])
    blank = leader.post(resolve, {"points": "3,2", "reason": "", "version": line.version})
    assert blank.status_code == 400 and "Trường này không được để trống" in blank.content.decode()
    done = leader.post(
        resolve, {"points": "3,2", "reason": "Theo quyết toán", "version": line.version}
    )
    assert done.status_code == 302
    assert ScoreLine.objects.get(pk=line.pk).validated_points == D("3.2")
    publish = reverse("scoring:publish", args=[assigned.pk])
    assert "Công bố" in leader.get(publish).content.decode()
    leader.post(publish)
    assigned.refresh_from_db()
    assert assigned.status == RoundStatus.PUBLISHED
    board = client_for(cast["viewer"]).get(reverse("scoring:scoreboard", args=[assigned.pk]))
    body = board.content.decode()
    assert board.status_code == 200 and "chart.umd.min.js" in body and "scoreboard-data" in body
    assert "−0,8" in body  # d3's validation difference


def test_publishing_with_open_discrepancies_is_refused_with_the_reason(
    assigned, tree, cast, client_for
):
    line = sf.line(assigned, tree["d3"], "2.1")
    actions.save_cross_score(
        line=line, scorer=tree["d2"], version=0, choice="yes", reason="Có", by=cast["officer"]
    )
    actions.close_round(scoring_round=assigned, by=cast["leader"])
    response = client_for(cast["leader"]).post(
        reverse("scoring:publish", args=[assigned.pk]), follow=True
    )
    assert "Còn 1 chênh lệch" in response.content.decode()
    assert ScoringRound.objects.get().status == RoundStatus.CLOSED
    assert not AuditEntry.objects.filter(action="scoring.round.published").exists()


def test_the_papers_of_a_round_download(assigned, cast, client_for):
    client = client_for(cast["leader"])
    sheet = client.get(reverse("scoring:score_sheet", args=[assigned.pk, "xlsx"]))
    assert sheet.status_code == 200 and sheet["Content-Type"].endswith("spreadsheetml.sheet")
    minutes = client.get(reverse("scoring:discrepancy_minutes", args=[assigned.pk, "docx"]))
    assert minutes.status_code == 200 and "attachment" in minutes["Content-Disposition"]


def test_ties_are_recorded_through_the_page(scoring_round, tree, cast, client_for):
    same = {"1.1": {"value": 100}, "1.2": {"choice": "Tốt"}, "2.1": {"choice": "yes"}}
    sf.score_all(scoring_round, cast, tree, {"d1": same, "d2": same, "d3": same})
    actions.close_round(scoring_round=scoring_round, by=None)
    client = client_for(cast["leader"])
    url = reverse("scoring:ties", args=[scoring_round.pk])
    assert "Cầu Giấy = Hà Đông = Thanh Xuân" in client.get(url).content.decode().replace(
        "Quận ", ""
    )
    data = {f"unit_{tree[k].pk}": str(i) for i, k in enumerate(("d3", "d1", "d2"), start=1)}
    assert client.post(url, {**data, "reason": "Biên bản họp Cụm"}).status_code == 302
    board = client.get(reverse("scoring:scoreboard", args=[scoring_round.pk])).content.decode()
    units = re.findall(r'<td class="unit">(.*?)</td>', board)
    assert units == [tree[k].name for k in ("d3", "d1", "d2")]
    by_body = "Do cơ quan đánh giá quyết định"
    assert re.findall(r'<td class="small tie">(.*?)</td>', board) == ["", by_body, by_body]
