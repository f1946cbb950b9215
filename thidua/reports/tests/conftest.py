import datetime

import pytest

from thidua.awards import actions as award_actions
from thidua.awards.models import AwardType
from thidua.organizations.tests.factories import PersonFactory


def give(decision, subject, code, year):
    return award_actions.add_recipient(
        decision=decision,
        subject=subject,
        award_type=AwardType.objects.get(code=code),
        year=year,
        by=None,
    )


@pytest.fixture
def awards(tree, cast):
    """The city's 2024 awards (decision of 20/01/2025, base salary 2.340.000 đồng): a Huân chương
    Lao động hạng Ba to Cầu Giấy, two Cờ thi đua (Thanh Xuân, Hà Đông), a Chiến sĩ thi đua cơ sở
    to a woman of Mai Dịch, a Lao động tiên tiến to a man of Thanh Xuân; a Giấy khen of 2023 to
    Cầu Giấy (signed 02/03/2023: no base salary nor multiple then); and an award of another
    province."""
    decision = award_actions.create_decision(
        recorded_in=tree["city"],
        number="15/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer_name="UBND Thành phố Thử",
        by=None,
    )
    woman = PersonFactory(unit=tree["w1"], given_name="Lan", sex="nu")
    man = PersonFactory(unit=tree["d2"], given_name="Minh", sex="nam")
    give(decision, tree["d1"], "huan_chuong_lao_dong_hang_ba", 2024)
    give(decision, tree["d2"], "co_thi_dua_cap_tinh", 2024)
    give(decision, tree["d3"], "co_thi_dua_cap_tinh", 2024)
    give(decision, woman, "chien_si_thi_dua_co_so", 2024)
    give(decision, man, "lao_dong_tien_tien", 2024)
    old = award_actions.create_decision(
        recorded_in=tree["city"],
        number="3/QĐ-UBND",
        signed_on=datetime.date(2023, 3, 2),
        issuer_name="UBND Thành phố Thử",
        by=None,
    )
    give(old, tree["d1"], "giay_khen", 2023)
    elsewhere = award_actions.create_decision(
        recorded_in=tree["other"],
        number="9/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer_name="UBND Tỉnh Bắc Ninh",
        by=None,
    )
    give(elsewhere, tree["o1"], "co_thi_dua_cap_tinh", 2024)
    return {"woman": woman, "man": man}
