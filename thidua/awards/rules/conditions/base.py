"""A condition is data (its article and thresholds) plus one small evaluation function."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from ..context import Context
from ..principles import principles
from ..results import ConditionResult


@dataclass(frozen=True, kw_only=True)
class Condition(ABC):
    # The article, in Vietnamese: "Điều 22 khoản 1 điểm a Luật Thi đua, khen thưởng 2022".
    basis: str

    @abstractmethod
    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        """(met, Vietnamese message naming the years and counts used)."""

    def check(self, ctx: Context) -> ConditionResult:
        met, message = self.evaluate(ctx)
        return ConditionResult(self.basis, met, message)


def window(ctx: Context, length: int) -> tuple[int, int]:
    """The evaluation years Y−length+1 … Y of a window ending at the year under review."""
    return ctx.year - length + 1, ctx.year


def uncounted_note(ctx: Context, codes: tuple[str, ...], first: int | None) -> str:
    """A suffix naming sudden and thematic awards left out of a chain, with the article."""
    notes = ctx.uncounted(codes, first=first)
    return f"; {'; '.join(notes)} ({principles(ctx).chains})" if notes else ""


def excluded_year(ctx: Context, what: str) -> tuple[bool, str] | None:
    """An unmet result when the year under review falls inside a discipline period."""
    if ctx.counts(ctx.year):
        return None
    return False, (
        f"{what} năm {ctx.year} không được tính: thành tích chỉ được tính từ năm "
        f"{ctx.counted_from} (sau thời hạn kỷ luật)"
    )
