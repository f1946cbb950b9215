"""Scoring rounds for tests, built through the pledges' and scoring's own actions.

`locked_version` signs the pledges factory's draft (scale 10: 1.1 a target of 100 % with a
threshold of 80 % and evidence required, worth 4; 1.2 graded levels Tốt 3 / Khá 2 / Trung bình 1;
2.1 yes / no worth 3 with evidence required) after adding three rules — a bonus of 1 for 1.1, a
pledge-wide bonus of 1, a pledge-wide penalty of 0,5 — and grades 9 / 8 / 7 (the top two ruled
out by a criterion scored 0). Signed on 20/02/2020, in force for a 2020 round.
"""

from __future__ import annotations

import datetime

from thidua.pledges import actions as pledge_actions
from thidua.pledges.models import AdjustmentRule, Pledge, PledgeVersion
from thidua.pledges.tests.factories import build_draft
from thidua.scoring import actions
from thidua.scoring.models import ScoreLine, ScoringRound

D = datetime.date
OPENS, CLOSES, DURING = D(2020, 12, 1), D(2020, 12, 15), D(2020, 12, 5)
GRADES = [
    {"label": "Xuất sắc", "min_score": 9, "excluded_by_zero_criterion": True},
    {"label": "Tốt", "min_score": 8, "excluded_by_zero_criterion": True},
    {"label": "Khá", "min_score": 7, "excluded_by_zero_criterion": False},
]


SIGNED = D(2020, 2, 20)


def locked_version(cluster, cast, tree, *, signed_on=SIGNED, tie_breaks=None):
    existing = Pledge.objects.filter(cluster=cluster).first()
    if existing is not None:
        return existing.versions.order_by("-number").first()
    leader = cast["leader"]
    version = build_draft(cluster, leader)
    first = version.criteria.get(code="1.1")
    pledge_actions.add_rule(
        pledge_version=version,
        kind="bonus",
        text="Vượt dự toán thu ngân sách từ 10% trở lên",
        points=1,
        criterion=first,
        by=leader,
    )
    pledge_actions.add_rule(
        pledge_version=version, kind="bonus", text="Mô hình mới được nhân rộng", points=1, by=leader
    )
    pledge_actions.add_rule(
        pledge_version=version,
        kind="penalty",
        text="Chậm gửi báo cáo (mỗi lần)",
        points="0.5",
        by=leader,
    )
    version.refresh_from_db()
    pledge_actions.set_grades(
        pledge_version=version, version=version.version, grades=GRADES, by=leader
    )
    if tie_breaks is not None:
        version.refresh_from_db()
        pledge_actions.set_tie_breaks(
            pledge_version=version, version=version.version, steps=tie_breaks, by=leader
        )
    version.refresh_from_db()
    version = pledge_actions.open_for_signing(pledge_version=version, by=leader)
    for user, unit in (
        (cast["leader"], tree["d1"]),
        (cast["officer"], tree["d2"]),
        (cast["member"], tree["d3"]),
    ):
        pledge_actions.sign_pledge(pledge_version=version, unit=unit, by=user, signed_on=signed_on)
    version.refresh_from_db()
    return version


def make_round(cluster, cast, tree, **kwargs) -> ScoringRound:
    existing = ScoringRound.objects.filter(cluster=cluster).first()
    if existing is not None:
        return existing
    locked_version(cluster, cast, tree)
    options = {"opens_on": OPENS, "closes_on": CLOSES, "grace_days": 2, **kwargs}
    return actions.create_round(cluster=cluster, by=cast["leader"], **options)


def line(scoring_round, unit, code=None, *, rule_text=None) -> ScoreLine:
    lines = ScoreLine.objects.select_related("criterion", "rule", "round").filter(
        round=scoring_round, unit=unit
    )
    if code is not None:
        return lines.get(criterion__code=code)
    return lines.get(rule__text__startswith=rule_text)


def rule(version: PledgeVersion, text: str) -> AdjustmentRule:
    return AdjustmentRule.objects.get(pledge_version=version, text__startswith=text)


def self_score(scoring_round, unit, user, *, today=DURING, **by_code):
    """self_score(r, unit, user, **{"1.1": {"value": 95}, "2.1": {"choice": "yes"}})."""
    for code, data in by_code.items():
        target = line(scoring_round, unit, code.replace("_", "."))
        actions.save_self_score(line=target, version=target.version, by=user, today=today, **data)


