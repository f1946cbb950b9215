"""Demo accounts: one per role and per member unit of the demo clusters; password "demo"."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from thidua.organizations.models import Unit

from .models import Role, RoleAssignment, User

PASSWORD = "demo"

# (login, display name, [(role, unit short name)], what the account shows)
ACCOUNTS = [
    (
        "admin",
        "Cán bộ Ban Thi đua – Khen thưởng TP",
        [(Role.BOARD_OFFICER, "Hà Nội")],
        "board officer of the city (administration too)",
    ),
    (
        "hoidong",
        "Ủy viên Hội đồng TĐKT TP",
        [(Role.COUNCIL_MEMBER, "Hà Nội")],
        "council member of the city",
    ),
    ("xem", "Người xem", [(Role.VIEWER, "Hà Nội")], "viewer of the city's published results"),
    (
        "caugiay",
        "Cán bộ TĐKT quận Cầu Giấy",
        [(Role.UNIT_OFFICER, "Cầu Giấy"), (Role.BOARD_OFFICER, "Cầu Giấy")],
        "leader of Cụm IX; board of Cầu Giấy's ward cluster",
    ),
    (
        "thanhxuan",
        "Cán bộ TĐKT quận Thanh Xuân",
        [(Role.UNIT_OFFICER, "Thanh Xuân")],
        "deputy of Cụm IX",
    ),
    ("hadong", "Cán bộ TĐKT quận Hà Đông", [(Role.UNIT_OFFICER, "Hà Đông")], "member of Cụm IX"),
    (
        "namtuliem",
        "Cán bộ TĐKT quận Nam Từ Liêm",
        [(Role.UNIT_OFFICER, "Nam Từ Liêm")],
        "member of Cụm IX",
    ),
    (
        "bactuliem",
        "Cán bộ TĐKT quận Bắc Từ Liêm",
        [(Role.UNIT_OFFICER, "Bắc Từ Liêm")],
        "member of Cụm IX",
    ),
    ("tayho", "Cán bộ TĐKT quận Tây Hồ", [(Role.UNIT_OFFICER, "Tây Hồ")], "member of Cụm IX"),
    (
        "badinh",
        "Cán bộ TĐKT quận Ba Đình",
        [(Role.UNIT_OFFICER, "Ba Đình"), (Role.BOARD_OFFICER, "Ba Đình")],
        "officer of Ba Đình",
    ),
    (
        "hoangmai",
        "Cán bộ TĐKT quận Hoàng Mai",
        [(Role.UNIT_OFFICER, "Hoàng Mai"), (Role.BOARD_OFFICER, "Hoàng Mai")],
        "officer of Hoàng Mai",
    ),
    (
        "ccb",
        "Cán bộ Hội Cựu chiến binh TP",
        [(Role.UNIT_OFFICER, "Hội Cựu chiến binh TP")],
        "leader of Cụm 4",
    ),
    ("mttq", "Cán bộ Ủy ban MTTQ TP", [(Role.UNIT_OFFICER, "Ủy ban MTTQ TP")], "member of Cụm 4"),
    (
        "ldld",
        "Cán bộ Liên đoàn Lao động TP",
        [(Role.UNIT_OFFICER, "Liên đoàn Lao động TP")],
        "member of Cụm 4",
    ),
    (
        "hoinongdan",
        "Cán bộ Hội Nông dân TP",
        [(Role.UNIT_OFFICER, "Hội Nông dân TP")],
        "member of Cụm 4",
    ),
    (
        "doanthanhnien",
        "Cán bộ Đoàn TNCS Hồ Chí Minh TP",
        [(Role.UNIT_OFFICER, "Đoàn TNCS Hồ Chí Minh TP")],
        "member of Cụm 4",
    ),
    ("phunu", "Cán bộ Hội LHPN TP", [(Role.UNIT_OFFICER, "Hội LHPN TP")], "member of Cụm 4"),
    (
        "maidich",
        "Cán bộ phường Mai Dịch",
        [(Role.UNIT_OFFICER, "Mai Dịch")],
        "leader of the Cầu Giấy ward cluster",
    ),
    ("dichvong", "Cán bộ phường Dịch Vọng", [(Role.UNIT_OFFICER, "Dịch Vọng")], "ward member"),
    (
        "dichvonghau",
        "Cán bộ phường Dịch Vọng Hậu",
        [(Role.UNIT_OFFICER, "Dịch Vọng Hậu")],
        "ward member",
    ),
    ("nghiado", "Cán bộ phường Nghĩa Đô", [(Role.UNIT_OFFICER, "Nghĩa Đô")], "ward member"),
    ("nghiatan", "Cán bộ phường Nghĩa Tân", [(Role.UNIT_OFFICER, "Nghĩa Tân")], "ward member"),
    ("quanhoa", "Cán bộ phường Quan Hoa", [(Role.UNIT_OFFICER, "Quan Hoa")], "ward member"),
    ("trunghoa", "Cán bộ phường Trung Hòa", [(Role.UNIT_OFFICER, "Trung Hòa")], "ward member"),
    ("yenhoa", "Cán bộ phường Yên Hòa", [(Role.UNIT_OFFICER, "Yên Hòa")], "ward member"),
]


def seed(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    """Create the accounts that are missing; return (login, name, description) for the listing."""
    hashed = make_password(PASSWORD)  # hashed once: every account shares the demo password
    existing = set(User.objects.values_list("username", flat=True))
    for login, name, roles, _ in ACCOUNTS:
        if login in existing:
            continue
        user = User.objects.create(
            username=login,
            full_name=name,
            password=hashed,
            is_staff=login == "admin",
            is_superuser=login == "admin",
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, unit=units[unit_name], role=role) for role, unit_name in roles
        )
    return [(login, name, what) for login, name, _, what in ACCOUNTS]
