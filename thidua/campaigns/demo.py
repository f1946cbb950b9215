"""Demo movements, campaigns, registrations, inspections and exemplars from shared/seeds.

Facts the reports state are plain; the rest is created with is_sample=True (or a sample_note
naming the assumed part) and shows the "sample" badge. Idempotent: each row is looked up first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from thidua.organizations.models import Person

from . import actions
from .models import (
    Exemplar,
    Inspection,
    MeasureKind,
    ModelKind,
    Movement,
    MovementKind,
    MovementLeader,
    PeakCampaign,
    ProgressReport,
    Registration,
    RegistrationRule,
    Replication,
)

D = datetime.date
THEMATIC, NEW = ModelKind.THEMATIC, ModelKind.NEW_MODEL

# Seed 000: what Cụm thi đua số IX launched at its conference of 20/02/2020.
IX_MOVEMENTS = [
    (
        "Thi đua thực hiện tốt chủ đề công tác năm 2020",
        MovementKind.REGULAR,
        "Phát huy sức mạnh của cả hệ thống chính trị, phấn đấu hoàn thành thắng lợi mục tiêu, "
        "nhiệm vụ nhiệm kỳ 2015 - 2020 và tổ chức thành công Đại hội Đảng bộ các cấp.",
    ),
    ("Toàn dân bảo vệ an ninh Tổ quốc", MovementKind.THEMATIC, ""),
    (
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        MovementKind.THEMATIC,
        "Gắn với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
    ),
    (
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        MovementKind.THEMATIC,
        "Trọng tâm tiếp tục cải thiện mạnh mẽ môi trường đầu tư, kinh doanh nhằm nâng cao năng "
        "lực cạnh tranh, chỉ số PCI.",
    ),
    (
        "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        MovementKind.THEMATIC,
        "Đẩy mạnh các giải pháp thực hiện giảm hộ nghèo và cận nghèo trên địa bàn 06 quận.",
    ),
    (
        "Thực hiện văn hóa công sở và nơi công cộng",
        MovementKind.THEMATIC,
        "Tiếp tục đẩy mạnh thực hiện tốt 02 bộ quy tắc ứng xử do UBND thành phố Hà Nội ban hành.",
    ),
    (
        "Đẩy mạnh cải cách hành chính",
        MovementKind.THEMATIC,
        "Nâng cao hiệu lực, hiệu quả hoạt động của bộ máy chính quyền; đề cao vai trò, trách "
        "nhiệm của người đứng đầu; xây dựng chính quyền điện tử phục vụ người dân và doanh nghiệp.",
    ),
    (
        "An toàn thực phẩm",
        MovementKind.THEMATIC,
        "Xây dựng và mở rộng các chuỗi thực phẩm an toàn, tăng cường năng lực hệ thống kiểm "
        "nghiệm chất lượng vệ sinh an toàn thực phẩm.",
    ),
    (
        "Đảm bảo an ninh, quốc phòng",
        MovementKind.THEMATIC,
        "Đảm bảo an ninh, an toàn địa bàn phục vụ phát triển kinh tế - xã hội và thực hiện các "
        "nhiệm vụ chính trị trên địa bàn các quận.",
    ),
]

# Seed 001: Ba Đình's peak campaign launched on 16/9/2020.
BA_DINH_OCCASION = (
    "kỷ niệm 1010 năm Thăng Long - Hà Nội, chào mừng Đại hội Đảng bộ thành phố Hà Nội lần thứ "
    "XVII, nhiệm kỳ 2020-2025"
)
BA_DINH_NAME = (
    "Đợt thi đua cao điểm kỷ niệm 1010 năm Thăng Long - Hà Nội, chào mừng Đại hội Đảng bộ thành "
    "phố Hà Nội lần thứ XVII"
)
BA_DINH_DESCRIPTION = (
    "Hội nghị phát động tổ chức trực tuyến chiều 16/9/2020, chia thành 15 điểm cầu tại quận và "
    "14 phường. Nội dung trọng tâm: thực hiện tốt các nhiệm vụ chính trị, quốc phòng - an ninh, "
    "các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2020; đẩy mạnh cải cách hành chính; "
    "kịp thời phát hiện, biểu dương, khen thưởng và nhân rộng điển hình tiên tiến."
)
# (unit, as of, % of the 2020 targets done, note) — sample figures.
BA_DINH_REPORTS = [
    ("Ba Đình", D(2020, 9, 30), "72", "Báo cáo nhanh cuối tháng 9."),
    ("Ba Đình", D(2020, 10, 15), "83", "Trước Đại hội Đảng bộ Thành phố."),
    ("Phúc Xá", D(2020, 10, 15), "85", ""),
    ("Kim Mã", D(2020, 10, 15), "78", ""),
]

# Seed 004: Hoàng Mai's 2019 results, reported at the review of January 2020.
HOANG_MAI_FIGURES = [
    (
        "Huy động chăm lo cho các đối tượng chính sách, người có hoàn cảnh khó khăn",
        MeasureKind.MONEY,
        "",
        Decimal("14600000000"),
    ),
    ("Huy động Quỹ “Đền ơn đáp nghĩa”", MeasureKind.MONEY, "", Decimal("1300000000")),
    ("Giúp hộ thoát nghèo", MeasureKind.COUNT, "hộ thoát nghèo", Decimal(49)),
    (
        "Giảm số vụ vi phạm về trật tự xây dựng so với năm 2018",
        MeasureKind.PERCENT,
        "",
        Decimal(50),
    ),
    (
        "Công trình xây dựng phát sinh được kiểm tra, kiểm soát",
        MeasureKind.PERCENT,
        "",
        Decimal(100),
    ),
]

# Registrations (sample contents; seed 003 says Cụm 4's members registered at the conference).
CUM4_REGISTRATIONS = {
    "Hội Cựu chiến binh TP": (
        ["co_thi_dua_cap_tinh"],
        [(NEW, "Mô hình “Cựu chiến binh giúp nhau phát triển kinh tế”")],
    ),
    "Ủy ban MTTQ TP": (
        ["co_thi_dua_cap_tinh"],
        [(THEMATIC, "Chuyên đề “Người dân Thủ đô thanh lịch, văn minh”")],
    ),
    "Liên đoàn Lao động TP": (
        ["tap_the_lao_dong_xuat_sac"],
        [(NEW, "Mô hình “Bữa cơm công đoàn”")],
    ),
    "Hội Nông dân TP": (
        ["tap_the_lao_dong_xuat_sac"],
        [(NEW, "Mô hình “Chi hội nông dân nghề nghiệp”")],
    ),
    "Đoàn TNCS Hồ Chí Minh TP": (
        ["co_thi_dua_cap_tinh"],
        [(THEMATIC, "Chuyên đề “Tuổi trẻ Thủ đô chung tay xây dựng văn minh đô thị”")],
    ),
    "Hội LHPN TP": (
        ["tap_the_lao_dong_xuat_sac"],
        [(NEW, "Mô hình “Phụ nữ Thủ đô nói không với túi ni lông”")],
    ),
}
IX_REGISTRATIONS = {
    "Cầu Giấy": (
        ["co_thi_dua_cap_tinh"],
        [
            (NEW, "Mô hình “Tuyến phố văn minh đô thị”"),
            (THEMATIC, "Chuyên đề “Xây dựng chính quyền điện tử”"),
        ],
    ),
    "Thanh Xuân": (["co_thi_dua_cap_tinh"], [(NEW, "Mô hình “Tuyến phố an toàn thực phẩm”")]),
    "Hà Đông": (["tap_the_lao_dong_xuat_sac"], [(NEW, "Mô hình “Khu dân cư không rác thải nhựa”")]),
    "Nam Từ Liêm": (
        ["tap_the_lao_dong_xuat_sac"],
        [(THEMATIC, "Chuyên đề “Đồng hành cùng doanh nghiệp”")],
    ),
    "Bắc Từ Liêm": (["tap_the_lao_dong_xuat_sac"], [(NEW, "Mô hình “Bộ phận một cửa hiện đại”")]),
    # Below the cluster's minimum on purpose, so the leader's page shows a flag.
    "Tây Hồ": (["tap_the_lao_dong_xuat_sac"], []),
}


def _movement(launched_by, name, kind, year, *, cluster=None, description="", **extra):
    found = Movement.objects.filter(name=name, start_year=year, launched_by=launched_by).first()
    return found or actions.create_movement(
        launched_by=launched_by,
        cluster=cluster,
        name=name,
        kind=kind,
        start_year=year,
        description=description,
        by=None,
        **extra,
    )


def _target(owner, name, measure, unit_of_measure="", goal=None):
    found = owner.targets.filter(name=name).first()
    return found or actions.add_target(
        owner=owner,
        name=name,
        measure=measure,
        unit_of_measure=unit_of_measure,
        goal=goal,
        by=None,
    )


def _report(target, unit, as_of, value, note="", sample=False):
    if not ProgressReport.objects.filter(target=target, unit=unit, as_of=as_of).exists():
        actions.report_progress(
            target=target,
            unit=unit,
            as_of=as_of,
            value=Decimal(value),
            note=note,
            is_sample=sample,
            by=None,
        )


def _rule(cluster, note, deadline, sample_note):
    if not RegistrationRule.objects.filter(cluster=cluster).exists():
        actions.set_registration_rule(
            cluster=cluster,
            min_models=1,
            deadline=deadline,
            note=note,
            sample_note=sample_note,
            by=None,
        )


def _registrations(cluster, units, rows, day):
    for name, (titles, models) in rows.items():
        if not Registration.objects.filter(cluster=cluster, unit=units[name]).exists():
            actions.register_for_emulation(
                cluster=cluster,
                unit=units[name],
                titles=titles,
                models=models,
                is_sample=True,
                today=day,
                by=None,
            )


def _seed_cluster_ix(units, ix) -> list[Movement]:
    movements = [
        _movement(
            units["Cầu Giấy"],
            name,
            kind,
            2020,
            cluster=ix,
            description=description,
            launched_on=D(2020, 2, 20),
        )
        for name, kind, description in IX_MOVEMENTS
    ]
    _rule(ix, "", D(2020, 3, 15), "Hạn đăng ký 15/3/2020 là giả định.")
    _registrations(ix, units, IX_REGISTRATIONS, D(2020, 2, 20))
    reform = movements[6]
    if not MovementLeader.objects.filter(movement=reform).exists():
        actions.recognise_movement_leader(
            movement=reform, unit=units["Cầu Giấy"], year=2020, is_sample=True, by=None
        )
    return movements


def _seed_ba_dinh(units) -> PeakCampaign:
    ba_dinh = units["Ba Đình"]
    campaign = PeakCampaign.objects.filter(launched_by=ba_dinh, name=BA_DINH_NAME).first()
    campaign = campaign or actions.create_campaign(
        launched_by=ba_dinh,
        name=BA_DINH_NAME,
        occasion=BA_DINH_OCCASION,
        description=BA_DINH_DESCRIPTION,
        starts_on=D(2020, 9, 16),
        ends_on=D(2020, 10, 16),
        launched_on=D(2020, 9, 16),
        plan_number="172/KH-UBND",
        plan_date=D(2020, 9, 7),
        sample_note="Ngày kết thúc 16/10/2020 (bế mạc Đại hội Đảng bộ Thành phố) là giả định.",
        by=None,
    )
    target = _target(
        campaign,
        "Hoàn thành các chỉ tiêu kinh tế - xã hội năm 2020",
        MeasureKind.PERCENT,
        goal=Decimal(80),
    )
    for unit_name, as_of, value, note in BA_DINH_REPORTS:
        _report(target, units[unit_name], as_of, value, note, sample=True)
    return campaign


def _seed_hoang_mai(units) -> Movement:
    hoang_mai = units["Hoàng Mai"]
    movement = _movement(
        hoang_mai,
        "Phong trào thi đua yêu nước năm 2019 của quận Hoàng Mai",
        MovementKind.REGULAR,
        2019,
        description=(
            "Các phong trào thi đua trên lĩnh vực phát triển kinh tế, văn hóa – xã hội, xóa đói "
            "giảm nghèo, an sinh xã hội, quản lý đô thị, đất đai, môi trường (tổng kết tháng "
            "01/2020)."
        ),
        sample_note="Tên gọi chung của các phong trào năm 2019 là mẫu; số liệu lấy từ bản tin.",
    )
    for name, measure, unit_of_measure, value in HOANG_MAI_FIGURES:
        target = _target(movement, name, measure, unit_of_measure)
        _report(target, hoang_mai, D(2019, 12, 31), value, "Số liệu cả năm 2019.")
    return movement


def _seed_cum4(units, cum4) -> None:
    _rule(
        cum4,
        "Mỗi đơn vị thành viên đăng ký thực hiện ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới "
        "trong năm 2019.",
        D(2019, 3, 31),
        "Hạn đăng ký 31/3/2019 là giả định.",
    )
    _registrations(cum4, units, CUM4_REGISTRATIONS, D(2019, 2, 28))
    visits = [
        (
            "Ủy ban MTTQ TP",
            "Hội LHPN TP",
            D(2019, 11, 20),
            (
                "Hồ sơ thi đua – khen thưởng đầy đủ; mô hình đăng ký đầu năm đã triển khai. "
                "Đề nghị bổ sung minh chứng kết quả nhân rộng."
            ),
        ),
        ("Hội Cựu chiến binh TP", "Đoàn TNCS Hồ Chí Minh TP", D(2019, 11, 27), ""),
    ]
    for inspecting, inspected, day, findings in visits:
        pair = {"cluster": cum4, "inspecting": units[inspecting], "inspected": units[inspected]}
        inspection = Inspection.objects.filter(**pair).first() or actions.plan_inspection(
            planned_on=day, is_sample=True, by=None, **pair
        )
        if findings and inspection.status == "planned":
            actions.record_inspection(
                inspection=inspection,
                version=inspection.version,
                held_on=day,
                findings=findings,
                by=None,
            )


def _exemplar(recognised_by, *, unit=None, person=None, **fields) -> Exemplar:
    found = Exemplar.objects.filter(recognised_by=recognised_by, unit=unit, person=person).first()
    return found or actions.recognise_exemplar(
        recognised_by=recognised_by, unit=unit, person=person, is_sample=True, by=None, **fields
    )


def _replicate(exemplar, unit, day, note="") -> None:
    if not Replication.objects.filter(exemplar=exemplar, unit=unit).exists():
        actions.record_replication(
            exemplar=exemplar, unit=unit, replicated_on=day, note=note, is_sample=True, by=None
        )


def _seed_exemplars(units, reform: Movement) -> None:
    ward = _exemplar(
        units["Ba Đình"],
        unit=units["Phúc Xá"],
        recognised_on=D(2020, 10, 20),
        achievement=(
            "Hoàn thành vượt mức các chỉ tiêu trong đợt thi đua cao điểm kỷ niệm 1010 năm "
            "Thăng Long - Hà Nội; mô hình “Tổ dân phố văn minh, sạch đẹp”."
        ),
    )
    _replicate(ward, units["Kim Mã"], D(2020, 11, 16), "Học tập mô hình tổ dân phố văn minh.")
    _replicate(ward, units["Ngọc Hà"], D(2020, 12, 1))
    officer = Person.objects.filter(unit=units["Dịch Vọng"], given_name="Ân").first()
    if officer is not None:
        person = _exemplar(
            units["Cầu Giấy"],
            person=officer,
            movement=reform,
            recognised_on=D(2020, 12, 18),
            achievement=(
                "Triển khai tiếp nhận hồ sơ trực tuyến mức độ 3, 4 tại bộ phận một cửa phường; "
                "rút ngắn thời gian giải quyết thủ tục hành chính."
            ),
        )
        _replicate(person, units["Mai Dịch"], D(2021, 1, 15))


def seed(ctx: dict) -> None:
    """ctx["campaigns"]: "ix_movements", "ba_dinh" (peak campaign), "hoang_mai_2019" (movement)."""
    units, clusters = ctx["units"], ctx["clusters"]
    ix_movements = _seed_cluster_ix(units, clusters["ix"])
    ba_dinh = _seed_ba_dinh(units)
    hoang_mai = _seed_hoang_mai(units)
    _seed_cum4(units, clusters["cum4"])
    _seed_exemplars(units, ix_movements[6])
    ctx["campaigns"] = {
        "ix_movements": ix_movements,
        "ba_dinh": ba_dinh,
        "hoang_mai_2019": hoang_mai,
    }
