"""Demo award registry: Hoàng Mai's 2019 awards from seed 004, and sample histories 2015–2025.

Seed 004 (review of January 2020) says: "1 đơn vị của quận được nhận Huân chương Lao động hạng
Ba; 5 đơn vị được nhận Cờ thi đua xuất sắc của UBND Thành phố; 4 tập thể, 3 cá nhân được tặng
Bằng khen của Thành phố; 5 đơn vị được nhận danh hiệu tập thể lao động xuất sắc". The counts are
facts; which units and people received them, the decisions' numbers, dates and signers are not
in the report, so the decisions and the sub-units and people of Hoàng Mai are sample data
(``is_sample``). The sample histories let the history page show people who are eligible and
people who are not, with the reasons. Safe to run again: everything is looked up before it is
created.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from thidua.accounts.demo import add_account
from thidua.accounts.models import Role
from thidua.organizations import actions as org_actions
from thidua.organizations.models import Person, Unit, UnitKind

from . import actions
from .demo_proposals import seed_proposals
from .models import (
    AwardType,
    Decision,
    DecisionRecipient,
    Discipline,
    Initiative,
    JudgementFact,
    MaternityLeave,
    PendingMatter,
    YearlyRating,
)
from .subjects import q_of

D = datetime.date

# The 14 wards of Hoàng Mai before the 2025 reform, and some district offices (sample units).
WARDS = [
    "Định Công",
    "Đại Kim",
    "Giáp Bát",
    "Hoàng Liệt",
    "Hoàng Văn Thụ",
    "Lĩnh Nam",
    "Mai Động",
    "Tân Mai",
    "Thanh Trì",
    "Thịnh Liệt",
    "Trần Phú",
    "Tương Mai",
    "Vĩnh Hưng",
    "Yên Sở",
]
OFFICES = [
    ("Phòng GD&ĐT Hoàng Mai", "Phòng Giáo dục và Đào tạo quận Hoàng Mai"),
    ("Phòng Nội vụ Hoàng Mai", "Phòng Nội vụ quận Hoàng Mai"),
    ("Trung tâm Y tế Hoàng Mai", "Trung tâm Y tế quận Hoàng Mai"),
]
# (unit, family, middle, given, sex, birth date, position)
PEOPLE = [
    ("Hoàng Liệt", "Nguyễn", "Thị", "Lan", "nu", D(1980, 4, 12), "Phó Chủ tịch UBND phường"),
    ("Hoàng Liệt", "Trần", "Văn", "Minh", "nam", D(1978, 9, 3), "Công chức Địa chính – Xây dựng"),
    ("Hoàng Liệt", "Lê", "Thị", "Hoa", "nu", D(1986, 1, 25), "Công chức Văn hóa – Xã hội"),
    ("Hoàng Liệt", "Phạm", "Văn", "Hùng", "nam", D(1975, 6, 30), "Công chức Tài chính – Kế toán"),
    ("Hoàng Liệt", "Đỗ", "Thị", "Mai", "nu", D(1990, 11, 8), "Công chức Tư pháp – Hộ tịch"),
    ("Hoàng Liệt", "Vũ", "Đức", "Thắng", "nam", D(1992, 2, 14), "Công chức Văn phòng – Thống kê"),
    ("Phòng Nội vụ Hoàng Mai", "Hoàng", "Văn", "Nam", "nam", D(1979, 5, 5), "Trưởng phòng"),
    ("Trung tâm Y tế Hoàng Mai", "Bùi", "Thị", "Thu", "nu", D(1983, 8, 19), "Bác sĩ"),
]

CITY_ISSUER = "UBND Thành phố Hà Nội"
DISTRICT_ISSUER = "UBND quận Hoàng Mai"
# The four decisions of seed 004 (numbers, dates and signers are sample data).
SEED_004 = [
    {
        "key": "hcld",
        "number": "2187/QĐ-CTN",
        "signed_on": D(2019, 11, 20),
        "issuer": None,
        "issuer_name": "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "signer_position": "Chủ tịch nước",
        "recorded_in": "Hà Nội",
        "recipients": [("huan_chuong_lao_dong_hang_ba", "Phòng GD&ĐT Hoàng Mai", None)],
    },
    {
        "key": "co",
        "number": "215/QĐ-UBND",
        "signed_on": D(2020, 1, 10),
        "issuer": "Hà Nội",
        "issuer_name": CITY_ISSUER,
        "signer_position": "Chủ tịch UBND Thành phố",
        "recorded_in": "Hà Nội",
        "recipients": [
            ("co_thi_dua_cap_tinh", ward, None)
            for ward in ("Hoàng Liệt", "Định Công", "Vĩnh Hưng", "Tương Mai", "Yên Sở")
        ],
    },
    {
        "key": "bang_khen",
        "number": "216/QĐ-UBND",
        "signed_on": D(2020, 1, 10),
        "issuer": "Hà Nội",
        "issuer_name": CITY_ISSUER,
        "signer_position": "Chủ tịch UBND Thành phố",
        "recorded_in": "Hà Nội",
        "recipients": [
            ("bang_khen_cap_tinh", unit, None)
            for unit in (
                "Giáp Bát",
                "Mai Động",
                "Phòng Nội vụ Hoàng Mai",
                "Trung tâm Y tế Hoàng Mai",
            )
        ]
        + [
            ("bang_khen_cap_tinh", "Hoàng Liệt", ("Nguyễn", "Lan")),
            ("bang_khen_cap_tinh", "Phòng Nội vụ Hoàng Mai", ("Hoàng", "Nam")),
            ("bang_khen_cap_tinh", "Trung tâm Y tế Hoàng Mai", ("Bùi", "Thu")),
        ],
    },
    {
        "key": "ttldxs",
        "number": "4120/QĐ-UBND",
        "signed_on": D(2019, 12, 25),
        "issuer": "Hoàng Mai",
        "issuer_name": DISTRICT_ISSUER,
        "signer_position": "Chủ tịch UBND quận",
        "recorded_in": "Hoàng Mai",
        "recipients": [
            ("tap_the_lao_dong_xuat_sac", ward, None)
            for ward in ("Đại Kim", "Tân Mai", "Thịnh Liệt", "Trần Phú", "Lĩnh Nam")
        ],
    },
]

YEARS = range(2015, 2026)


def _units(ctx) -> dict[str, Unit]:
    hoang_mai = ctx["units"]["Hoàng Mai"]
    existing = {u.short_name: u for u in Unit.objects.filter(parent=hoang_mai)}
    units = {"Hoàng Mai": hoang_mai, "Hà Nội": ctx["units"]["Hà Nội"]}
    wanted = [(w, f"Phường {w}", UnitKind.COMMUNE) for w in WARDS]
    wanted += [(short, name, UnitKind.OFFICE) for short, name in OFFICES]
    for short, name, kind in wanted:
        units[short] = existing.get(short) or org_actions.create_unit(
            parent=hoang_mai,
            kind=kind,
            short_name=short,
            name=name,
            valid_from=D(2004, 1, 1),  # Hoàng Mai was founded on 01/01/2004
            is_sample=True,
            by=None,
        )
    return units


def _people(units) -> dict[tuple[str, str], Person]:
    people = {}
    for unit_name, family, middle, given, sex, born, position in PEOPLE:
        unit = units[unit_name]
        found = Person.objects.filter(unit=unit, family_name=family, given_name=given).first()
        people[(family, given)] = found or org_actions.create_person(
            unit=unit,
            family_name=family,
            middle_name=middle,
            given_name=given,
            sex=sex,
            birth_date=born,
            position=position,
            is_sample=True,
            by=None,
        )
    return people


def _decision(*, recorded_in, number, signed_on, issuer, issuer_name, signer_position) -> Decision:
    signed_on = min(signed_on, timezone.localdate())
    found = Decision.objects.filter(
        recorded_in=recorded_in, issuer_name=issuer_name, number=number, signed_on=signed_on
    ).first()
    return found or actions.create_decision(
        recorded_in=recorded_in,
        number=number,
        signed_on=signed_on,
        issuer=issuer,
        issuer_name=issuer_name,
        signer_position=signer_position,
        note="Số, ngày và người ký là dữ liệu mẫu.",
        is_sample=True,
        by=None,
    )


def _award(decision, subject, code, year, *, based_on=()) -> DecisionRecipient:
    award_type = AwardType.objects.get(code=code)
    found = DecisionRecipient.objects.filter(
        q_of(subject), decision=decision, award_type=award_type
    ).first()
    return found or actions.add_recipient(
        decision=decision,
        subject=subject,
        award_type=award_type,
        year=year,
        based_on=based_on,
        by=None,
    )


def _rate(subject, ratings: dict[int, str]) -> None:
    done = set(YearlyRating.objects.filter(q_of(subject)).values_list("year", flat=True))
    for year, rating in ratings.items():
        if year not in done:
            actions.record_rating(
                subject=subject, year=year, rating=rating, is_sample=True, by=None
            )


def _facts(subject, fact: str, years) -> None:
    done = set(
        JudgementFact.objects.filter(q_of(subject), fact=fact).values_list("year", flat=True)
    )
    for year in years:
        if year not in done:
            actions.record_fact(subject=subject, year=year, fact=fact, is_sample=True, by=None)


def _initiative(subject, title, scope, year, **extra) -> Initiative:
    found = Initiative.objects.filter(q_of(subject), title=title).first()
    return found or actions.record_initiative(
        subject=subject,
        title=title,
        scope=scope,
        recognised_year=year,
        is_sample=True,
        by=None,
        **extra,
    )


def _seed_004(units, people) -> dict[str, Decision]:
    decisions = {}
    for spec in SEED_004:
        decision = _decision(
            recorded_in=units[spec["recorded_in"]],
            number=spec["number"],
            signed_on=spec["signed_on"],
            issuer=units[spec["issuer"]] if spec["issuer"] else None,
            issuer_name=spec["issuer_name"],
            signer_position=spec["signer_position"],
        )
        for code, unit_name, person in spec["recipients"]:
            subject = people[person] if person else units[unit_name]
            _award(decision, subject, code, 2019)
        decisions[spec["key"]] = decision
    return decisions


def _ward_titles(units, year: int) -> Decision:
    """The ward's yearly titles decision (Lao động tiên tiến, Chiến sĩ thi đua cơ sở)."""
    return _decision(
        recorded_in=units["Hoàng Mai"],
        number=f"{300 + year % 100}/QĐ-UBND",
        signed_on=D(year, 12, 20),
        issuer=units["Hoàng Liệt"],
        issuer_name="UBND phường Hoàng Liệt",
        signer_position="Chủ tịch UBND phường",
    )