FULL = {"1.1": {"value": 100}, "1.2": {"choice": "Tốt"}, "2.1": {"choice": "yes"}}


def score_all(scoring_round, cast, tree, sheets=None):
    """Self-score the three units (default: d1 full marks, d2 9, d3 7)."""
    sheets = sheets or {
        "d1": FULL,
        "d2": {"1.1": {"value": 100}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "yes"}},
        "d3": {"1.1": {"value": 100}, "1.2": {"choice": "Khá"}, "2.1": {"choice": "no"}},
    }
    users = {"d1": cast["leader"], "d2": cast["officer"], "d3": cast["member"]}
    for key, sheet in sheets.items():
        self_score(scoring_round, tree[key], users[key], **sheet)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- for the project's permission table ------------------------------------------------------


def round_id(f) -> int:
    return make_round(f["cluster"], f["cast"], f["tree"]).pk


def closed_round_id(f) -> int:
    scoring_round = make_round(f["cluster"], f["cast"], f["tree"])
    if scoring_round.is_open:
        actions.close_round(scoring_round=scoring_round, by=None)
    return scoring_round.pk


def line_of(f, unit_key="d3", code="1.1") -> int:
    scoring_round = make_round(f["cluster"], f["cast"], f["tree"])
    return line(scoring_round, f["tree"][unit_key], code).pk


def assigned(f) -> tuple[int, int, int]:
    """The round with d2 assigned to cross-score d3 (all-to-all)."""
    scoring_round = make_round(f["cluster"], f["cast"], f["tree"])
    if not scoring_round.cross_mode:
        actions.assign_cross_scorers(scoring_round=scoring_round, mode="all", by=None)
    return scoring_round.pk, f["tree"]["d2"].pk, f["tree"]["d3"].pk


def evidence_of(f) -> int:
    scoring_round = make_round(f["cluster"], f["cast"], f["tree"])
    target = line(scoring_round, f["tree"]["d3"], "1.1")
    found = target.evidence.first()
    return (found or actions.add_evidence(line=target, upload=pdf(), by=None, today=DURING)).pk


def large_round(tree, *, units=10, criteria=50, groups=5, rules=4, name="Cụm thi đua số X"):
    """A round of `units` districts × `criteria` criteria (free scores) in `groups` groups, with
    `rules` bonus and penalty rules, every line self-scored — built with bulk inserts."""
    from django.utils import timezone

    from thidua.clusters.tests.factories import make_cluster
    from thidua.organizations.tests.factories import UnitFactory
    from thidua.pledges.models import ContentGroup, Criterion

    members = [
        UnitFactory(
            parent=tree["city"], short_name=f"Quận {i:02d}", name=f"Quận số {i:02d}", kind="huyen"
        )
        for i in range(1, units + 1)
    ]
    cluster = make_cluster(
        unit=tree["city"], members=members, leader=members[0], number="X", name=name
    )
    pledge = Pledge.objects.create(cluster=cluster)
    version = PledgeVersion.objects.create(
        pledge=pledge,
        number=1,
        status="locked",
        title="Giao ước thi đua năm 2020",
        scale=criteria * 2,
        bonus_cap=3,
        penalty_cap=3,
        locked_at=timezone.now(),
        in_force_from=SIGNED,
    )
    made_groups = ContentGroup.objects.bulk_create(
        ContentGroup(pledge_version=version, title=f"Nội dung {g + 1}", position=g)
        for g in range(groups)
    )
    Criterion.objects.bulk_create(
        Criterion(
            pledge_version=version,
            group=made_groups[c % groups],
            code=f"{c % groups + 1}.{c // groups + 1}",
            text=f"Tiêu chí {c + 1}",
            max_score=2,
            method="free",
            position=c,
        )
        for c in range(criteria)
    )
    AdjustmentRule.objects.bulk_create(
        AdjustmentRule(
            pledge_version=version,
            kind="bonus" if r % 2 == 0 else "penalty",
            text=f"Quy định {r + 1}",
            points="0.5",
            position=r,
        )
        for r in range(rules)
    )
    scoring_round = actions.create_round(cluster=cluster, opens_on=OPENS, closes_on=CLOSES, by=None)
    lines = list(ScoreLine.objects.filter(round=scoring_round).order_by("pk"))
    for i, line in enumerate(lines):
        line.self_points = (i * 7 + line.unit_id * 3) % 5 / 2 if line.criterion_id else i % 3
    ScoreLine.objects.bulk_update(lines, ["self_points"], batch_size=500)
    return scoring_round, members
