"""Demo units and people of Hà Nội, from the five news reports in shared/seeds.

Facts the reports state are plain data; facts they do not state are created with is_sample=True and
show a "sample" badge in the interface.
"""

from __future__ import annotations

import datetime

from . import actions
from .models import Person, Unit, UnitKind

CITY = ("Hà Nội", "Thành phố Hà Nội")
# Seed 000: the six inner districts of Cụm thi đua số IX; seeds 001 and 004: Ba Đình, Hoàng Mai.
DISTRICTS = [
    "Cầu Giấy",
    "Thanh Xuân",
    "Hà Đông",
    "Nam Từ Liêm",
    "Bắc Từ Liêm",
    "Tây Hồ",
    "Ba Đình",
    "Hoàng Mai",
]
# Seed 003: the six members of Cụm thi đua số 4 (MTTQ and the socio-political organisations).
MASS_ORGANISATIONS = [
    ("Hội Cựu chiến binh TP", "Hội Cựu chiến binh Thành phố Hà Nội"),
    ("Ủy ban MTTQ TP", "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hà Nội"),
    ("Liên đoàn Lao động TP", "Liên đoàn Lao động Thành phố Hà Nội"),
    ("Hội Nông dân TP", "Hội Nông dân Thành phố Hà Nội"),
    ("Đoàn TNCS Hồ Chí Minh TP", "Đoàn Thanh niên Cộng sản Hồ Chí Minh Thành phố Hà Nội"),
    ("Hội LHPN TP", "Hội Liên hiệp Phụ nữ Thành phố Hà Nội"),
]
# Seed 002: the 8 wards of Cầu Giấy that signed their 2018 pledge.
CAU_GIAY_WARDS = [
    "Dịch Vọng",
    "Dịch Vọng Hậu",
    "Mai Dịch",
    "Nghĩa Đô",
    "Nghĩa Tân",
    "Quan Hoa",
    "Trung Hòa",
    "Yên Hòa",
]
# Seed 001 says Ba Đình has 14 wards but does not name them: names are sample data.
BA_DINH_WARDS = [
    "Cống Vị",
    "Điện Biên",
    "Đội Cấn",
    "Giảng Võ",
    "Kim Mã",
    "Liễu Giai",
    "Ngọc Hà",
    "Ngọc Khánh",
    "Nguyễn Trung Trực",
    "Phúc Xá",
    "Quán Thánh",
    "Thành Công",
    "Trúc Bạch",
    "Vĩnh Phúc",
]
# People named in the seeds with their positions (seed 000, 001, 004).
SEED_PEOPLE = [
    ("Hà Nội", "Đinh", "Việt", "Thắng", "nam", "Phó Trưởng ban Thi đua – Khen thưởng Thành phố"),
    (
        "Cầu Giấy",
        "Bùi",
        "Tuấn",
        "Anh",
        "nam",
        "Phó Bí thư Quận ủy, Chủ tịch UBND, Chủ tịch Hội đồng Thi đua – Khen thưởng quận",
    ),
    ("Ba Đình", "Hoàng", "Minh Dũng", "Tiến", "nam", "Bí thư Quận ủy"),
    ("Ba Đình", "Tạ", "Nam", "Chiến", "nam", "Chủ tịch UBND quận"),
    ("Hoàng Mai", "Nguyễn", "Đức", "Vinh", "nam", "Bí thư Quận ủy"),
    ("Hoàng Mai", "Nguyễn", "Quang", "Hiếu", "nam", "Chủ tịch UBND quận"),
]
# Staff of the wards and districts, for lists and searches: sample data.
SAMPLE_PEOPLE = [
    ("Mai Dịch", "Trần", "Thị", "Hường", "nu", "Cán bộ thi đua – khen thưởng"),
    ("Mai Dịch", "Lê", "Văn", "Đức", "nam", "Chủ tịch UBND phường"),
    ("Mai Dịch", "Phạm", "Thu", "Ánh", "nu", "Công chức Văn phòng – Thống kê"),
    ("Dịch Vọng", "Nguyễn", "Văn", "An", "nam", "Chủ tịch UBND phường"),
    ("Dịch Vọng", "Vũ", "Thị", "Ân", "nu", "Cán bộ thi đua – khen thưởng"),
    ("Yên Hòa", "Đặng", "Minh", "Ất", "nam", "Công chức Tư pháp – Hộ tịch"),
    ("Cầu Giấy", "Hoàng", "Thị", "Bích", "nu", "Chuyên viên Phòng Nội vụ"),
    ("Cầu Giấy", "Đỗ", "", "Dũng", "nam", "Chánh Văn phòng HĐND – UBND quận"),
]


def _ensure(parent, kind, short_name, name, *, sample=False, index) -> Unit:
    found = index.get((parent.pk if parent else None, short_name))
    if found:
        return found
    unit = actions.create_unit(
        parent=parent,
        kind=kind,
        short_name=short_name,
        name=name,
        valid_from=datetime.date(2008, 8, 1) if kind == UnitKind.DISTRICT else None,
        is_sample=sample,
        by=None,
    )
    index[(parent.pk if parent else None, short_name)] = unit
    return unit


def seed(ctx: dict) -> None:
    """Create the Hà Nội tree once; ctx["units"] maps short names to units."""
    index = {(u.parent_id, u.short_name): u for u in Unit.objects.all()}
    city = _ensure(None, UnitKind.PROVINCE, *CITY, index=index)
    units = {city.short_name: city}
    for short in DISTRICTS:
        units[short] = _ensure(city, UnitKind.DISTRICT, short, f"Quận {short}", index=index)
    for short, name in MASS_ORGANISATIONS:
        units[short] = _ensure(city, UnitKind.MASS_ORGANISATION, short, name, index=index)
    for short in CAU_GIAY_WARDS:
        units[short] = _ensure(
            units["Cầu Giấy"], UnitKind.COMMUNE, short, f"Phường {short}", index=index
        )
    for short in BA_DINH_WARDS:
        units[short] = _ensure(
            units["Ba Đình"], UnitKind.COMMUNE, short, f"Phường {short}", sample=True, index=index
        )
    existing = set(Person.objects.values_list("unit_id", "family_name", "given_name"))
    for sample, rows in ((False, SEED_PEOPLE), (True, SAMPLE_PEOPLE)):
        for unit_name, family, middle, given, sex, position in rows:
            unit = units[unit_name]
            if (unit.pk, family, given) in existing:
                continue
            actions.create_person(
                unit=unit,
                family_name=family,
                middle_name=middle,
                given_name=given,
                sex=sex,
                position=position,
                is_sample=sample,
                by=None,
            )
    ctx["units"] = units