def _histories(units, people) -> None:
    this_year = timezone.localdate().year
    years = [y for y in YEARS if y <= this_year]
    lan, minh, hoa = people[("Nguyễn", "Lan")], people[("Trần", "Minh")], people[("Lê", "Hoa")]
    hung, mai, thang = people[("Phạm", "Hùng")], people[("Đỗ", "Mai")], people[("Vũ", "Thắng")]
    ward = units["Hoàng Liệt"]

    # Nguyễn Thị Lan: excellent every year, CSTĐ cơ sở 2023–2025 and a city-wide initiative in
    # 2025: eligible for Chiến sĩ thi đua Thành phố.
    _rate(lan, dict.fromkeys(years, "htxsnv"))
    first = _initiative(lan, "Số hóa hồ sơ thủ tục hành chính một cửa phường", "co_so", 2023)
    second = _initiative(lan, "Sổ tay điện tử theo dõi hộ nghèo, cận nghèo", "co_so", 2024)
    _initiative(
        lan,
        "Mô hình “Tổ dân phố không rác thải nhựa”",
        "cap_tinh",
        2025,
        recognised_by="Chủ tịch UBND Thành phố Hà Nội",
    )
    # Trần Văn Minh: good every year, no initiative: LĐTT yes, CSTĐ cơ sở no.
    _rate(minh, dict.fromkeys(years, "httnv"))
    # Lê Thị Hoa: excellent, but a complaint about her is being handled: blocked.
    _rate(hoa, dict.fromkeys(years, "htxsnv"))
    # Phạm Văn Hùng: a warning in 2025 whose period is not over.
    _rate(hung, {**dict.fromkeys(years, "httnv"), 2025: "htnv"})
    # Đỗ Thị Mai: maternity leave in 2024 between two excellent years.
    _rate(mai, {y: "htxsnv" for y in years if y != 2024})
    # Vũ Đức Thắng: completed tasks only in 2025.
    _rate(thang, {**dict.fromkeys(years, "httnv"), 2025: "htnv"})
    if 2024 in years and not MaternityLeave.objects.filter(person=mai, year=2024).exists():
        actions.record_maternity_leave(person=mai, year=2024, is_sample=True, by=None)
    for person in (lan, minh, hoa, hung, mai, thang):
        _facts(person, "active_in_movements", years)

    for year in years:
        decision = _ward_titles(units, year)
        for person in (lan, minh, hoa, mai):
            if YearlyRating.objects.filter(person=person, year=year).exists():
                _award(decision, person, "lao_dong_tien_tien", year)
        if year < 2025:  # rated htnv in 2025: not Advanced Workers that year
            for person in (hung, thang):
                _award(decision, person, "lao_dong_tien_tien", year)
        if year >= 2023:
            based_on = {2023: [first], 2024: [second]}.get(year, [])
            _award(decision, lan, "chien_si_thi_dua_co_so", year, based_on=based_on)
        if year in (2022, 2023):
            _award(decision, mai, "chien_si_thi_dua_co_so", year)

    if not PendingMatter.objects.filter(person=hoa).exists():
        actions.open_matter(
            subject=hoa,
            kind="complaint",
            opened_on=min(D(2025, 11, 18), timezone.localdate()),
            description="Đơn khiếu nại về kết quả bình xét (mẫu).",
            is_sample=True,
            by=None,
        )
    if 2025 in years and not Discipline.objects.filter(person=hung).exists():
        actions.record_discipline(
            subject=hung,
            code="canh_cao",
            decided_on=D(2025, 3, 10),
            ends_on=D(2026, 3, 9),
            decision_number="12/QĐ-UBND",
            reason="Vi phạm quy định về quản lý tài chính (mẫu).",
            is_sample=True,
            by=None,
        )

    _office_histories(units, people, years)

    # The ward itself: excellent years, its titles, and the judgements its review recorded.
    _rate(ward, dict.fromkeys(years, "htxsnv"))
    for fact in ("united", "grassroots_democracy", "thrift_anticorruption_lead"):
        _facts(ward, fact, [y for y in years if y >= 2023])
    district = _decision(
        recorded_in=units["Hoàng Mai"],
        number="4350/QĐ-UBND",
        signed_on=D(2024, 12, 26),
        issuer=units["Hoàng Mai"],
        issuer_name=DISTRICT_ISSUER,
        signer_position="Chủ tịch UBND quận",
    )
    if 2024 in years:
        _award(district, ward, "tap_the_lao_dong_xuat_sac", 2024)


