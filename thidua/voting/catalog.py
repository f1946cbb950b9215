"""The award codes a council votes on, with their names, as in shared/awards-catalog.json.

Council questions name an award by its catalogue code. Until the awards app exposes the catalogue
as a stable interface, this constant keeps voting independent of its progress (as the campaigns
app does); a test checks every code still exists in the awards app's copy of the catalogue.
Names use the Hà Nội wording where the catalogue has one ("vi_hanoi").
"""

from __future__ import annotations

# (code, Vietnamese name, awarded to)
VOTABLE_AWARDS: tuple[tuple[str, str, str], ...] = (
    ("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc", "individual"),
    ("chien_si_thi_dua_cap_tinh", "Chiến sĩ thi đua Thành phố", "individual"),
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "individual"),
    ("lao_dong_tien_tien", "Lao động tiên tiến", "individual"),
    ("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", "collective"),
    ("co_thi_dua_cap_tinh", "Cờ thi đua của Ủy ban nhân dân Thành phố", "collective"),
    ("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", "collective"),
    ("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", "collective"),
    ("huan_chuong_lao_dong_hang_nhat", "Huân chương Lao động hạng Nhất", "both"),
    ("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", "both"),
    ("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba", "both"),
    ("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", "both"),
    ("bang_khen_cap_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "both"),
    ("giay_khen", "Giấy khen", "both"),
)

AWARD_CHOICES: list[tuple[str, str]] = [(code, name) for code, name, _ in VOTABLE_AWARDS]
AWARD_NAMES: dict[str, str] = dict(AWARD_CHOICES)


def award_name(code: str) -> str:
    """The Vietnamese name of a code (the code itself when unknown)."""
    return AWARD_NAMES.get(code, code)
