"""Demo accounts: one per role and per member unit of the demo clusters; password "demo"."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from .models import Role, RoleAssignment, User

PASSWORD = "demo"

# (login, display name, [(role, unit short name)], what the account shows, in Vietnamese)
ACCOUNTS = [
    (
        "admin",
        "Cán bộ Ban Thi đua – Khen thưởng TP",
        [(Role.BOARD_OFFICER, "Hà Nội")],
        "Ban Thi đua – Khen thưởng TP, quản trị hệ thống",
    ),
    (
        "hoidong",
        "Ủy viên Hội đồng TĐKT TP",
        [(Role.COUNCIL_MEMBER, "Hà Nội")],
        "thành viên Hội đồng TĐKT Thành phố",
    ),
    ("xem", "Người xem", [(Role.VIEWER, "Hà Nội")], "người xem kết quả đã công bố"),
    (
        "caugiay",
        "Cán bộ TĐKT quận Cầu Giấy",
        [(Role.UNIT_OFFICER, "Cầu Giấy"), (Role.BOARD_OFFICER, "Cầu Giấy")],
        "cụm trưởng Cụm IX (2020); tổ chức cụm các phường (2018)",
    ),
    (
        "thanhxuan",
        "Cán bộ TĐKT quận Thanh Xuân",
        [(Role.UNIT_OFFICER, "Thanh Xuân")],
        "cụm phó Cụm IX (mẫu)",
    ),
    ("hadong", "Cán bộ TĐKT quận Hà Đông", [(Role.UNIT_OFFICER, "Hà Đông")], "thành viên Cụm IX"),
    (
        "namtuliem",
        "Cán bộ TĐKT quận Nam Từ Liêm",
        [(Role.UNIT_OFFICER, "Nam Từ Liêm")],
        "thành viên Cụm IX",
    ),
    (
        "bactuliem",
        "Cán bộ TĐKT quận Bắc Từ Liêm",
        [(Role.UNIT_OFFICER, "Bắc Từ Liêm")],
        "thành viên Cụm IX",
    ),
    ("tayho", "Cán bộ TĐKT quận Tây Hồ", [(Role.UNIT_OFFICER, "Tây Hồ")], "thành viên Cụm IX"),
    (
        "badinh",
        "Cán bộ TĐKT quận Ba Đình",
        [(Role.UNIT_OFFICER, "Ba Đình"), (Role.BOARD_OFFICER, "Ba Đình")],
        "cán bộ và Ban TĐKT quận Ba Đình",
    ),
    (
        "hoangmai",
        "Cán bộ TĐKT quận Hoàng Mai",
        [(Role.UNIT_OFFICER, "Hoàng Mai"), (Role.BOARD_OFFICER, "Hoàng Mai")],
        "cán bộ và Ban TĐKT quận Hoàng Mai",
    ),
    (
        "ccb",
        "Cán bộ Hội Cựu chiến binh TP",
        [(Role.UNIT_OFFICER, "Hội Cựu chiến binh TP")],
        "cụm trưởng Cụm 4 (2019, mẫu)",
    ),
    ("mttq", "Cán bộ Ủy ban MTTQ TP", [(Role.UNIT_OFFICER, "Ủy ban MTTQ TP")], "thành viên Cụm 4"),
    (
        "ldld",
        "Cán bộ Liên đoàn Lao động TP",
        [(Role.UNIT_OFFICER, "Liên đoàn Lao động TP")],
        "thành viên Cụm 4",
    ),
    (
        "hoinongdan",
        "Cán bộ Hội Nông dân TP",
        [(Role.UNIT_OFFICER, "Hội Nông dân TP")],
        "thành viên Cụm 4",
    ),
    (
        "doanthanhnien",
        "Cán bộ Đoàn TNCS Hồ Chí Minh TP",
        [(Role.UNIT_OFFICER, "Đoàn TNCS Hồ Chí Minh TP")],
        "thành viên Cụm 4",
    ),
    ("phunu", "Cán bộ Hội LHPN TP", [(Role.UNIT_OFFICER, "Hội LHPN TP")], "thành viên Cụm 4"),
    (
        "maidich",
        "Cán bộ phường Mai Dịch",
        [(Role.UNIT_OFFICER, "Mai Dịch")],
        "cụm trưởng cụm các phường Cầu Giấy (2018, mẫu)",
    ),
    (
        "dichvong",
        "Cán bộ phường Dịch Vọng",
        [(Role.UNIT_OFFICER, "Dịch Vọng")],
        "thành viên cụm các phường",
    ),
    (
        "dichvonghau",
        "Cán bộ phường Dịch Vọng Hậu",
        [(Role.UNIT_OFFICER, "Dịch Vọng Hậu")],
        "thành viên cụm các phường",
    ),
    (
        "nghiado",
        "Cán bộ phường Nghĩa Đô",
        [(Role.UNIT_OFFICER, "Nghĩa Đô")],
        "thành viên cụm các phường",
    ),
    (
        "nghiatan",
        "Cán bộ phường Nghĩa Tân",
        [(Role.UNIT_OFFICER, "Nghĩa Tân")],
        "thành viên cụm các phường",
    ),
    (
        "quanhoa",
        "Cán bộ phường Quan Hoa",
        [(Role.UNIT_OFFICER, "Quan Hoa")],
        "thành viên cụm các phường",
    ),
    (
        "trunghoa",
        "Cán bộ phường Trung Hòa",
        [(Role.UNIT_OFFICER, "Trung Hòa")],
        "thành viên cụm các phường",
    ),
    (
        "yenhoa",
        "Cán bộ phường Yên Hòa",
        [(Role.UNIT_OFFICER, "Yên Hòa")],
        "thành viên cụm các phường",
    ),
]


def _create(login: str, name: str, roles, units, hashed: str) -> User:
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
    return user


def seed(ctx: dict) -> None:
    """Create the missing accounts. ctx["users"]: login → user; ctx["accounts"]: the listing."""
    units = ctx["units"]
    hashed = make_password(PASSWORD)  # hashed once: every account shares the demo password
    existing = set(User.objects.values_list("username", flat=True))
    for login, name, roles, _ in ACCOUNTS:
        if login not in existing:
            _create(login, name, roles, units, hashed)
    ctx["users"] = {
        u.username: u for u in User.objects.filter(username__in=[a[0] for a in ACCOUNTS])
    }
    ctx["accounts"] = [(login, name, what) for login, name, _, what in ACCOUNTS]


def add_account(ctx: dict, login: str, name: str, roles, what: str) -> User:
    """An account for a unit that a later app's demo creates (the ward of the award demo)."""
    user = User.objects.filter(username=login).first()
    if user is None:
        user = _create(login, name, roles, ctx["units"], make_password(PASSWORD))
    ctx["users"][login] = user
    ctx["accounts"].append((login, name, what))
    return user
