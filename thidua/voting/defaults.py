"""The default approval thresholds and quorum rule (regulations.md, "Votes and councils").

Nghị định 98/2023/NĐ-CP art. 30.7 (01/01/2024 – 30/06/2025): the council votes by secret ballot;
approval needs at least 90% of ALL council members for Chiến sĩ thi đua toàn quốc and cấp tỉnh,
at least 80% for Chiến sĩ thi đua cơ sở and the two flags. From 01/07/2025 each province sets its
own: the same values are the default of every province until it configures its own rows.
Quorum: two thirds of the members present, the general model (a province may require 80%).

Loaded by the data migration 0002 (with the historical models) and, where missing, by the demo
(a test database flushed by a transactional test has lost them).
"""

from __future__ import annotations

import datetime

ND98 = "luat_2022_nd_98_2023"
ND152 = "luat_2022_nd_152_2025"
ND98_BASIS = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
PROVINCE_BASIS = (
    "Từ 01/7/2025 do Ủy ban nhân dân tỉnh quy định; mặc định theo Nghị định 98/2023/NĐ-CP, "
    "Điều 30 khoản 7"
)
SHARES = {
    "chien_si_thi_dua_toan_quoc": 90,
    "chien_si_thi_dua_cap_tinh": 90,
    "chien_si_thi_dua_co_so": 80,
    "co_thi_dua_cap_tinh": 80,
    "co_thi_dua_chinh_phu": 80,
}
PERIODS = (
    (ND98, datetime.date(2024, 1, 1), datetime.date(2025, 6, 30), ND98_BASIS),
    (ND152, datetime.date(2025, 7, 1), None, PROVINCE_BASIS),
)
QUORUM_BASIS = "Mô hình chung: ít nhất 2/3 tổng số thành viên Hội đồng có mặt"


def load(threshold_model, quorum_model) -> None:
    """Create the default rows that are missing (idempotent)."""
    existing = set(
        threshold_model.objects.filter(province__isnull=True).values_list("regime", "award_code")
    )
    threshold_model.objects.bulk_create(
        threshold_model(
            regime=regime,
            valid_from=start,
            valid_to=end,
            award_code=code,
            numerator=share,
            denominator=100,
            comparison="at_least",
            of_all_members=True,
            article=basis,
        )
        for regime, start, end, basis in PERIODS
        for code, share in SHARES.items()
        if (regime, code) not in existing
    )
    if not quorum_model.objects.filter(province__isnull=True).exists():
        quorum_model.objects.create(
            valid_from=datetime.date(1945, 1, 1),
            numerator=2,
            denominator=3,
            comparison="at_least",
            article=QUORUM_BASIS,
        )


def ensure_default_rules() -> None:
    from .models import ApprovalThreshold, QuorumRule

    load(ApprovalThreshold, QuorumRule)
