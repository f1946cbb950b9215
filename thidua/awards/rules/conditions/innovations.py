"""Conditions on initiatives (sáng kiến) and research projects (đề tài).

Each one is used once: an id listed in the ``based_on`` of a title or award is no longer
available to another (Law art. 5.2.c; Công văn 5007/BNV-TĐKT III.5.c).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chains import run_ending_at
from ..context import Context
from ..history import INITIATIVE, RESEARCH, Innovation
from ..text import INNOVATION_VI, name, rating_vi, scope_vi, span, times, years
from .base import Condition, excluded_year, window
from .yearly import describe_rating, rating_at_least

BOTH_KINDS = (INITIATIVE, RESEARCH)


def describe(item: Innovation) -> str:
    return f"{INNOVATION_VI[item.kind]} {item.id} ({scope_vi(item.scope)}, năm {item.year})"


def used_note(ctx: Context, used: list[Innovation]) -> str:
    if not used:
        return ""
    uses = ", ".join(
        f"{i.id} đã dùng cho {name(ctx.used_ids[i.id].code)} năm {ctx.used_ids[i.id].year}"
        for i in used
    )
    return f" ({uses})"


def wanted(min_scope: str, kinds: tuple[str, ...]) -> str:
    what = " hoặc ".join(INNOVATION_VI[k] for k in kinds)
    return f"{what} {scope_vi(min_scope)} trở lên chưa sử dụng"


@dataclass(frozen=True, kw_only=True)
class ExcellenceOrInnovation(Condition):
    """Rated ``rating`` in Y, or an unused initiative/project recognised in Y.

    ``rating`` None: the rating alone is not enough (NĐ 91/2017 required an initiative).
    """

    rating: str | None = "htxsnv"
    min_scope: str = "co_so"
    kinds: tuple[str, ...] = BOTH_KINDS

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        y = ctx.year
        if cut := excluded_year(ctx, "Thành tích"):
            return cut
        view = ctx.rating(y)
        if self.rating and rating_at_least(view, self.rating):
            return True, f"Năm {y} xếp loại {describe_rating(view)}"
        unused, used = ctx.innovations(y, y, self.min_scope, self.kinds)
        if unused:
            return True, f"Có {describe(unused[0])}, chưa dùng làm căn cứ khen thưởng khác"
        gaps = []
        if self.rating:
            gaps.append(
                f"năm {y} xếp loại {describe_rating(view)}, không đạt {rating_vi(self.rating)}"
            )
        gaps.append(
            f"không có {wanted(self.min_scope, self.kinds)} được công nhận năm {y}"
            + used_note(ctx, used)
        )
        if not self.rating:
            gaps.append("chế độ này yêu cầu có sáng kiến hoặc đề tài, xếp loại không thay thế được")
        text = "; ".join(gaps)
        return False, text[0].upper() + text[1:]


@dataclass(frozen=True, kw_only=True)
class InnovationInWindow(Condition):
    """``count`` unused initiatives/projects of scope ≥ ``min_scope`` in the window ending at Y."""

    min_scope: str
    length: int
    count: int = 1
    kinds: tuple[str, ...] = BOTH_KINDS

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        first, last = window(ctx, self.length)
        unused, used = ctx.innovations(first, last, self.min_scope, self.kinds)
        if len(unused) >= self.count:
            found = ", ".join(describe(i) for i in unused[: self.count])
            return (
                True,
                f"Có {found} trong {span(first, last)}, chưa dùng làm căn cứ khen thưởng khác",
            )
        return False, (
            f"Có {times(len(unused))} {wanted(self.min_scope, self.kinds)} được công nhận "
            f"trong {span(first, last)}; yêu cầu {times(self.count)}"
            f"{used_note(ctx, used)}{ctx.discipline_note(first)}"
        )


@dataclass(frozen=True, kw_only=True)
class TitleRunOrExcellenceWithInnovations(Condition):
    """Bằng khen tỉnh, 74.1.d: ``title`` ``title_run`` times in a row, or ``rating`` in at
    least ``rating_run`` consecutive years with ``innovations`` unused initiatives (or as many
    projects) recognised in that period."""

    title: str = "chien_si_thi_dua_co_so"
    title_run: int = 2
    rating: str = "htxsnv"
    rating_run: int = 2
    innovations: int = 2
    min_scope: str = "co_so"

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        y = ctx.year
        held = set(ctx.honour_years(self.title))
        titles = run_ending_at(y, held.__contains__)
        title_text = (
            f"{times(len(titles))} lần liên tục đạt danh hiệu {name(self.title)} ({years(titles)})"
        )
        if len(titles) >= self.title_run:
            return True, title_text
        rated = run_ending_at(y, lambda year: rating_at_least(ctx.rating(year), self.rating))
        rating_text = f"{times(len(rated))} năm liên tục {rating_vi(self.rating)} ({years(rated)})"
        if len(rated) >= self.rating_run:
            unused, used = ctx.innovations(rated[0], y, self.min_scope, BOTH_KINDS)
            for kind in BOTH_KINDS:
                of_kind = [i for i in unused if i.kind == kind]
                if len(of_kind) >= self.innovations:
                    found = ", ".join(describe(i) for i in of_kind[: self.innovations])
                    return True, f"{rating_text}, trong thời gian đó có {found} chưa sử dụng"
            counts = ", ".join(
                f"{times(sum(i.kind == k for i in unused))} {INNOVATION_VI[k]}" for k in BOTH_KINDS
            )
            rating_text += (
                f" nhưng chỉ có {counts} {scope_vi(self.min_scope)} trở lên chưa sử dụng trong "
                f"{span(rated[0], y)}{used_note(ctx, used)}"
            )
        need = (
            f"yêu cầu {times(self.title_run)} lần liên tục {name(self.title)}, hoặc từ "
            f"{times(self.rating_run)} năm liên tục {rating_vi(self.rating)} kèm "
            f"{times(self.innovations)} sáng kiến (hoặc {times(self.innovations)} đề tài) "
            f"{scope_vi(self.min_scope)} trở lên chưa sử dụng"
        )
        note = ctx.discipline_note(y - max(self.title_run, self.rating_run) + 1)
        return False, f"Tính đến năm {y}: {title_text}; {rating_text}; {need}{note}"
