"""Principles every route shares, cited per regime: pending matters, discipline periods.

NĐ 152/2025 art. 4 is cited by clause as ``regulations.md`` does. For the two earlier
regimes the citation names the instrument that held the same principle rather than guess a
clause number.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.core.vn import format_short_date

from .catalog import CATALOG
from .context import Context
from .results import ConditionResult
from .text import PENDING_VI


@dataclass(frozen=True)
class Principles:
    blocked: str  # nothing is awarded or proposed while a matter is pending
    chains: str  # sudden and thematic awards do not count in chains
    discipline: str  # achievements count only from the end of a discipline period
    sources: str  # the regime's law and decree, for rules that are not modelled


PRINCIPLES = {
    "luat_2022_nd_152_2025": Principles(
        blocked="Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP",
        chains="Điều 4 khoản 3 Nghị định 152/2025/NĐ-CP",
        discipline="Điều 4 Nghị định 152/2025/NĐ-CP",
        sources="Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
    ),
    "luat_2022_nd_98_2023": Principles(
        blocked="Nghị định 98/2023/NĐ-CP (nguyên tắc khen thưởng)",
        chains="Nghị định 98/2023/NĐ-CP (nguyên tắc khen thưởng)",
        discipline="Nghị định 98/2023/NĐ-CP (nguyên tắc khen thưởng)",
        sources="Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
    ),
    "luat_2013_nd_91_2017": Principles(
        blocked="Thông tư 08/2017/TT-BNV hướng dẫn Nghị định 91/2017/NĐ-CP",
        chains="Nghị định 91/2017/NĐ-CP",
        discipline="Nghị định 91/2017/NĐ-CP",
        sources=(
            "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013) và Nghị định 91/2017/NĐ-CP"
        ),
    ),
}


def principles(ctx: Context) -> Principles:
    return PRINCIPLES[ctx.regime.code]


def pending_condition(ctx: Context) -> ConditionResult:
    pending = ctx.subject.pending
    if pending:
        matters = ", ".join(PENDING_VI[m] for m in dict.fromkeys(pending))
        message = f"Đang có vụ việc chưa kết thúc ({matters}): chưa xét, đề nghị khen thưởng"
    else:
        message = (
            "Không có vụ việc đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra "
            "hay giải quyết khiếu nại, tố cáo"
        )
    return ConditionResult(principles(ctx).blocked, not pending, message)


def discipline_condition(ctx: Context) -> ConditionResult | None:
    """Present only when the subject was disciplined up to the year under review."""
    if not ctx.disciplines:
        return None
    described = []
    for d in ctx.disciplines:
        name = CATALOG.disciplines[d.code].vi
        end = (
            f"hết thời hạn ngày {format_short_date(d.ended)}"
            if d.ended
            else "chưa ghi ngày hết thời hạn"
        )
        described.append(f"{name} năm {d.year} ({end})")
    missing_end = [d for d in ctx.disciplines if d.ended is None]
    start = ctx.counted_from
    message = f"Kỷ luật: {'; '.join(described)}. Thành tích chỉ được tính từ năm {start}"
    if missing_end:
        message += "; cần ghi ngày hết thời hạn kỷ luật để xác định thời điểm bắt đầu tính"
    elif start > ctx.year:
        message += f", sau năm được xét {ctx.year}"
    met = not missing_end and start <= ctx.year
    return ConditionResult(principles(ctx).discipline, met, message)


def not_modelled_condition(ctx: Context, code: str) -> ConditionResult:
    award = CATALOG.award(code).vi
    message = (
        f"Tiêu chuẩn {award} theo {principles(ctx).sources} (chế độ áp dụng cho năm {ctx.year}) "
        "chưa được mô hình hóa; không áp dụng thay quy định của Luật Thi đua, khen thưởng 2022"
    )
    return ConditionResult(principles(ctx).sources, False, message)
