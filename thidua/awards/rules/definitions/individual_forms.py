"""Commendation forms for individuals under the 2022 Law (Điều 42–44, 73–75)."""

from __future__ import annotations

from ..catalog import INDIVIDUAL
from ..conditions import (
    FactInYear,
    Prerequisite,
    RatingCount,
    RatingInYear,
    TitleCount,
    TitleRunOrExcellenceWithInnovations,
    YearlyRun,
)
from ..rule import REGIMES_2022, Rule
from ..text import law_2022

CSTDCS, CSTD_TINH = "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"


def _rule(code: str, route: str, article: str, *conditions) -> Rule:
    return Rule(
        code=code,
        route=route,
        subject=INDIVIDUAL,
        regimes=REGIMES_2022,
        article=article,
        conditions=conditions,
    )


def _labour_order(
    code: str, route: str, article: str, prerequisite: str, excellent: int, title: str, titles: int
) -> Rule:
    """Huân chương Lao động: the lower class or form, then 5 years ≥ httnv with achievements."""
    return _rule(
        code,
        route,
        article,
        Prerequisite(basis=article, award=prerequisite, years_after=5),
        YearlyRun(basis=article, length=5, minimum="httnv"),
        RatingCount(basis=article, rating="htxsnv", count=excellent, length=5),
        TitleCount(basis=article, title=title, count=titles, length=5),
    )


_73 = law_2022(73, 1, "b")

RULES = (
    # 74.1.d holds both merit alternatives; other routes of 74.1 (sudden achievements,
    # contributions) have no recorded fact in the contract and are not modelled.
    _rule(
        "bang_khen_cap_tinh",
        "74.1.d",
        law_2022(74, 1, "d"),
        TitleRunOrExcellenceWithInnovations(basis=law_2022(74, 1, "d")),
    ),
    _rule(
        "bang_khen_cap_tinh",
        "74.1.a",
        law_2022(74, 1, "a"),
        FactInYear(basis=law_2022(74, 1, "a"), fact="excellent_in_movement"),
    ),
    # The Law does not say the 5 years must follow the Bằng khen: not required.
    _rule(
        "bang_khen_thu_tuong",
        "73.1.b",
        _73,
        Prerequisite(basis=_73, award="bang_khen_cap_tinh"),
        YearlyRun(basis=_73, length=5, minimum="httnv"),
        TitleCount(basis=_73, title=CSTDCS, count=3, length=5),
    ),
    _labour_order(
        "huan_chuong_lao_dong_hang_ba",
        "44.1.e",
        law_2022(44, 1, "e"),
        "bang_khen_thu_tuong",
        excellent=1,
        title=CSTDCS,
        titles=3,
    ),
    _labour_order(
        "huan_chuong_lao_dong_hang_nhi",
        "43.1.đ",
        law_2022(43, 1, "đ"),
        "huan_chuong_lao_dong_hang_ba",
        excellent=2,
        title=CSTD_TINH,
        titles=1,
    ),
    _labour_order(
        "huan_chuong_lao_dong_hang_nhat",
        "42.1.đ",
        law_2022(42, 1, "đ"),
        "huan_chuong_lao_dong_hang_nhi",
        excellent=3,
        title=CSTD_TINH,
        titles=2,
    ),
    # Giấy khen: each province or ministry sets the standards (75.2); this is the model.
    _rule(
        "giay_khen",
        "75",
        law_2022(75),
        RatingInYear(basis=law_2022(75), minimum="httnv"),
        FactInYear(basis=law_2022(75), fact="excellent_in_movement"),
    ),
)
