"""Report pages: the figures, the charts as Chart.js configurations, files, and who sees what."""

import json

import pytest
from django.urls import reverse

from thidua.documents.tests.readers import sheet_values

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_figures_and_the_charts(tree, cast, awards, client_for):
    response = client_for(cast["board"]).get(
        reverse("reports:unit_report", args=[tree["city"].pk, 2024])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Huân chương Lao động hạng Ba" in text
    assert "61.542.000 đ" in text and "2.340.000 đ" in text
    assert "vendor/chart.js/chart.umd.min.js" in text and "reports/charts.js" in text
    keys = [c["key"] for c in response.context["charts"]]
    assert keys == [
        "chart-awards-by-level",
        "chart-awards-by-type",
        "chart-awards-by-year",
        "chart-awards-by-sex",
    ]
    level = json.loads(
        text.split('<script id="chart-awards-by-level" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert 'data-chart="chart-awards-by-level"' in text and text.count('id="awards-by-level"') == 1
    assert level["type"] == "bar" and level["options"]["scales"]["x"]["stacked"] is True
    assert [d["data"] for d in level["data"]["datasets"]] == [[0.0, 0.0, 2.0], [1.0, 2.0, 0.0]]


def test_the_choice_page_leads_to_a_report(tree, cast, client_for):
    client = client_for(cast["leader"])
    page = client.get(reverse("reports:index"))
    assert [u.pk for u in page.context["units"]] == [tree["d1"].pk, tree["w1"].pk]
    response = client.get(reverse("reports:index"), {"unit": tree["d1"].pk, "year": 2024})
    assert response["Location"] == reverse("reports:unit_report", args=[tree["d1"].pk, 2024])
    # a unit above one's own is not reported to a district officer
    above = client.get(reverse("reports:index"), {"unit": tree["city"].pk, "year": 2024})
    assert above.status_code == 404


def test_a_cluster_report_offers_the_batches(cluster, cast, client_for):
    response = client_for(cast["leader"]).get(reverse("reports:cluster_report", args=[cluster.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("documents:batch_start", args=["reports.member_reports", cluster.pk]) in text
    assert (
        reverse(
            "documents:batch_start",
            args=["campaigns.registration_lists", cluster.emulation_year_id],
        )
        in text
    )


def test_excel_download_of_a_report(tree, cast, awards, client_for):
    url = reverse("reports:unit_report_file", args=[tree["d1"].pk, 2024, "xlsx"])
    response = client_for(cast["leader"]).get(url)
    assert response.status_code == 200
    rows = sheet_values(response.content)
    assert [2, "Huân chương Lao động hạng Ba", 0, 1, 1] in rows


def test_a_year_out_of_range_is_not_found(tree, cast, client_for):
    client = client_for(cast["board"])
    assert (
        client.get(reverse("reports:unit_report", args=[tree["city"].pk, 1990])).status_code == 404
    )
