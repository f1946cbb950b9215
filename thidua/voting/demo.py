"""Demo ballots. The seed reports say nothing about votes, so everything here is sample data
(is_sample=True, shown with the "sample" badge and "(dữ liệu mẫu)" in the minutes):

- Cụm IX's 2020 leading-unit election: the candidates are the top three of the scoring app's
  published 2020 ranking (Cầu Giấy, Hà Đông, Tây Hồ), or the same three picked by the leader
  when no ranking is published; one vote cast by each of the six district officers, closed and
  released: the first on the ballot (Cầu Giấy) elected with 4 of 6 votes;
- an open ballot of Hà Nội's Emulation and Commendation Council on two sample proposals, with
  four sample council members besides "hoidong": two have voted, one gave a written opinion;
  "hoidong" and one more can still vote.

Idempotent: each ballot is looked up first.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from thidua.accounts.demo import PASSWORD
from thidua.accounts.models import Role, RoleAssignment, User

from . import actions
from .candidates import candidates_for
from .defaults import ensure_default_rules
from .models import Ballot, BallotKind

IX_TITLE = "Bình xét, suy tôn đơn vị dẫn đầu Cụm thi đua số IX năm 2020"
IX_OFFICERS = {
    "caugiay": "Cầu Giấy",
    "thanhxuan": "Thanh Xuân",
    "hadong": "Hà Đông",
    "namtuliem": "Nam Từ Liêm",
    "bactuliem": "Bắc Từ Liêm",
    "tayho": "Tây Hồ",
}
# officer → the candidate their unit voted for (sample), by the candidate's place on the ballot:
# with the published ranking (Cầu Giấy, Hà Đông, Tây Hồ) the first gets 4 votes of 6.
IX_VOTES = {
    "caugiay": 1,
    "thanhxuan": 1,
    "hadong": 2,
    "namtuliem": 1,
    "bactuliem": 1,
    "tayho": 3,
}
COUNCIL_TITLE = "Hội đồng Thi đua – Khen thưởng Thành phố xét đề nghị khen thưởng (phiên mẫu)"
COUNCIL_MEMBERS = [(f"hoidong{i}", f"Ủy viên Hội đồng TĐKT TP số {i} (mẫu)") for i in range(2, 6)]
PROPOSALS = [
    {"award_code": "co_thi_dua_cap_tinh", "recipient": "Quận Cầu Giấy (đề nghị mẫu)"},
    {
        "award_code": "chien_si_thi_dua_cap_tinh",
        "recipient": "Bà Nguyễn Thị Mẫu, Trưởng phòng Nội vụ quận Cầu Giấy (dữ liệu mẫu)",
    },
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def _ix_election(ctx: dict) -> None:
    cluster = ctx["clusters"]["ix"]
    if Ballot.objects.filter(cluster=cluster, title=IX_TITLE).exists():
        return
    units, users = ctx["units"], ctx["users"]
    leader = users["caugiay"]
    opens = _at(datetime.date(2020, 12, 15), 8)
    closes = _at(datetime.date(2020, 12, 15), 11)
    picked = [units["Cầu Giấy"], units["Hà Đông"], units["Tây Hồ"]]
    ballot = actions.create_election(
        cluster=cluster,
        title=IX_TITLE,
        candidates=None if candidates_for(cluster).ranked else picked,
        opens_at=opens,
        closes_at=closes,
        is_sample=True,
        by=leader,
    )
    actions.open_ballot(ballot=ballot, by=leader, now=opens)
    on_ballot = list(ballot.candidates.order_by("position").values_list("unit_id", flat=True))
    for minute, (login, place) in enumerate(IX_VOTES.items(), start=5):
        actions.cast_ballot(
            ballot=ballot,
            by=users[login],
            unit=units[IX_OFFICERS[login]],
            candidates=[on_ballot[place - 1]],
            now=opens + datetime.timedelta(minutes=minute),
        )
    closed = actions.close_ballot(ballot=ballot, by=leader, now=closes)
    actions.release_ballot(ballot=closed, by=leader, now=closes + datetime.timedelta(minutes=15))


def _council_members(ctx: dict) -> dict[str, User]:
    city = ctx["units"]["Hà Nội"]
    existing = {u.username: u for u in User.objects.filter(username__in=dict(COUNCIL_MEMBERS))}
    hashed = make_password(PASSWORD)
    for login, name in COUNCIL_MEMBERS:
        if login not in existing:
            existing[login] = User.objects.create(username=login, full_name=name, password=hashed)
            RoleAssignment.objects.create(user=existing[login], unit=city, role=Role.COUNCIL_MEMBER)
    ctx.setdefault("accounts", []).extend(
        (login, name, "ủy viên Hội đồng TĐKT Thành phố (mẫu)") for login, name in COUNCIL_MEMBERS
    )
    return existing


def _council_ballot(ctx: dict, members: dict[str, User]) -> None:
    city = ctx["units"]["Hà Nội"]
    if Ballot.objects.filter(
        kind=BallotKind.COUNCIL, council_unit=city, title=COUNCIL_TITLE
    ).exists():
        return
    board = ctx["users"]["admin"]
    now = timezone.now().replace(second=0, microsecond=0)
    ballot = actions.create_council_ballot(
        council_unit=city,
        title=COUNCIL_TITLE,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=30),
        questions=PROPOSALS,
        is_sample=True,
        by=board,
    )
    ballot = actions.open_ballot(ballot=ballot, by=board)
    first, second = ballot.questions.order_by("position")
    for login, answers in (
        ("hoidong2", {first.pk: "agree", second.pk: "agree"}),
        ("hoidong3", {first.pk: "agree", second.pk: "abstain"}),
    ):
        actions.cast_ballot(ballot=ballot, by=members[login], answers=answers)
    actions.record_written_opinion(
        ballot=ballot,
        elector=ballot.electors.get(user=members["hoidong4"]),
        answers={first.pk: "agree", second.pk: "agree"},
        by=board,
    )


def seed(ctx: dict) -> None:
    """ctx["ballots"]: "ix" (the released Cụm IX election), "council" (the open council ballot)."""
    ensure_default_rules()
    _ix_election(ctx)
    members = _council_members(ctx)
    _council_ballot(ctx, members)
    ctx["ballots"] = {
        "ix": Ballot.objects.get(cluster=ctx["clusters"]["ix"], title=IX_TITLE),
        "council": Ballot.objects.get(council_unit=ctx["units"]["Hà Nội"], title=COUNCIL_TITLE),
    }
