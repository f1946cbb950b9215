"""Conditions on a collective's members in the year under review."""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..text import share
from .base import Condition, excluded_year

MEMBER_VI = {
    "completed": "hoàn thành nhiệm vụ trở lên",
    "lao_dong_tien_tien": "đạt Lao động tiên tiến",
    "chien_si_thi_dua_co_so": "đạt Chiến sĩ thi đua cơ sở",
    "disciplined_canh_cao_or_heavier": "bị kỷ luật từ Cảnh cáo trở lên (Khiển trách không tính)",
}


def missing_members(ctx: Context) -> tuple[bool, str]:
    cut = excluded_year(ctx, "Số liệu thành viên")
    return cut or (False, f"Thiếu số liệu thành viên năm {ctx.year}")


@dataclass(frozen=True, kw_only=True)
class MemberShare(Condition):
    """At least ``percent``% of members (or strictly more, as the 2003 Law's "trên 50%")."""

    field: str
    percent: int
    strictly_above: bool = False

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        members = ctx.members(ctx.year)
        if members is None:
            return missing_members(ctx)
        part, total = getattr(members, self.field), members.total
        # Integer arithmetic: 7/10 is exactly 70%, with no rounding at the threshold.
        if self.strictly_above:
            met, need = part * 100 > self.percent * total, f"trên {self.percent}%"
        else:
            met, need = part * 100 >= self.percent * total, f"từ {self.percent}% trở lên"
        if self.percent == 100 and not self.strictly_above:
            need = "100%"
        return met, f"{share(part, total)} {MEMBER_VI[self.field]} năm {ctx.year} (yêu cầu {need})"


@dataclass(frozen=True, kw_only=True)
class MemberCount(Condition):
    """A count of members within bounds (at least one CSTĐ cơ sở; nobody disciplined)."""

    field: str
    minimum: int | None = None
    maximum: int | None = None

    def evaluate(self, ctx: Context) -> tuple[bool, str]:
        members = ctx.members(ctx.year)
        if members is None:
            return missing_members(ctx)
        count = getattr(members, self.field)
        met = (self.minimum is None or count >= self.minimum) and (
            self.maximum is None or count <= self.maximum
        )
        if self.maximum == 0:
            need = "không có thành viên nào"
        elif self.maximum is None:
            need = f"ít nhất {self.minimum}"
        else:
            need = f"từ {self.minimum or 0} đến {self.maximum}"
        return met, (
            f"{count}/{members.total} thành viên {MEMBER_VI[self.field]} năm {ctx.year} "
            f"(yêu cầu {need})"
        )
