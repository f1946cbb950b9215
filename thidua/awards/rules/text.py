"""Vietnamese wording shared by the conditions: citations, counts, years, labels.

Messages name the years and counts they used so an officer can check them by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from thidua.core.vn import format_percent

from .catalog import CATALOG

LAW_2022 = "Luật Thi đua, khen thưởng 2022"
LAW_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013)"

FACT_VI = {
    "exemplary": "tiêu biểu xuất sắc",
    "united": "nội bộ đoàn kết",
    "exceeded_targets": "hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao",
    "party_clean_strong": "tổ chức đảng, đoàn thể trong sạch, vững mạnh",
    "thrift_anticorruption_lead": (
        "đi đầu thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng, tiêu cực"
    ),
    "grassroots_democracy": "thực hiện tốt quy chế dân chủ ở cơ sở",
    "active_in_movements": "tích cực tham gia phong trào thi đua",
    "excellent_in_movement": "có thành tích xuất sắc trong phong trào thi đua",
}
PENDING_VI = {
    "discipline": "đang xem xét kỷ luật",
    "investigation": "đang điều tra",
    "inspection": "đang thanh tra, kiểm tra",
    "complaint": "đang giải quyết khiếu nại, tố cáo",
}
ORGANISER_VI = {
    "province": "bộ, ban, ngành, tỉnh",
    "central": "Hội đồng Thi đua - Khen thưởng Trung ương",
}
LAUNCHER_VI = {"province": "bộ, ban, ngành, tỉnh", "prime_minister": "Thủ tướng Chính phủ"}
BASIS_VI = {"sudden": "khen thưởng đột xuất", "thematic": "khen thưởng theo chuyên đề"}
INNOVATION_VI = {"initiative": "sáng kiến", "research": "đề tài"}


def law_2022(article: int, clause: int | None = None, point: str | None = None) -> str:
    """Citation of the 2022 Law: "Điều 22 khoản 1 điểm a Luật Thi đua, khen thưởng 2022"."""
    parts = [f"Điều {article}"]
    if clause is not None:
        parts.append(f"khoản {clause}")
    if point is not None:
        parts.append(f"điểm {point}")
    return f"{' '.join(parts)} {LAW_2022}"


def times(count: int) -> str:
    """Counts as written in administrative documents: 3 -> "03"."""
    return f"{count:02d}"


def years(values: Iterable[int]) -> str:
    values = sorted(values)
    return ", ".join(str(v) for v in values) if values else "không có"


def span(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


def percent(part: int, total: int) -> str:
    """Share as a percentage: whole when exact ("70%"), else one decimal ("66,7%")."""
    value = Decimal(part * 100) / Decimal(total)
    return format_percent(value) if value == value.to_integral() else format_percent(value, 1)


def share(part: int, total: int, noun: str = "thành viên") -> str:
    return f"{part}/{total} {noun} ({percent(part, total)})"


def rating_vi(code: str) -> str:
    return CATALOG.ratings[code].vi


def scope_vi(code: str) -> str:
    return CATALOG.scopes[code].vi.lower()


def name(code: str) -> str:
    """Vietnamese name of a title or form."""
    return CATALOG.award(code).vi
