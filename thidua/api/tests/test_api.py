import pytest

pytestmark = pytest.mark.django_db


def test_api_requires_a_signed_in_user(client_for, tree):
    response = client_for(None).get("/api/v1/units")
    assert response.status_code == 401
    assert "đăng nhập" in response.json()["detail"]


def test_units_are_listed_in_vietnamese_order_within_scope(client_for, cast, tree):
    data = client_for(cast["board"]).get("/api/v1/units", {"parent": tree["city"].pk}).json()
    assert [u["short_name"] for u in data["items"]] == ["Cầu Giấy", "Hà Đông", "Thanh Xuân"]
    assert data["count"] == 3


def test_unit_search_ignores_diacritics(client_for, cast, tree):
    data = client_for(cast["board"]).get("/api/v1/units", {"q": "ha dong"}).json()
    assert [u["name"] for u in data["items"]] == ["Quận Hà Đông"]


def test_objects_of_other_units_answer_404_whether_they_exist_or_not(
    client_for, cast, tree, cluster
):
    outsider = client_for(cast["outsider"])
    assert outsider.get(f"/api/v1/units/{tree['d1'].pk}").status_code == 404
    assert outsider.get("/api/v1/units/999999").status_code == 404
    assert outsider.get(f"/api/v1/clusters/{cluster.pk}").status_code == 404
    assert outsider.get("/api/v1/clusters/999999").status_code == 404
    assert outsider.get("/api/v1/clusters").json()["count"] == 0


def test_cluster_detail_lists_members_in_vietnamese_order(client_for, cast, cluster):
    data = client_for(cast["member"]).get(f"/api/v1/clusters/{cluster.pk}").json()
    assert [m["short_name"] for m in data["members"]] == ["Cầu Giấy", "Hà Đông", "Thanh Xuân"]
    assert data["year"] == 2020 and data["leader_id"] == cluster.leader_id


def test_openapi_schema_and_docs_are_served_without_a_cdn(client_for, cast):
    c = client_for(cast["viewer"])
    schema = c.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and "/api/v1/units" in schema.json()["paths"]
    docs = c.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/" in docs