def _office_titles(units, year: int) -> Decision:
    """The district's yearly titles decision for its offices (sample number and date)."""
    return _decision(
        recorded_in=units["Hoàng Mai"],
        number=f"{4200 + year % 100}/QĐ-UBND",
        signed_on=D(year, 12, 22),
        issuer=units["Hoàng Mai"],
        issuer_name=DISTRICT_ISSUER,
        signer_position="Chủ tịch UBND quận",
    )


def _office_histories(units, people, years) -> None:
    """Two people of the district offices with the city's Bằng khen of 2019 (seed 004), so the
    bulk check of the Prime Minister's Bằng khen (Law art. 73.1.b) finds one eligible and one
    not, each with the years it counted."""
    # Hoàng Văn Nam: good or better every year, Chiến sĩ thi đua cơ sở in 2021, 2023 and 2025
    # (3 of the 5 years 2021–2025): eligible for 2025.
    nam, thu = people[("Hoàng", "Nam")], people[("Bùi", "Thu")]
    _rate(nam, {y: "htxsnv" if y % 2 else "httnv" for y in years})
    # Bùi Thị Thu: the same, but Chiến sĩ thi đua cơ sở only in 2022 and 2024: not yet.
    _rate(thu, {y: "httnv" if y % 2 else "htxsnv" for y in years})
    for person in (nam, thu):
        _facts(person, "active_in_movements", years)
    for year in years:
        decision = _office_titles(units, year)
        for person in (nam, thu):
            _award(decision, person, "lao_dong_tien_tien", year)
        if year in (2021, 2023, 2025):
            _award(decision, nam, "chien_si_thi_dua_co_so", year)
        if year in (2022, 2024):
            _award(decision, thu, "chien_si_thi_dua_co_so", year)


def seed(ctx: dict) -> None:
    """ctx["awards"]: the seed-004 decisions by key ("hcld", "co", "bang_khen", "ttldxs")."""
    actions.ensure_catalogue()  # after a flush the data migration's rows are gone
    units = _units(ctx)
    people = _people(units)
    decisions = _seed_004(units, people)
    _histories(units, people)
    ctx["awards"] = decisions
    ctx.setdefault("units", {}).update({k: v for k, v in units.items() if k not in ctx["units"]})
    if "accounts" in ctx:  # the ward's officer files the ward's draft proposal
        add_account(
            ctx,
            "hoangliet",
            "Cán bộ phường Hoàng Liệt",
            [(Role.UNIT_OFFICER, "Hoàng Liệt")],
            "lập và gửi đề nghị khen thưởng của phường (mẫu)",
        )
    seed_proposals(ctx)
