"""Downloads follow the permission ladder and answer with the right file."""

import pytest
from django.urls import reverse

from .readers import docx_text, sheet_values

pytestmark = pytest.mark.django_db

FORMATS = {"docx": "wordprocessingml", "pdf": "application/pdf", "xlsx": "spreadsheetml"}


def _viewers(cast):
    return [cast[k] for k in ("board", "leader", "officer", "member", "council", "viewer")]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_year_decision_download_follows_the_ladder(cast, cluster, ladder, fmt):
    url = reverse("documents:year_clusters", args=[cluster.emulation_year_id, fmt])
    assert url == f"/documents/years/{cluster.emulation_year_id}/clusters.{fmt}"
    ladder(url, allowed=_viewers(cast), hidden=[cast["outsider"]])


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_member_list_download_follows_the_ladder(cast, cluster, ladder, fmt):
    url = reverse("documents:cluster_members", args=[cluster.pk, fmt])
    assert url == f"/documents/clusters/{cluster.pk}/members.{fmt}"
    ladder(url, allowed=_viewers(cast), hidden=[cast["outsider"]])


def test_a_missing_year_or_cluster_is_a_404_like_a_hidden_one(cast, cluster, client_for):
    client = client_for(cast["board"])
    assert client.get(reverse("documents:year_clusters", args=[999999, "pdf"])).status_code == 404
    assert client.get(reverse("documents:cluster_members", args=[999999, "pdf"])).status_code == 404


def test_a_format_the_paper_is_not_made_in_is_a_404(cast, cluster, client_for):
    client = client_for(cast["board"])
    assert (
        client.get(reverse("documents:cluster_members", args=[cluster.pk, "docx"])).status_code
        == 404
    )
    assert client.get(f"/documents/clusters/{cluster.pk}/members.odt").status_code == 404


def test_the_download_is_an_attachment_with_its_type(cast, cluster, client_for):
    client = client_for(cast["leader"])
    response = client.get(
        reverse("documents:year_clusters", args=[cluster.emulation_year_id, "docx"])
    )
    assert response.status_code == 200
    assert FORMATS["docx"] in response["Content-Type"]
    stem = "quyet-dinh-ve-viec-thanh-lap-cac-cum-khoi-thi-dua-nam-2020-thanh-pho-thu"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Quận Cầu Giấy" in docx_text(response.content)

    response = client.get(reverse("documents:cluster_members", args=[cluster.pk, "xlsx"]))
    assert FORMATS["xlsx"] in response["Content-Type"]
    assert [1, "Quận Cầu Giấy", "Quận / huyện / thị xã", "Cụm trưởng"] in sheet_values(
        response.content
    )


def test_an_english_speaking_user_still_gets_a_vietnamese_paper(cast, cluster, client_for):
    client = client_for(cast["board"])
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("documents:year_clusters", args=[cluster.emulation_year_id, "docx"]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "QUYẾT ĐỊNH" in docx_text(response.content)


def test_only_get_is_allowed(cast, cluster, client_for):
    client = client_for(cast["board"])
    url = reverse("documents:cluster_members", args=[cluster.pk, "pdf"])
    assert client.post(url).status_code == 405
