"""The reports API gives the page's figures, with the page's access rule."""

import pytest

from thidua.accounts import actions as account_actions

pytestmark = pytest.mark.django_db


def test_a_city_report_through_the_api_counts_the_years_awards(tree, cast, awards, client_for):
    response = client_for(cast["board"]).get(f"/api/v1/reports/units/{tree['city'].pk}/2024")
    assert response.status_code == 200
    data = response.json()
    assert (data["name"], data["year"], data["cluster_id"]) == (tree["city"].name, 2024, None)
    # Huân chương to Cầu Giấy, two Cờ, a CSTĐ cơ sở, a LĐTT; not the 2023 Giấy khen nor Bắc Ninh.
    assert data["award_total"] == 5
    flags = [line for line in data["awards"] if line["name"].startswith("Cờ thi đua")]
    assert [(f["collectives"], f["individuals"], f["total"]) for f in flags] == [(2, 0, 2)]
    assert data["sexes"] == {"women": 1, "men": 1, "unknown": 0, "collectives": 3}
    assert [y["year"] for y in data["years"]][-1] == 2024
    assert data["bonus"]["base_salary"] == 2_340_000 and data["bonus"]["total"] > 0


def test_a_unit_sees_its_own_report_and_not_its_neighbours(tree, cast, client_for):
    officer = client_for(cast["officer"])  # Thanh Xuân's officer
    assert officer.get(f"/api/v1/reports/units/{tree['d2'].pk}/2024").status_code == 200
    assert officer.get(f"/api/v1/reports/units/{tree['d1'].pk}/2024").status_code == 404
    assert officer.get(f"/api/v1/reports/units/{tree['city'].pk}/2024").status_code == 404


def test_a_year_out_of_range_or_no_sign_in_is_refused(tree, cast, client_for):
    board = client_for(cast["board"])
    assert board.get(f"/api/v1/reports/units/{tree['city'].pk}/1999").status_code == 404
    assert board.get(f"/api/v1/reports/units/{tree['city'].pk}/99999").status_code == 404
    anonymous = client_for(None).get(f"/api/v1/reports/units/{tree['city'].pk}/2024")
    assert anonymous.status_code == 401


def test_a_cluster_report_through_a_token(cluster, cast, client_for):
    _, raw = account_actions.create_api_token(user=cast["member"], name="báo cáo")
    response = client_for(None).get(
        f"/api/v1/reports/clusters/{cluster.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200
    assert response.json()["cluster_id"] == cluster.pk
    assert response.json()["registrations"]["members"] == cluster.memberships.count()
