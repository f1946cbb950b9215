"""Commendation forms for collectives under the 2022 Law (Điều 42–44, 73–75)."""

from __future__ import annotations

from ..catalog import COLLECTIVE
from ..conditions import (
    AwardCombos,
    Combo,
    FactInYear,
    FoundedYearsBefore,
    Prerequisite,
    RatingInYear,
    YearlyRun,
)
from ..rule import REGIMES_2022, Rule
from ..text import law_2022

TTLDXS = ("tap_the_lao_dong_xuat_sac",)
CP, TINH, BK = "co_thi_dua_chinh_phu", "co_thi_dua_cap_tinh", "bang_khen_cap_tinh"


def _rule(code: str, route: str, article: str, *conditions) -> Rule:
    return Rule(
        code=code,
        route=route,
        subject=COLLECTIVE,
        regimes=REGIMES_2022,
        article=article,
        conditions=conditions,
    )


def _combo(*counts: tuple[str, int], flagless_only: bool = False) -> Combo:
    return Combo(counts=counts, flagless_only=flagless_only)


def _after(prerequisite: str, article: str, *combos: Combo) -> tuple:
    """The shape of 73.4.e and the Labour Orders: a prerequisite, then 5 excellent years."""
    return (
        Prerequisite(basis=article, award=prerequisite, years_after=5),
        YearlyRun(basis=article, length=5, minimum="htxsnv", titles=TTLDXS),
        AwardCombos(basis=article, length=5, combos=combos),
    )


_74_3_d = law_2022(74, 3, "d")
_73 = law_2022(73, 4, "e")
_44 = law_2022(44, 4, "đ")
_43 = law_2022(43, 4, "d")
_42 = law_2022(42, 4, "d")

RULES = (
    _rule(
        BK,
        "74.3.d",
        _74_3_d,
        YearlyRun(basis=_74_3_d, length=2, minimum="htxsnv", titles=TTLDXS),
        FactInYear(basis=_74_3_d, fact="grassroots_democracy"),
        FactInYear(basis=_74_3_d, fact="thrift_anticorruption_lead"),
    ),
    # How members of a cluster that did not lead it are proposed.
    _rule(
        BK,
        "74.3.a",
        law_2022(74, 3, "a"),
        FactInYear(basis=law_2022(74, 3, "a"), fact="excellent_in_movement"),
    ),
    _rule(
        "bang_khen_thu_tuong",
        "73.4.e",
        _73,
        *_after(BK, _73, _combo((TINH, 1)), _combo((BK, 2))),
    ),
    _rule(
        "huan_chuong_lao_dong_hang_ba",
        "44.4.đ",
        _44,
        FoundedYearsBefore(basis=_44, years=10),
        *_after(
            "bang_khen_thu_tuong",
            _44,
            _combo((CP, 1)),
            _combo((TINH, 2)),
            _combo((TINH, 1), (BK, 1)),
            _combo((BK, 2), flagless_only=True),
        ),
    ),
    _rule(
        "huan_chuong_lao_dong_hang_nhi",
        "43.4.d",
        _43,
        *_after(
            "huan_chuong_lao_dong_hang_ba",
            _43,
            _combo((CP, 1), (TINH, 1)),
            _combo((TINH, 3)),
            _combo((BK, 3), flagless_only=True),
        ),
    ),
    _rule(
        "huan_chuong_lao_dong_hang_nhat",
        "42.4.d",
        _42,
        *_after(
            "huan_chuong_lao_dong_hang_nhi",
            _42,
            _combo((CP, 2)),
            _combo((CP, 1), (TINH, 2)),
            _combo((TINH, 4)),
            _combo((BK, 4), flagless_only=True),
        ),
    ),
    _rule(
        "giay_khen",
        "75",
        law_2022(75),
        RatingInYear(basis=law_2022(75), minimum="httnv"),
        FactInYear(basis=law_2022(75), fact="excellent_in_movement"),
    ),
)
