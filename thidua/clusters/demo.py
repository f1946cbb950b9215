"""Demo clusters from the seeds: Cụm IX (2020), Cụm 4 (2019) and the Cầu Giấy wards (2018)."""

from __future__ import annotations

from thidua.organizations.models import Unit

from . import actions
from .models import Cluster, ClusterKind, EmulationYear

THEMES = {
    # Seed 002/003: Hà Nội's theme of the year for 2018 and 2019.
    2018: "Năm nâng cao hiệu lực, hiệu quả hoạt động của hệ thống chính trị",
    2019: "Năm nâng cao hiệu lực, hiệu quả hoạt động của hệ thống chính trị",
    # Seed 000: the theme quoted in Cụm IX's 2020 pledge.
    2020: (
        "Phát huy sức mạnh của cả hệ thống chính trị, phấn đấu hoàn thành thắng lợi mục tiêu, "
        "nhiệm vụ nhiệm kỳ 2015 - 2020 và tổ chức thành công Đại hội Đảng bộ các cấp"
    ),
}


def _year(unit: Unit, year: int) -> EmulationYear:
    found = EmulationYear.objects.filter(unit=unit, year=year).first()
    return found or actions.create_emulation_year(unit=unit, year=year, theme=THEMES[year], by=None)


def _cluster(ey, number, name, members, leader, deputy=None, description="", sample=False):
    found = Cluster.objects.filter(emulation_year=ey, kind=ClusterKind.CLUSTER, number=number)
    return found.first() or actions.create_cluster(
        emulation_year=ey,
        kind=ClusterKind.CLUSTER,
        number=number,
        name=name,
        members=members,
        leader=leader,
        deputy=deputy,
        description=description,
        is_sample=sample,
        by=None,
    )


def seed(ctx: dict) -> None:
    """ctx["clusters"]: "ix" (Cụm IX 2020), "cum4" (Cụm 4 2019), "wards" (Cầu Giấy wards 2018)."""
    units = ctx["units"]
    city, cau_giay = units["Hà Nội"], units["Cầu Giấy"]
    ix_members = ["Cầu Giấy", "Thanh Xuân", "Hà Đông", "Nam Từ Liêm", "Bắc Từ Liêm", "Tây Hồ"]
    cum4 = [
        "Hội Cựu chiến binh TP",
        "Ủy ban MTTQ TP",
        "Liên đoàn Lao động TP",
        "Hội Nông dân TP",
        "Đoàn TNCS Hồ Chí Minh TP",
        "Hội LHPN TP",
    ]
    wards = [
        "Dịch Vọng",
        "Dịch Vọng Hậu",
        "Mai Dịch",
        "Nghĩa Đô",
        "Nghĩa Tân",
        "Quan Hoa",
        "Trung Hòa",
        "Yên Hòa",
    ]
    ctx["clusters"] = {
        "ix": _cluster(
            _year(city, 2020),
            "IX",
            "Cụm thi đua số IX",
            [units[n] for n in ix_members],
            leader=cau_giay,
            deputy=units["Thanh Xuân"],
            description=(
                "06 quận nội thành, quận Cầu Giấy làm cụm trưởng (Hội nghị ngày 20/02/2020). "
                "Cụm phó Thanh Xuân là dữ liệu mẫu."
            ),
        ),
        "cum4": _cluster(
            _year(city, 2019),
            "4",
            "Cụm thi đua số 4",
            [units[n] for n in cum4],
            leader=units["Hội Cựu chiến binh TP"],
            description=(
                "Cụm thi đua MTTQ và các đoàn thể chính trị - xã hội; ký giao ước ngày 28/02/2019 "
                "tại trụ sở Hội Cựu chiến binh TP. Cụm trưởng là dữ liệu mẫu."
            ),
        ),
        "wards": _cluster(
            _year(cau_giay, 2018),
            "1",
            "Cụm thi đua các phường quận Cầu Giấy",
            [units[n] for n in wards],
            leader=units["Mai Dịch"],
            description=(
                "8/8 phường ký giao ước ngày 26/01/2018 tại UBND phường Mai Dịch. "
                "Cụm trưởng là dữ liệu mẫu."
            ),
        ),
    }
