"""Conditions on chains of years: consecutive runs, counts in a window, prerequisites, combos.

Windows end at the year under review Y. Only merit awards count (sudden and thematic ones
never do), and only records from the end of a discipline period on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import rating_rank
from ..chains import run_ending_at
from ..context import Context
from ..text import name, rating_vi, span, times, years
from .base import Condition, uncounted_note, window
from .yearly import describe_rating, rating_at_least, rating_requirement


@dataclass(frozen=True, kw_only=True)
class TitleRun(Condition):
    """``title`` held in ``length`` consecutive years ending at Y."""

    title: str
    length: int

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        held = set(ctx.honour_years(self.title))
        run = run_ending_at(ctx.year, held.__contains__)
        first, last = window(ctx, self.length)
        text = f"{times(len(run))} lần liên tục đạt danh hiệu {name(self.title)} ({years(run)})"
        if len(run) >= self.length:
            return True, text
        tail = uncounted_note(ctx, (self.title,), first) + ctx.discipline_note(first)
        return False, (
            f"{text} tính đến năm {ctx.year}; yêu cầu {times(self.length)} lần liên tục "
            f"({span(first, last)}){tail}"
        )


@dataclass(frozen=True, kw_only=True)
class YearlyRun(Condition):
    """Each of the ``length`` years ending at Y rated at least ``minimum`` or holding ``titles``.

    A maternity year counts as the rating the person had before it; a missing year breaks it.
    """

    length: int
    minimum: str
    titles: tuple[str, ...] = ()

    def _accepted(self, ctx: Context, year: int) -> tuple[bool, str]:
        for title in self.titles:
            if year in ctx.honour_years(title, first=year, last=year):
                return True, name(title)
        view = ctx.rating(year)
        return rating_at_least(view, self.minimum), describe_rating(view)

    def requirement(self) -> str:
        alternatives = [rating_requirement(self.minimum).removeprefix("yêu cầu ")]
        alternatives += [f"danh hiệu {name(t)}" for t in self.titles]
        return " hoặc ".join(alternatives)

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        first, last = window(ctx, self.length)
        checked = [(y, *self._accepted(ctx, y)) for y in range(first, last + 1)]
        head = f"{times(self.length)} năm liên tục {span(first, last)} đạt {self.requirement()}"
        failing = [f"năm {y}: {text}" for y, ok, text in checked if not ok]
        if not failing:
            return True, f"{head}: " + "; ".join(f"{y}: {text}" for y, _, text in checked)
        tail = uncounted_note(ctx, self.titles, first) + ctx.discipline_note(first)
        return False, f"Chưa đủ {head}: {'; '.join(failing)}{tail}"


@dataclass(frozen=True, kw_only=True)
class TitleCount(Condition):
    """``title`` held in at least ``count`` of the ``length`` years ending at Y (any order)."""

    title: str
    count: int
    length: int

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        first, last = window(ctx, self.length)
        held = ctx.honour_years(self.title, first=first, last=last)
        met = len(held) >= self.count
        text = (
            f"{times(len(held))} năm đạt danh hiệu {name(self.title)} trong {span(first, last)} "
            f"({years(held)}); yêu cầu ít nhất {times(self.count)}"
        )
        tail = "" if met else uncounted_note(ctx, (self.title,), first) + ctx.discipline_note(first)
        return met, text + tail


@dataclass(frozen=True, kw_only=True)
class RatingCount(Condition):
    """Rated at least ``rating`` in ``count`` of the ``length`` years ending at Y."""

    rating: str
    count: int
    length: int

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        first, last = window(ctx, self.length)
        rank = rating_rank(self.rating)
        hits = [
            y
            for y in range(first, last + 1)
            if (code := ctx.rating(y).code) is not None and rating_rank(code) >= rank
        ]
        met = len(hits) >= self.count
        text = (
            f"{times(len(hits))} năm {rating_vi(self.rating)} trong {span(first, last)} "
            f"({years(hits)}); yêu cầu ít nhất {times(self.count)}"
        )
        return met, text + ("" if met else ctx.discipline_note(first))


@dataclass(frozen=True, kw_only=True)
class Prerequisite(Condition):
    """Holds ``award``; with ``years_after`` it must precede the window of that many years."""

    award: str
    years_after: int | None = None

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        held = ctx.honour_years(self.award)
        tail = uncounted_note(ctx, (self.award,), None)
        if cut := ctx.discipline_cut(self.award):
            tail += (
                f"; không tính {name(self.award)} năm {years(cut)}: thành tích chỉ được tính "
                f"từ năm {ctx.counted_from} (sau thời hạn kỷ luật)"
            )
        if self.years_after is None:
            if held:
                return True, f"Đã được tặng {name(self.award)} năm {years(held)}"
            return False, f"Chưa được tặng {name(self.award)} đến năm {ctx.year}{tail}"
        first, last = window(ctx, self.years_after)
        before = [y for y in held if y < first]
        later = [y for y in held if y >= first]
        if before:
            return True, (
                f"Đã được tặng {name(self.award)} năm {before[-1]}; "
                f"xét {times(self.years_after)} năm tiếp theo {span(first, last)}"
            )
        need = f"cần được tặng từ năm {first - 1} trở về trước để xét {span(first, last)}"
        if later:
            return False, (
                f"{name(self.award)} năm {years(later)} chưa đủ {times(self.years_after)} năm "
                f"tiếp theo đến năm {ctx.year} ({need}){tail}"
            )
        return False, f"Chưa được tặng {name(self.award)} ({need}){tail}"


@dataclass(frozen=True)
class Combo:
    """One acceptable mix of awards in a window, e.g. 1 Cờ CP + 1 Cờ tỉnh."""

    counts: tuple[tuple[str, int], ...]
    flagless_only: bool = False  # only for collectives that cannot receive a flag

    def describe(self) -> str:
        text = " và ".join(f"{times(n)} {name(code)}" for code, n in self.counts)
        return f"{text} (tập thể không thuộc đối tượng tặng cờ)" if self.flagless_only else text


@dataclass(frozen=True, kw_only=True)
class AwardCombos(Condition):
    """Among the ``length`` years ending at Y, the awards of at least one combo."""

    length: int
    combos: tuple[Combo, ...]

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        first, last = window(ctx, self.length)
        codes = tuple(dict.fromkeys(code for c in self.combos for code, _ in c.counts))
        held = {code: ctx.honour_years(code, first=first, last=last) for code in codes}
        found = ", ".join(
            f"{times(len(held[code]))} {name(code)} ({years(held[code])})" for code in codes
        )
        usable = [c for c in self.combos if not c.flagless_only or not ctx.subject.can_receive_flag]
        met = next((c for c in usable if all(len(held[k]) >= n for k, n in c.counts)), None)
        if met:
            return True, f"Trong {span(first, last)}: {found}; đạt: {met.describe()}"
        options = "; ".join(c.describe() for c in usable)
        tail = uncounted_note(ctx, codes, first) + ctx.discipline_note(first)
        return (
            False,
            f"Trong {span(first, last)}: {found}; chưa đạt phương án nào ({options}){tail}",
        )
