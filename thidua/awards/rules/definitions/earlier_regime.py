"""The regime before 2024 (Law 2003 as amended in 2013, Nghị định 91/2017/NĐ-CP).

Only the differences ``regulations.md`` lists are modelled: CSTĐ cơ sở needed an initiative
(or a project) and was capped at 15% of the LĐTT count; TTLĐTT needed over 50% LĐTT. The LĐTT
standard is modelled too, since both differences are stated against it. Every other route of
that regime is a rule with ``modelled=False``: its verdict says so instead of silently
applying the 2022 rule. Route ids are the 2022 ones, so ``request.route`` works across years.
"""

from __future__ import annotations

from ..catalog import COLLECTIVE, INDIVIDUAL
from ..conditions import (
    ExcellenceOrInnovation,
    FactInYear,
    LabourStandard,
    MemberCount,
    MemberShare,
    RatingInYear,
)
from ..rule import REGIME_2013, Quota, Rule
from ..text import LAW_2013

ND_91 = "Nghị định 91/2017/NĐ-CP"
_24 = f"Điều 24 {LAW_2013}"
_23 = f"Điều 23 {LAW_2013}"


def _28(point: str) -> str:
    return f"Điều 28 khoản 1 điểm {point} {LAW_2013}"


MODELLED = (
    Rule(
        code="lao_dong_tien_tien",
        route="24.1",
        subject=INDIVIDUAL,
        regimes=(REGIME_2013,),
        article=_24,
        conditions=(
            RatingInYear(basis=_24, minimum="httnv"),
            FactInYear(basis=_24, fact="active_in_movements"),
        ),
    ),
    Rule(
        code="chien_si_thi_dua_co_so",
        route="23",
        subject=INDIVIDUAL,
        regimes=(REGIME_2013,),
        article=f"{_23}; {ND_91}",
        conditions=(
            LabourStandard(basis=_23),
            ExcellenceOrInnovation(basis=f"{_23}; {ND_91}", rating=None, min_scope="co_so"),
        ),
        quota=Quota(
            description=f"Không quá 15% số cá nhân đạt Lao động tiên tiến ({ND_91})",
            percent=15,
            of="lao_dong_tien_tien",
        ),
    ),
    Rule(
        code="tap_the_lao_dong_tien_tien",
        route="28.1",
        subject=COLLECTIVE,
        regimes=(REGIME_2013,),
        article=f"Điều 28 khoản 1 {LAW_2013}",
        conditions=(
            RatingInYear(basis=_28("a"), minimum="httnv"),
            MemberShare(
                basis=_28("c"), field="lao_dong_tien_tien", percent=50, strictly_above=True
            ),
            MemberCount(basis=_28("c"), field="disciplined_canh_cao_or_heavier", maximum=0),
            FactInYear(basis=_28("d"), fact="united"),
        ),
    ),
)

# Kept with the unmodelled Cờ CP routes so the set-wise check can apply it to 2017–2023.
_QUOTAS = {
    "co_thi_dua_chinh_phu": Quota(
        description=(
            f"Không quá 20% số tập thể đạt tiêu chuẩn Cờ thi đua cấp bộ, ngành, tỉnh ({ND_91})"
        ),
        percent=20,
        of="co_thi_dua_cap_tinh",
    ),
}


def not_modelled(rules_2022: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """One unmodelled rule per 2022 route whose title or form this regime does not model."""
    modelled = {(r.code, r.subject) for r in MODELLED}
    return tuple(
        Rule(
            code=r.code,
            route=r.route,
            subject=r.subject,
            regimes=(REGIME_2013,),
            article=f"{LAW_2013}; {ND_91}",
            quota=_QUOTAS.get(r.code),
            modelled=False,
        )
        for r in rules_2022
        if (r.code, r.subject) not in modelled
    )
