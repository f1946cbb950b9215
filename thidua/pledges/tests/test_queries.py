"""Reads: the list with signature counts, clusters waiting for a pledge, the cluster-page box."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from thidua.pledges import actions, queries

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_latest_version_and_its_signatures(opened, signers, cast):
    actions.sign_pledge(pledge_version=opened, unit=signers[0][1], by=signers[0][0])
    (row,) = queries.pledge_list(cast["council"])
    assert (row.latest_number, row.latest_status, row.signed_count, row.member_count) == (
        1,
        "signing",
        1,
        3,
    )
    assert list(queries.pledge_list(cast["outsider"])) == []
    assert list(queries.pledge_list(cast["viewer"], year=2019)) == []


def test_clusters_waiting_for_a_pledge_are_offered_to_their_drafters(cluster, cast):
    for name in ("board", "leader", "officer"):
        assert list(queries.clusters_awaiting_pledge(cast[name])) == [cluster]
    for name in ("member", "viewer", "outsider"):
        assert list(queries.clusters_awaiting_pledge(cast[name])) == []


def _render_box(cluster, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load pledges %}{% cluster_pledge cluster %}")
    return template.render(Context({"cluster": cluster, "request": request}))


def test_the_cluster_page_box_names_who_has_not_signed(opened, signers, cluster, cast):
    actions.sign_pledge(pledge_version=opened, unit=signers[1][1], by=signers[1][0])
    html = _render_box(cluster, cast["viewer"])
    assert "1/3 thành viên đã ký." in html
    assert "Quận Cầu Giấy" in html and "Quận Hà Đông" in html and "Quận Thanh Xuân" not in html


def test_the_cluster_page_box_offers_drafting_to_the_leader(cluster, cast):
    assert "/pledges/clusters/" in _render_box(cluster, cast["leader"])
    assert "/pledges/clusters/" not in _render_box(cluster, cast["member"])
