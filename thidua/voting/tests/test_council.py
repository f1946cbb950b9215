"""A council's secret ballot on award proposals: thresholds per regime, of ALL members, written
opinions, quorum, frozen rules and electorate, re-runs and the awards app's hooks."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEntry
from thidua.voting import actions, queries
from thidua.voting.models import (
    ApprovalThreshold,
    Ballot,
    BallotStatus,
    Outcome,
    Question,
    QuorumRule,
    Turnout,
    Vote,
)
from thidua.voting.papers import minutes_for

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FLAG = {"award_code": "co_thi_dua_cap_tinh", "recipient": "Quận Cầu Giấy"}
FIGHTER = {
    "award_code": "chien_si_thi_dua_cap_tinh",
    "recipient": "Bà Nguyễn Thị An, Trưởng phòng Nội vụ",
    "proposal_ref": "awards.proposal:17",
}


def _moment(day: datetime.date, hour=8, minute=30) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HANOI)


def _council(tree, cast, at, day=datetime.date(2024, 12, 20), questions=(FIGHTER, FLAG)):
    """A council ballot of the city, 08:00–11:00 on ``day``, opened at 08:30."""
    at(_moment(day))
    ballot = actions.create_council_ballot(
        council_unit=tree["city"],
        title="Hội đồng TĐKT Thành phố xét khen thưởng",
        opens_at=_moment(day, 8, 0),
        closes_at=_moment(day, 11, 0),
        questions=list(questions),
        by=cast["board"],
    )
    return actions.open_ballot(ballot=ballot, by=cast["board"])


def _answers(ballot, *choices):
    return dict(
        zip(
            ballot.questions.order_by("position").values_list("pk", flat=True),
            choices,
            strict=False,
        )
    )


def _cast_all(ballot, members, *choices):
    for member in members:
        actions.cast_ballot(ballot=ballot, by=member, answers=_answers(ballot, *choices))


def _count(ballot, cast):
    closed = actions.close_ballot(ballot=ballot, by=cast["board"])
    released = actions.release_ballot(ballot=closed, by=cast["board"])
    return queries.result_of(released)


def _approved(result):
    return {line.question.award_code: line.result.approved for line in result.questions}


# --- thresholds per regime ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "share"),
    [
        ("chien_si_thi_dua_toan_quoc", 90),
        ("chien_si_thi_dua_cap_tinh", 90),
        ("chien_si_thi_dua_co_so", 80),
        ("co_thi_dua_cap_tinh", 80),
        ("co_thi_dua_chinh_phu", 80),
    ],
)
def test_decree_98_thresholds_are_the_defaults_of_both_regimes(tree, code, share):
    nd98 = queries.threshold_for(
        award_code=code, council_unit=tree["city"], on=datetime.date(2024, 12, 20)
    )
    assert (nd98.regime, nd98.numerator, nd98.denominator) == ("luat_2022_nd_98_2023", share, 100)
    assert nd98.of_all_members and nd98.comparison == "at_least"
    assert nd98.article == "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
    provincial = queries.threshold_for(
        award_code=code, council_unit=tree["city"], on=datetime.date(2025, 7, 1)
    )
    assert (provincial.regime, provincial.numerator) == ("luat_2022_nd_152_2025", share)
    assert provincial.article.startswith("Từ 01/7/2025 do Ủy ban nhân dân tỉnh quy định")


def test_opening_freezes_the_threshold_of_each_question(tree, cast, council_members, at):
    ballot = _council(tree, cast, at)
    frozen = {
        q.award_code: (q.regime, q.threshold_numerator, q.threshold_of_all_members)
        for q in ballot.questions.all()
    }
    assert frozen == {
        "chien_si_thi_dua_cap_tinh": ("luat_2022_nd_98_2023", 90, True),
        "co_thi_dua_cap_tinh": ("luat_2022_nd_98_2023", 80, True),
    }
    assert (ballot.quorum_numerator, ballot.quorum_denominator) == (2, 3)
    # A later change of the configuration does not alter the open ballot.
    ApprovalThreshold.objects.update(numerator=51)
    assert (
        Question.objects.get(ballot=ballot, award_code="co_thi_dua_cap_tinh").threshold_numerator
        == 80
    )


def test_before_2024_no_threshold_is_configured_and_the_ballot_does_not_open(
    tree, cast, council_members, at
):
    with pytest.raises(ValidationError, match="Chưa cấu hình tỷ lệ phiếu đồng ý cho"):
        _council(tree, cast, at, day=datetime.date(2023, 12, 15))
    assert Ballot.objects.get().status == BallotStatus.DRAFT
    assert not Ballot.objects.get().electors.exists()


def test_a_province_configures_its_own_threshold_from_july_2025(tree, cast, council_members, at):
    ApprovalThreshold.objects.create(
        regime="luat_2022_nd_152_2025",
        valid_from=datetime.date(2025, 7, 1),
        province=tree["city"],
        award_code="co_thi_dua_cap_tinh",
        numerator=85,
        article="Quyết định mẫu của UBND Thành phố",
    )
    ballot = _council(tree, cast, at, day=datetime.date(2025, 9, 10))
    frozen = dict(ballot.questions.values_list("award_code", "threshold_numerator"))
    assert frozen == {"co_thi_dua_cap_tinh": 85, "chien_si_thi_dua_cap_tinh": 90}
    # Another province keeps the default.
    other = queries.threshold_for(
        award_code="co_thi_dua_cap_tinh", council_unit=tree["other"], on=datetime.date(2025, 9, 10)
    )
    assert other.numerator == 80 and other.province is None


def test_a_level_of_council_has_its_own_threshold(tree, cast, council_members, at):
    """A rule for district councils applies to a district's council only, and a province's own
    rule for that level comes before the default of every province."""
    day = datetime.date(2025, 9, 10)
    ApprovalThreshold.objects.create(
        regime="luat_2022_nd_152_2025",
        valid_from=datetime.date(2025, 7, 1),
        council_level="huyen",
        award_code="chien_si_thi_dua_co_so",
        numerator=75,
        article="Cấu hình mẫu cho Hội đồng cấp huyện",
    )

    def share(unit):
        rule = queries.threshold_for(award_code="chien_si_thi_dua_co_so", council_unit=unit, on=day)
        return rule.numerator, rule.council_level

    assert share(tree["d1"]) == (75, "huyen")  # a district of the city
    assert share(tree["o1"]) == (75, "huyen")  # a district of another province
    assert share(tree["city"]) == (80, "")  # the province's own council keeps the default
    assert share(tree["w1"]) == (80, "")  # a commune too
    ApprovalThreshold.objects.create(
        regime="luat_2022_nd_152_2025",
        valid_from=datetime.date(2025, 7, 1),
        province=tree["city"],
        council_level="huyen",
        award_code="chien_si_thi_dua_co_so",
        numerator=70,
        article="Quyết định mẫu của UBND Thành phố cho cấp huyện",
    )
    assert share(tree["d1"]) == (70, "huyen")
    assert share(tree["o1"]) == (75, "huyen")


def test_a_province_may_count_the_threshold_on_those_who_voted(tree, cast, council_members, at):
    """Configured "of those who voted" (not the decree's default): eight of ten vote, all agree,
    and the 90% Emulation Fighter passes, which it does not on all members (test above)."""
    ApprovalThreshold.objects.create(
        regime="luat_2022_nd_152_2025",
        valid_from=datetime.date(2025, 7, 1),
        province=tree["city"],
        award_code="chien_si_thi_dua_cap_tinh",
        numerator=90,
        of_all_members=False,
        article="Quyết định mẫu: tính trên số thành viên biểu quyết",
    )
    ballot = _council(tree, cast, at, day=datetime.date(2025, 9, 10))
    assert not ballot.questions.get(award_code="chien_si_thi_dua_cap_tinh").threshold_of_all_members
    _cast_all(ballot, council_members[:8], "agree", "agree")
    result = _count(ballot, cast)
    fighter = result.questions[0]
    assert (fighter.result.base, fighter.result.needed, fighter.result.approved) == (8, 8, True)
    assert fighter.threshold == "ít nhất 90% số thành viên đã bỏ phiếu"
    assert result.questions[1].threshold == "ít nhất 80% tổng số thành viên Hội đồng"


# --- of ALL members, written opinions, quorum ---------------------------------------------------


def test_the_threshold_counts_all_members_so_absentees_weigh_against(
    tree, cast, council_members, at
):
    """Ten members, eight present all agree, two absent without an opinion: 8/10 passes the
    80% flag but not the 90% Emulation Fighter, though every vote cast agreed."""
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:8], "agree", "agree")
    result = _count(ballot, cast)
    assert result.quorum_met and result.present == 8 and result.electorate == 10
    assert _approved(result) == {"chien_si_thi_dua_cap_tinh": False, "co_thi_dua_cap_tinh": True}
    fighter = result.questions[0].result
    assert (fighter.agree, fighter.base, fighter.needed) == (8, 10, 9)


def test_a_written_opinion_counts_as_the_absent_members_vote(tree, cast, council_members, at):
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:8], "agree", "agree")
    absent = ballot.electors.get(user=council_members[8])
    actions.record_written_opinion(
        ballot=ballot, elector=absent, answers=_answers(ballot, "agree", "agree"), by=cast["board"]
    )
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        actions.cast_ballot(
            ballot=ballot, by=council_members[8], answers=_answers(ballot, "agree", "agree")
        )
    assert Turnout.objects.get(elector=absent).method == "written"
    entry = AuditEntry.objects.filter(action="voting.ballot.turnout_recorded").order_by("pk").last()
    assert entry.actor == cast["board"] and entry.after["method"] == "written"
    result = _count(ballot, cast)
    assert result.turnout == 9 and result.present == 8 and result.written == 1
    assert result.written_names == [absent.name]
    assert _approved(result) == {"chien_si_thi_dua_cap_tinh": True, "co_thi_dua_cap_tinh": True}


def test_written_opinions_do_not_make_the_quorum(tree, cast, council_members, at):
    """Six of ten present (below 2/3) and four written opinions: all agree, nothing passes."""
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:6], "agree", "agree")
    for member in council_members[6:]:
        actions.record_written_opinion(
            ballot=ballot,
            elector=ballot.electors.get(user=member),
            answers=_answers(ballot, "agree", "agree"),
            by=cast["board"],
        )
    result = _count(ballot, cast)
    assert ballot.__class__.objects.get(pk=ballot.pk).outcome == Outcome.NO_QUORUM
    assert not result.quorum_met and result.quorum_needed == 7
    assert _approved(result) == {"chien_si_thi_dua_cap_tinh": False, "co_thi_dua_cap_tinh": False}


def test_a_province_requiring_80_percent_present(tree, cast, council_members, at):
    QuorumRule.objects.create(
        valid_from=datetime.date(2025, 7, 1),
        province=tree["city"],
        numerator=80,
        denominator=100,
        article="Quy chế mẫu: ít nhất 80% thành viên có mặt",
    )
    ballot = _council(tree, cast, at, day=datetime.date(2025, 9, 10))
    assert (ballot.quorum_numerator, ballot.quorum_denominator) == (80, 100)
    _cast_all(ballot, council_members[:7], "agree", "agree")
    result = _count(ballot, cast)
    assert not result.quorum_met and result.quorum_needed == 8


def test_disagree_and_abstain_are_counted_apart(tree, cast, council_members, at):
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:7], "agree", "agree")
    _cast_all(ballot, council_members[7:9], "disagree", "abstain")
    _cast_all(ballot, council_members[9:], "abstain", "disagree")
    fighter, flag = _count(ballot, cast).questions
    assert (fighter.result.agree, fighter.result.disagree, fighter.result.abstain) == (7, 2, 1)
    assert (flag.result.agree, flag.result.disagree, flag.result.abstain) == (7, 1, 2)


# --- the electorate and the answers -------------------------------------------------------------


def test_the_council_is_counted_when_the_ballot_opens(tree, cast, council_members, at):
    ballot = _council(tree, cast, at)
    assert ballot.electorate_size == 10
    late = grant(UserFactory(username="moi"), "council_member", tree["city"])
    with pytest.raises(ValidationError, match="không có trong danh sách cử tri"):
        actions.cast_ballot(ballot=ballot, by=late, answers=_answers(ballot, "agree", "agree"))
    with pytest.raises(ValidationError, match="không có trong danh sách cử tri"):
        actions.cast_ballot(
            ballot=ballot, by=cast["board"], answers=_answers(ballot, "agree", "agree")
        )
    assert not Turnout.objects.exists()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (("agree",), "Hãy trả lời mọi nội dung"),
        (("agree", "maybe"), "Chỉ trả lời đồng ý"),
    ],
)
def test_an_incomplete_or_wrong_answer_is_refused(
    tree, cast, council_members, at, answers, message
):
    ballot = _council(tree, cast, at)
    with pytest.raises(ValidationError, match=message):
        actions.cast_ballot(
            ballot=ballot, by=council_members[0], answers=_answers(ballot, *answers)
        )
    with pytest.raises(ValidationError, match="Hãy trả lời các nội dung"):
        actions.cast_ballot(ballot=ballot, by=council_members[0], answers={999999: "agree"})
    assert not Turnout.objects.exists() and not Vote.objects.exists()


def test_proposals_are_added_to_a_draft_only(tree, cast, council_members, at):
    at(_moment(datetime.date(2024, 12, 20)))
    ballot = actions.create_council_ballot(
        council_unit=tree["city"],
        title="Phiên xét khen thưởng",
        opens_at=_moment(datetime.date(2024, 12, 20), 8, 0),
        closes_at=_moment(datetime.date(2024, 12, 20), 11, 0),
        by=cast["board"],
    )
    with pytest.raises(ValidationError, match="ít nhất một đề nghị"):
        actions.open_ballot(ballot=ballot, by=cast["board"])
    question = actions.add_question(ballot=ballot, by=cast["board"], **FLAG)
    assert (
        question.text == "Đề nghị tặng Cờ thi đua của Ủy ban nhân dân Thành phố cho Quận Cầu Giấy"
    )
    assert AuditEntry.objects.filter(action="voting.question.added").count() == 1
    with pytest.raises(ValidationError, match="đã có trong phiếu"):
        actions.add_question(ballot=ballot, by=cast["board"], **FLAG)
    with pytest.raises(ValidationError, match="trong danh mục"):
        actions.add_question(ballot=ballot, by=cast["board"], award_code="x", recipient="A")
    with pytest.raises(ValidationError, match="không được để trống"):
        actions.add_question(ballot=ballot, by=cast["board"], award_code="giay_khen", recipient=" ")
    actions.open_ballot(ballot=ballot, by=cast["board"])
    with pytest.raises(ValidationError, match="trước khi mở"):
        actions.add_question(ballot=ballot, by=cast["board"], **FIGHTER)
    assert ballot.questions.count() == 1


# --- re-runs and the awards app's hooks ---------------------------------------------------------


def test_a_council_ballot_is_re_run_on_the_proposals_not_approved(tree, cast, council_members, at):
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:8], "agree", "agree")
    _count(ballot, cast)
    ballot.refresh_from_db()
    following = actions.start_next_round(
        ballot=ballot,
        by=cast["board"],
        opens_at=_moment(datetime.date(2024, 12, 20), 14, 0),
        closes_at=_moment(datetime.date(2024, 12, 20), 16, 0),
    )
    assert following.round == 2 and following.status == BallotStatus.DRAFT
    assert list(following.questions.values_list("award_code", "proposal_ref")) == [
        ("chien_si_thi_dua_cap_tinh", "awards.proposal:17")
    ]


def test_the_awards_app_reads_the_result_of_a_proposal_once_released(
    tree, cast, council_members, at, django_capture_on_commit_callbacks
):
    from thidua.voting.signals import ballot_released

    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members, "agree", "disagree")
    closed = actions.close_ballot(ballot=ballot, by=cast["board"])
    assert queries.questions_for_proposal("awards.proposal:17") == []
    heard = []
    receiver = lambda sender, ballot, questions, **kw: heard.append(questions)  # noqa: E731
    ballot_released.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            released = actions.release_ballot(ballot=closed, by=cast["board"])
    finally:
        ballot_released.disconnect(receiver)
    assert heard == [[("awards.proposal:17", True)]]
    [line] = queries.questions_for_proposal("awards.proposal:17")
    assert (
        line.result.approved and line.result.agree == 10 and line.basis.startswith("Nghị định 98")
    )
    _data, filename, content_type = minutes_for(released, "pdf")
    assert content_type == "application/pdf" and filename.endswith(".pdf")


# --- corrections --------------------------------------------------------------------------------


def test_a_council_ballot_opened_by_mistake_is_cancelled_audited_and_takes_no_more_votes(
    tree, cast, council_members, at
):
    ballot = _council(tree, cast, at)
    _cast_all(ballot, council_members[:2], "agree", "disagree")
    actions.record_written_opinion(
        ballot=ballot,
        elector=ballot.electors.get(user=council_members[2]),
        answers=_answers(ballot, "agree", "agree"),
        by=cast["board"],
    )
    with pytest.raises(ValidationError, match="không được để trống"):
        actions.cancel_ballot(ballot=ballot, reason="", by=cast["board"])
    cancelled = actions.cancel_ballot(
        ballot=ballot, reason="Thiếu hồ sơ của một đề nghị.", by=cast["board"]
    )
    assert cancelled.status == BallotStatus.CANCELLED and cancelled.cancelled_at is not None
    assert not Vote.objects.filter(ballot=ballot).exists()
    assert Turnout.objects.filter(ballot=ballot).count() == 3  # who had voted stays on record
    entry = AuditEntry.objects.get(action="voting.ballot.cancelled")
    assert entry.actor == cast["board"] and entry.reason == "Thiếu hồ sơ của một đề nghị."
    assert entry.before == {"status": "open"}
    assert entry.after == {"status": "cancelled", "turnout": 3, "votes_discarded": 6}
    with pytest.raises(ValidationError, match="hiện không mở"):
        actions.cast_ballot(
            ballot=cancelled, by=council_members[5], answers=_answers(ballot, "agree", "agree")
        )
    for step in (actions.close_ballot, actions.release_ballot):
        with pytest.raises(ValidationError):
            step(ballot=cancelled, by=cast["board"])
    with pytest.raises(ValidationError, match="Chỉ hủy được"):
        actions.cancel_ballot(ballot=cancelled, reason="Lần nữa", by=cast["board"])
    assert queries.result_of(Ballot.objects.get(pk=ballot.pk)) is None


def test_the_administrator_configures_a_threshold_in_the_admin_and_it_is_audited(
    tree, admin_client
):
    response = admin_client.post(
        "/admin/voting/approvalthreshold/add/",
        {
            "numerator": "85",
            "denominator": "100",
            "comparison": "at_least",
            "valid_from": "2025-07-01",
            "province": str(tree["city"].pk),
            "council_level": "",
            "article": "Quyết định mẫu của UBND Thành phố",
            "regime": "luat_2022_nd_152_2025",
            "award_code": "co_thi_dua_cap_tinh",
            "of_all_members": "on",
        },
    )
    assert response.status_code == 302, response.content
    rule = queries.threshold_for(
        award_code="co_thi_dua_cap_tinh", council_unit=tree["d1"], on=datetime.date(2025, 9, 10)
    )
    assert (rule.numerator, rule.province) == (85, tree["city"])
    entry = AuditEntry.objects.get(action="voting.approvalthreshold.created")
    assert entry.via == "admin" and entry.after["numerator"] == 85
    for model in ("ballot", "turnout", "vote"):
        assert admin_client.get(f"/admin/voting/{model}/").status_code == 404
