"""The demo registry: Hoàng Mai's 2019 awards (seed 004) and readable sample verdicts."""

import pytest
from django.db.models import Count
from django.urls import reverse

from thidua.accounts import demo as accounts_demo
from thidua.awards import demo
from thidua.awards.models import Decision, DecisionRecipient, YearlyRating
from thidua.awards.queries import check_subject
from thidua.organizations import demo as organizations_demo
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    ctx: dict = {}
    organizations_demo.seed(ctx)
    accounts_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def _counts():
    return tuple(
        m.objects.count() for m in (Unit, Person, Decision, DecisionRecipient, YearlyRating)
    )


def test_seed_004_awards_of_hoang_mai_for_2019(ctx):
    hoang_mai = ctx["units"]["Hoàng Mai"]
    awarded = (
        DecisionRecipient.objects.filter(year=2019, decision__is_sample=True)
        .filter(unit__path__startswith=hoang_mai.path)
        .values_list("award_type__code")
        .annotate(n=Count("pk"))
    )
    assert dict(awarded) == {
        "huan_chuong_lao_dong_hang_ba": 1,
        "co_thi_dua_cap_tinh": 5,
        "bang_khen_cap_tinh": 4,
        "tap_the_lao_dong_xuat_sac": 5,
    }
    individuals = DecisionRecipient.objects.filter(
        year=2019,
        award_type__code="bang_khen_cap_tinh",
        person__unit__path__startswith=hoang_mai.path,
    )
    assert individuals.count() == 3
    assert ctx["awards"]["co"].regime.code == "luat_2013_nd_91_2017"
    assert all(u.is_sample for u in Unit.objects.filter(parent=hoang_mai))


def test_the_demo_registry_is_seeded_once(ctx):
    first = _counts()
    demo.seed(ctx)
    assert _counts() == first


def _person(given):
    return Person.objects.get(given_name=given, unit__short_name="Hoàng Liệt")


def test_the_sample_histories_give_eligible_and_ineligible_people_with_reasons(ctx):
    assert check_subject(_person("Lan"), "chien_si_thi_dua_cap_tinh", 2025)["verdict"] == "eligible"
    assert check_subject(_person("Minh"), "lao_dong_tien_tien", 2025)["verdict"] == "eligible"
    minh = check_subject(_person("Minh"), "chien_si_thi_dua_co_so", 2025)
    assert minh["verdict"] == "not_eligible"
    assert any(
        not c["met"] and "Điều 23" in c["basis"] for r in minh["routes"] for c in r["conditions"]
    )
    assert check_subject(_person("Hoa"), "lao_dong_tien_tien", 2025)["verdict"] == "blocked"
    hung = check_subject(_person("Hùng"), "lao_dong_tien_tien", 2025)
    assert hung["verdict"] == "not_eligible"
    assert check_subject(_person("Mai"), "lao_dong_tien_tien", 2025)["verdict"] == "eligible"


def test_the_district_officer_sees_the_demo_history_page(ctx, client_for):
    user = ctx["users"]["hoangmai"]
    page = client_for(user).get(reverse("awards:history", args=["person", _person("Lan").pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "216/QĐ-UBND" in html and "ngày 10 tháng 01 năm 2020" in html
    assert "Đủ điều kiện" in html and "Chiến sĩ thi đua Thành phố" in html
