"""Collective titles under the 2022 Law (Điều 25–28)."""

from __future__ import annotations

from ..catalog import COLLECTIVE
from ..conditions import (
    ClusterLeading,
    FactInYear,
    HeldInYears,
    MemberCount,
    MemberShare,
    MovementLeading,
    RatingInYear,
)
from ..rule import REGIMES_2022, Quota, Rule
from ..text import law_2022

DISCIPLINED = "disciplined_canh_cao_or_heavier"
CO_TINH = "co_thi_dua_cap_tinh"


def _rule(code: str, route: str, article: str, *conditions, quota: Quota | None = None) -> Rule:
    return Rule(
        code=code,
        route=route,
        subject=COLLECTIVE,
        regimes=REGIMES_2022,
        article=article,
        conditions=conditions,
        quota=quota,
    )


_28 = law_2022(28, 1)
_27 = law_2022(27, 1)
_26_1 = law_2022(26, 1)
_25_1 = law_2022(25, 1)

RULES = (
    _rule(
        "tap_the_lao_dong_tien_tien",
        "28.1",
        _28,
        RatingInYear(basis=_28, minimum="httnv"),
        MemberShare(basis=_28, field="lao_dong_tien_tien", percent=70),
        # A reprimand (khiển trách) does not block; a warning or heavier does.
        MemberCount(basis=_28, field=DISCIPLINED, maximum=0),
        FactInYear(basis=_28, fact="united"),
    ),
    _rule(
        "tap_the_lao_dong_xuat_sac",
        "27.1",
        _27,
        RatingInYear(basis=_27, minimum="htxsnv"),
        MemberShare(basis=_27, field="completed", percent=100),
        MemberShare(basis=_27, field="lao_dong_tien_tien", percent=70),
        MemberCount(basis=_27, field="chien_si_thi_dua_co_so", minimum=1),
        FactInYear(basis=_27, fact="united"),
    ),
    _rule(
        CO_TINH,
        "26.1",
        _26_1,
        ClusterLeading(basis=_26_1, organised_by="province"),
        FactInYear(basis=_26_1, fact="exceeded_targets"),
        FactInYear(basis=_26_1, fact="exemplary"),
        FactInYear(basis=_26_1, fact="united"),
        FactInYear(basis=_26_1, fact="party_clean_strong"),
        quota=Quota(
            description="Mỗi cụm, khối thi đua một tập thể dẫn đầu mỗi năm (Điều 26 khoản 1)",
            count=1,
            per="cluster_year",
        ),
    ),
    _rule(
        CO_TINH,
        "26.2",
        law_2022(26, 2),
        MovementLeading(
            basis=law_2022(26, 2), launched_by="province", min_years=3, thematic_only=True
        ),
    ),
    _rule(
        "co_thi_dua_chinh_phu",
        "25.1",
        _25_1,
        ClusterLeading(basis=_25_1, organised_by="province"),
        HeldInYears(basis=_25_1, title=CO_TINH, offsets=(0,)),
        FactInYear(basis=_25_1, fact="exemplary"),
        FactInYear(basis=_25_1, fact="thrift_anticorruption_lead"),
    ),
    _rule(
        "co_thi_dua_chinh_phu",
        "25.2",
        law_2022(25, 2),
        ClusterLeading(basis=law_2022(25, 2), organised_by="central"),
    ),
    _rule(
        "co_thi_dua_chinh_phu",
        "25.3",
        law_2022(25, 3),
        MovementLeading(basis=law_2022(25, 3), launched_by="prime_minister", min_years=5),
    ),
)
