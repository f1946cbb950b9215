"""Demo scoring rounds. The seed reports give no scores, so every score here is sample data
(is_sample=True, shown with the "sample" badge), drawn deterministically from the unit and the
criterion so the demo is the same on every machine:

- Cụm IX 2020: self-scoring 01–10/12/2020 (2 days' grace), handed in by the six districts with
  sample evidence; cross-scoring along a cycle drawn from seed 2020; a few cross scores differ
  and were settled (the leader Cầu Giấy validates the others, the deputy Thanh Xuân validates
  Cầu Giấy); closed 11/12 and published 12/12/2020 — Cầu Giấy, Hà Đông and Tây Hồ rank first,
  second and third, the three candidates of the demo's leading-unit election;
- the Cầu Giấy wards 2018: self-scoring 10–20/12/2018, cross-scoring from seed 2018, closed
  with some discrepancies still open, so the leader Mai Dịch (and the district board for Mai Dịch
  itself) can resolve them and publish.

Built through the actions; idempotent: a cluster that already has a round is left alone.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment
from thidua.pledges.models import ScoringMethod

from . import actions, queries
from .models import CrossAssignment, ScoreLine, ScoringRound
from .points import NO, NOT_REACHED, YES

D = datetime.date
# How well each unit did (a share of the maximum), before a small deterministic spread.
IX_STRENGTH = {
    "Cầu Giấy": Decimal("0.99"),
    "Hà Đông": Decimal("0.96"),
    "Tây Hồ": Decimal("0.93"),
    "Thanh Xuân": Decimal("0.90"),
    "Nam Từ Liêm": Decimal("0.87"),
    "Bắc Từ Liêm": Decimal("0.84"),
}
WARD_STRENGTH = {
    "Dịch Vọng": Decimal("0.97"),
    "Dịch Vọng Hậu": Decimal("0.95"),
    "Mai Dịch": Decimal("0.93"),
    "Nghĩa Đô": Decimal("0.91"),
    "Nghĩa Tân": Decimal("0.89"),
    "Quan Hoa": Decimal("0.87"),
    "Trung Hòa": Decimal("0.86"),
    "Yên Hòa": Decimal("0.84"),
}
# Sample bonus and penalty occurrences: unit → (rule text prefix, times).
IX_ADJUSTMENTS = {
    "Cầu Giấy": [("Có mô hình mới", 1)],
    "Hà Đông": [("Có mô hình mới", 1)],
    "Bắc Từ Liêm": [("Chậm gửi báo cáo", 1)],
}
WARD_ADJUSTMENTS = {
    "Dịch Vọng": [("Có mô hình mới", 1)],
    "Yên Hòa": [("Chậm gửi báo cáo", 2)],
}
CROSS_REASONS = [
    "Minh chứng chưa thể hiện đủ kết quả so với chỉ tiêu đăng ký (dữ liệu mẫu).",
    "Số liệu tự chấm chưa khớp với báo cáo tổng kết của đơn vị (dữ liệu mẫu).",
    "Chưa có văn bản chứng minh việc tổ chức thực hiện ở tất cả các phường (dữ liệu mẫu).",
]
VALIDATION_REASON = (
    "Cụm trưởng đối chiếu minh chứng, thống nhất với đơn vị chấm chéo (dữ liệu mẫu)."
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _share(*parts: str) -> Decimal:
    """A deterministic number in [-0.04, 0.04) from the given words."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big") % 800 - 400) / Decimal(10000)


def _officers(unit_ids) -> dict:
    rows = RoleAssignment.objects.filter(unit_id__in=unit_ids, role=Role.UNIT_OFFICER)
    return {r.unit_id: r.user for r in rows.select_related("user").order_by("pk")}


def _input(line: ScoreLine, share: Decimal) -> dict:
    """What a unit reaching `share` of the criterion would enter."""
    criterion = line.criterion
    if criterion.method == ScoringMethod.TARGET:
        value = (criterion.target_value * min(share + Decimal("0.03"), Decimal("1.02"))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        return {"value": value}
    if criterion.method == ScoringMethod.YES_NO:
        return {"choice": YES if share >= Decimal("0.82") else NO}
    if criterion.method == ScoringMethod.LEVELS:
        levels = [lv["label"] for lv in criterion.levels]
        if not levels:
            return {"choice": NOT_REACHED}
        index = 0 if share >= Decimal("0.95") else 1 if share >= Decimal("0.86") else 2
        return {"choice": levels[min(index, len(levels) - 1)]}
    points = (criterion.max_score * min(share, Decimal(1)) * 2).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    ) / 2
    return {"points": points}


def _lower(line: ScoreLine, entered: dict) -> dict | None:
    """A cross scorer's stricter reading of the same line (None when there is none)."""
    criterion = line.criterion
    if "value" in entered:
        return {"value": (entered["value"] * Decimal("0.95")).quantize(Decimal("0.01"))}
    if criterion.method == ScoringMethod.LEVELS and entered["choice"] != NOT_REACHED:
        labels = [lv["label"] for lv in criterion.levels]
        position = labels.index(entered["choice"])
        return {"choice": labels[position + 1]} if position + 1 < len(labels) else None
    if "points" in entered and entered["points"] >= 1:
        return {"points": entered["points"] - 1}
    return None


