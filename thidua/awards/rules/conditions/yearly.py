"""Conditions on the year under review: rating, recorded facts, clusters, movements, founding."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.core.vn import format_short_date

from ..catalog import rating_rank
from ..chains import RatingView
from ..context import Context
from ..text import FACT_VI, LAUNCHER_VI, ORGANISER_VI, name, rating_vi, times, years
from .base import Condition, excluded_year, uncounted_note


def describe_rating(view: RatingView) -> str:
    if view.code is None:
        return "không có xếp loại"
    if view.carried_from is not None:
        return f"nghỉ thai sản, tính theo xếp loại năm {view.carried_from}: {rating_vi(view.code)}"
    return rating_vi(view.code)


def rating_requirement(minimum: str) -> str:
    if minimum == "htxsnv":
        return f"yêu cầu {rating_vi(minimum)}"
    return f"yêu cầu từ {rating_vi(minimum)} trở lên"


def rating_at_least(view: RatingView, minimum: str) -> bool:
    return view.code is not None and rating_rank(view.code) >= rating_rank(minimum)


def missing_fact(fact: str, year: int) -> str:
    return f"thiếu dữ kiện năm {year}: {FACT_VI[fact]} (chưa được ghi nhận, không suy đoán)"


@dataclass(frozen=True, kw_only=True)
class RatingInYear(Condition):
    minimum: str  # rating code; the rating of Y must rank at least as high

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        if cut := excluded_year(ctx, "Xếp loại"):
            return cut
        view = ctx.rating(ctx.year)
        need = rating_requirement(self.minimum)
        if view.code is None:
            return False, f"Năm {ctx.year} chưa có xếp loại mức độ hoàn thành nhiệm vụ ({need})"
        met = rating_at_least(view, self.minimum)
        return met, f"Năm {ctx.year} xếp loại {describe_rating(view)} ({need})"


@dataclass(frozen=True, kw_only=True)
class FactInYear(Condition):
    fact: str  # a judgement recorded by a person; never assumed

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        if cut := excluded_year(ctx, f"Ghi nhận “{FACT_VI[self.fact]}”"):
            return cut
        if ctx.has_fact(self.fact, ctx.year):
            return True, f"Có ghi nhận năm {ctx.year}: {FACT_VI[self.fact]}"
        message = missing_fact(self.fact, ctx.year)
        return False, message[0].upper() + message[1:]


@dataclass(frozen=True, kw_only=True)
class LabourStandard(Condition):
    """Meets the Lao động tiên tiến standard in Y: holds the title, or its conditions hold."""

    title: str = "lao_dong_tien_tien"
    minimum: str = "httnv"
    fact: str = "active_in_movements"

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        y = ctx.year
        if cut := excluded_year(ctx, f"Tiêu chuẩn {name(self.title)}"):
            return cut
        if y in ctx.honour_years(self.title, first=y):
            return True, f"Đã đạt danh hiệu {name(self.title)} năm {y}"
        view = ctx.rating(y)
        gaps = []
        if not rating_at_least(view, self.minimum):
            gaps.append(f"xếp loại {describe_rating(view)} ({rating_requirement(self.minimum)})")
        if not ctx.has_fact(self.fact, y):
            gaps.append(missing_fact(self.fact, y))
        if gaps:
            return False, f"Chưa đạt tiêu chuẩn {name(self.title)} năm {y}: {'; '.join(gaps)}"
        detail = f"xếp loại {describe_rating(view)}; {FACT_VI[self.fact]}"
        return True, f"Đạt tiêu chuẩn {name(self.title)} năm {y}: {detail}"


@dataclass(frozen=True, kw_only=True)
class ClusterLeading(Condition):
    organised_by: str  # province | central

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        y, organiser = ctx.year, ORGANISER_VI[self.organised_by]
        if cut := excluded_year(ctx, "Kết quả cụm, khối thi đua"):
            return cut
        clusters = [c for c in ctx.clusters(y) if c.organised_by == self.organised_by]
        if any(c.leading for c in clusters):
            return True, f"Năm {y} là đơn vị dẫn đầu cụm, khối thi đua do {organiser} tổ chức"
        seen = f" (tham gia {len(clusters)} cụm, khối nhưng không dẫn đầu)" if clusters else ""
        return False, f"Năm {y} không dẫn đầu cụm, khối thi đua do {organiser} tổ chức{seen}"


@dataclass(frozen=True, kw_only=True)
class MovementLeading(Condition):
    launched_by: str  # province | prime_minister
    min_years: int  # the movement's length at the review held in Y
    thematic_only: bool = False

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        y = ctx.year
        if cut := excluded_year(ctx, "Kết quả phong trào thi đua"):
            return cut
        kind = "phong trào thi đua theo chuyên đề" if self.thematic_only else "phong trào thi đua"
        wanted = (
            f"{kind} do {LAUNCHER_VI[self.launched_by]} phát động, "
            f"sơ kết, tổng kết từ {times(self.min_years)} năm trở lên"
        )
        for m in ctx.movements(y):
            if (
                m.leading
                and m.launched_by == self.launched_by
                and m.years >= self.min_years
                and (m.thematic or not self.thematic_only)
            ):
                return True, f"Năm {y} dẫn đầu {wanted} (phong trào {times(m.years)} năm)"
        seen = "; ".join(
            f"phong trào do {LAUNCHER_VI[m.launched_by]} phát động, {times(m.years)} năm, "
            f"{'chuyên đề, ' if m.thematic else ''}{'dẫn đầu' if m.leading else 'không dẫn đầu'}"
            for m in ctx.movements(y)
        )
        found = f" (ghi nhận: {seen})" if seen else ""
        return False, f"Năm {y} không dẫn đầu {wanted}{found}"


@dataclass(frozen=True, kw_only=True)
class HeldInYears(Condition):
    """Holds ``title`` for each year Y − offset (e.g. Y and Y−3: two consecutive cycles)."""

    title: str
    offsets: tuple[int, ...] = (0,)

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        wanted = sorted(ctx.year - o for o in self.offsets)
        held = set(ctx.honour_years(self.title))
        missing = [y for y in wanted if y not in held]
        extra = uncounted_note(ctx, (self.title,), wanted[0])
        if not missing:
            return True, f"Đạt {name(self.title)} các năm yêu cầu ({years(wanted)})"
        note = ctx.discipline_note(wanted[0])
        return False, (
            f"Thiếu {name(self.title)} năm {years(missing)} (yêu cầu các năm {years(wanted)})"
            f"{extra}{note}"
        )


@dataclass(frozen=True, kw_only=True)
class FoundedYearsBefore(Condition):
    """The collective was founded at least ``years`` years before the end of Y."""

    years: int

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        end = datetime.date(ctx.year, 12, 31)
        founded = ctx.subject.founded
        if founded is None:
            need = f"yêu cầu đủ {self.years} năm đến hết năm {ctx.year}"
            return False, f"Thiếu ngày thành lập của tập thể ({need})"
        latest = datetime.date(ctx.year - self.years, 12, 31)
        enough = "đủ" if founded <= latest else "chưa đủ"
        return founded <= latest, (
            f"Thành lập ngày {format_short_date(founded)}: {enough} {self.years} năm "
            f"tính đến ngày {format_short_date(end)}"
        )
