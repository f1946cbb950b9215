"""The titles and forms a collective may register for (đăng ký danh hiệu), by catalogue code.

The codes and names are those of shared/awards-catalog.json ("titles" and "forms" whose subject
is a collective). `thidua.awards.rules.catalog` will become the single source of the catalogue;
until then this constant keeps registrations independent of the award engine's progress, and a
test checks that every code here still exists in the awards app's copy of the catalogue.
"""

from __future__ import annotations

# (code, Vietnamese name as in the catalogue, kind) — collective titles first, then forms.
REGISTRABLE_AWARDS: tuple[tuple[str, str, str], ...] = (
    ("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", "title"),
    ("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", "title"),
    ("co_thi_dua_cap_tinh", "Cờ thi đua của bộ, ban, ngành, tỉnh", "title"),
    ("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", "title"),
    ("giay_khen", "Giấy khen", "form"),
    ("bang_khen_cap_tinh", "Bằng khen của bộ, ban, ngành, tỉnh", "form"),
    ("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", "form"),
    ("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba", "form"),
    ("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", "form"),
    ("huan_chuong_lao_dong_hang_nhat", "Huân chương Lao động hạng Nhất", "form"),
)

AWARD_CHOICES: list[tuple[str, str]] = [(code, name) for code, name, _ in REGISTRABLE_AWARDS]
AWARD_NAMES: dict[str, str] = dict(AWARD_CHOICES)
AWARD_CODES: frozenset[str] = frozenset(AWARD_NAMES)


def award_name(code: str) -> str:
    """The Vietnamese name of a registrable code (the code itself when unknown)."""
    return AWARD_NAMES.get(code, code)
