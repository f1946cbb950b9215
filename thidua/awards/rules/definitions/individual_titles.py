"""Individual titles under the 2022 Law (Điều 21–24)."""

from __future__ import annotations

from ..catalog import INDIVIDUAL
from ..conditions import (
    ExcellenceOrInnovation,
    FactInYear,
    HeldInYears,
    InnovationInWindow,
    LabourStandard,
    RatingInYear,
    TitleRun,
)
from ..rule import REGIMES_2022, Rule
from ..text import LAW_2022, law_2022

LDTT, CSTDCS, CSTD_TINH = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
)

RULES = (
    Rule(
        code=LDTT,
        route="24.1",
        subject=INDIVIDUAL,
        regimes=REGIMES_2022,
        article=law_2022(24, 1),
        conditions=(
            RatingInYear(basis=law_2022(24, 1), minimum="httnv"),
            FactInYear(basis=law_2022(24, 1), fact="active_in_movements"),
        ),
    ),
    # No quota since 2024; htxsnv alone now suffices besides an initiative or a project.
    Rule(
        code=CSTDCS,
        route="23",
        subject=INDIVIDUAL,
        regimes=REGIMES_2022,
        article=law_2022(23),
        conditions=(
            LabourStandard(basis=law_2022(23, 1)),
            ExcellenceOrInnovation(basis=law_2022(23, 2), rating="htxsnv", min_scope="co_so"),
        ),
    ),
    Rule(
        code=CSTD_TINH,
        route="22.1",
        subject=INDIVIDUAL,
        regimes=REGIMES_2022,
        article=law_2022(22, 1),
        conditions=(
            TitleRun(basis=law_2022(22, 1, "a"), title=CSTDCS, length=3),
            # Scope cap_tinh means recognised by the province chairman (22.2).
            InnovationInWindow(
                basis=f"Điều 22 khoản 1 điểm b và khoản 2 {LAW_2022}",
                min_scope="cap_tinh",
                length=3,
            ),
        ),
    ),
    Rule(
        code="chien_si_thi_dua_toan_quoc",
        route="21.1",
        subject=INDIVIDUAL,
        regimes=REGIMES_2022,
        article=law_2022(21, 1),
        conditions=(
            # Two consecutive three-year cycles: held for Y and for Y−3.
            HeldInYears(basis=law_2022(21, 1), title=CSTD_TINH, offsets=(0, 3)),
            InnovationInWindow(basis=law_2022(21, 1), min_scope="toan_quoc", length=6),
        ),
    ),
)