def _self_score(scoring_round, strength, adjustments, day, users) -> dict[int, dict[int, dict]]:
    """Every unit self-scores every line and hands in; returns unit → line → what it entered."""
    names = {m.unit_id: m.unit.short_name for m in queries.members_of(scoring_round)}
    entered: dict[int, dict[int, dict]] = {}
    for unit_id, name in names.items():
        user = users[unit_id]
        entered[unit_id] = {}
        for line in queries.sheet_lines(scoring_round, unit_id):
            if line.criterion_id:
                data = _input(line, strength[name] + _share(name, line.criterion.code))
            else:
                times = next(
                    (
                        n
                        for prefix, n in adjustments.get(name, [])
                        if line.rule.text.startswith(prefix)
                    ),
                    0,
                )
                data = {"value": times}
            saved = actions.save_self_score(
                line=line, version=line.version, by=user, today=day, **data
            )
            entered[unit_id][line.pk] = data
            if line.criterion_id and line.criterion.evidence and saved.self_points:
                actions.add_evidence(
                    line=saved,
                    upload=SimpleUploadedFile(
                        f"minh-chung-{line.criterion.code}-mau.pdf", PDF, "application/pdf"
                    ),
                    by=user,
                    today=day,
                    is_sample=True,
                )
        member = scoring_round.units.get(unit_id=unit_id)
        actions.submit_self_scoring(member=member, by=user, today=day)
    return entered


def _cross_score(scoring_round, entered, users, *, every: int) -> None:
    """Each assigned scorer agrees with the self score, except on every `every`-th criterion
    line, where it reads the line more strictly and says why."""
    pairs = CrossAssignment.objects.filter(round=scoring_round).order_by("scorer_id")
    for count, pair in enumerate(pairs):
        user = users[pair.scorer_id]
        for i, line in enumerate(queries.sheet_lines(scoring_round, pair.scored_id)):
            data = dict(entered[pair.scored_id][line.pk])
            reason = ""
            if line.criterion_id and (i + count) % every == 0:
                stricter = _lower(line, data)
                if stricter is not None:
                    data, reason = stricter, CROSS_REASONS[(i + count) % len(CROSS_REASONS)]
            actions.save_cross_score(
                line=line, scorer=pair.scorer, version=0, reason=reason, by=user, **data
            )


def _resolve(scoring_round, validators: dict, *, keep_open: int = 0) -> None:
    """Settle the discrepancies with the cross score (all but the last `keep_open`)."""
    lines = queries.discrepancy_rows(scoring_round)
    for line in lines[: len(lines) - keep_open]:
        cross = min(c.points for c in line.cross_scores.all())
        actions.validate_score(
            line=line,
            version=line.version,
            points=cross,
            reason=VALIDATION_REASON,
            by=validators[line.unit_id],
        )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _ix(ctx: dict) -> None:
    cluster = ctx["clusters"]["ix"]
    if ScoringRound.objects.filter(cluster=cluster).exists():
        return
    units, users = ctx["units"], ctx["users"]
    leader = users["caugiay"]
    scoring_round = actions.create_round(
        cluster=cluster,
        opens_on=D(2020, 12, 1),
        closes_on=D(2020, 12, 10),
        grace_days=2,
        is_sample=True,
        by=leader,
    )
    officers = _officers(scoring_round.units.values("unit_id"))
    entered = _self_score(scoring_round, IX_STRENGTH, IX_ADJUSTMENTS, D(2020, 12, 8), officers)
    actions.assign_cross_scorers(
        scoring_round=scoring_round, mode="derangement", seed=2020, by=leader
    )
    _cross_score(scoring_round, entered, officers, every=7)
    actions.close_round(scoring_round=scoring_round, by=leader, now=_at(D(2020, 12, 11), 17))
    deputy = users["thanhxuan"]
    validators = {
        unit_id: deputy if unit_id == units["Cầu Giấy"].pk else leader for unit_id in officers
    }
    scoring_round.refresh_from_db()
    _resolve(scoring_round, validators)
    actions.publish_round(scoring_round=scoring_round, by=leader, now=_at(D(2020, 12, 12), 9))


def _wards(ctx: dict) -> None:
    cluster = ctx["clusters"]["wards"]
    if ScoringRound.objects.filter(cluster=cluster).exists():
        return
    units, users = ctx["units"], ctx["users"]
    leader = users["maidich"]
    scoring_round = actions.create_round(
        cluster=cluster,
        opens_on=D(2018, 12, 10),
        closes_on=D(2018, 12, 20),
        is_sample=True,
        by=leader,
    )
    officers = _officers(scoring_round.units.values("unit_id"))
    entered = _self_score(scoring_round, WARD_STRENGTH, WARD_ADJUSTMENTS, D(2018, 12, 18), officers)
    actions.assign_cross_scorers(
        scoring_round=scoring_round, mode="derangement", seed=2018, by=leader
    )
    _cross_score(scoring_round, entered, officers, every=9)
    actions.close_round(scoring_round=scoring_round, by=leader, now=_at(D(2018, 12, 21), 17))
    board = users["caugiay"]  # the district's board settles the leader's own unit (no deputy)
    validators = {
        unit_id: board if unit_id == units["Mai Dịch"].pk else leader for unit_id in officers
    }
    scoring_round.refresh_from_db()
    _resolve(scoring_round, validators, keep_open=4)


def seed(ctx: dict) -> None:
    """ctx["scoring_rounds"]: "ix" and "wards" → ScoringRound."""
    _ix(ctx)
    _wards(ctx)
    ctx["scoring_rounds"] = {
        name: ScoringRound.objects.get(cluster=ctx["clusters"][name]) for name in ("ix", "wards")
    }
