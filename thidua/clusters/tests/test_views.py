import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.clusters.models import Cluster, ClusterDocument
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _document(cluster, user):
    from thidua.clusters import actions

    return actions.add_cluster_document(
        cluster=cluster,
        kind="plan",
        number="01/KH-CTĐ",
        issued_on="2020-02-20",
        title="Kế hoạch công tác thi đua năm 2020",
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
        by=user,
    )


def test_cluster_pages_follow_the_permission_ladder(tree, cast, cluster, ladder):
    c = cast
    ladder(reverse("clusters:cluster_list"), allowed=list(c.values()))
    ladder(
        reverse("clusters:cluster_detail", args=[cluster.pk]),
        allowed=[c["board"], c["leader"], c["officer"], c["member"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    ladder(
        reverse("clusters:cluster_edit", args=[cluster.pk]),
        allowed=[c["board"]],
        forbidden=[c["leader"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    for name in ("document_add", "next_leader"):
        ladder(
            reverse(f"clusters:{name}", args=[cluster.pk]),
            allowed=[c["board"], c["leader"], c["officer"]],
            forbidden=[c["member"], c["viewer"]],
            hidden=[c["outsider"]],
        )
    ladder(
        reverse("clusters:cluster_create", args=[cluster.emulation_year_id]),
        allowed=[c["board"]],
        forbidden=[c["viewer"], c["leader"]],
        hidden=[c["outsider"]],
    )
    ladder(
        reverse("clusters:year_create"),
        allowed=[c["board"]],
        forbidden=[c["viewer"], c["leader"], c["outsider"]],
    )
    doc = _document(cluster, c["leader"])
    ladder(
        reverse("clusters:document_download", args=[doc.pk]),
        allowed=[c["board"], c["member"], c["viewer"]],
        hidden=[c["outsider"]],
    )


def test_cluster_page_lists_members_in_vietnamese_order(tree, cast, cluster, client_for):
    html = (
        client_for(cast["member"])
        .get(reverse("clusters:cluster_detail", args=[cluster.pk]))
        .content.decode()
    )
    positions = [html.index(n) for n in ("Quận Cầu Giấy", "Quận Hà Đông", "Quận Thanh Xuân")]
    assert positions == sorted(positions)


def test_board_creates_a_cluster_through_the_page(tree, cast, cluster, client_for):
    ey = cluster.emulation_year
    w = tree["w1"]
    response = client_for(cast["board"]).post(
        reverse("clusters:cluster_create", args=[ey.pk]),
        {
            "kind": "khoi",
            "number": "II",
            "name": "Khối thi đua số II",
            "members": [w.pk],
            "leader": w.pk,
        },
    )
    assert response.status_code == 302
    assert Cluster.objects.get(number="II").leader == w


def test_member_twice_in_a_year_gets_a_vietnamese_message_and_changes_nothing(
    tree, cast, cluster, client_for
):
    before = (Cluster.objects.count(), AuditEntry.objects.count())
    response = client_for(cast["board"]).post(
        reverse("clusters:cluster_create", args=[cluster.emulation_year_id]),
        {"kind": "cum", "number": "II", "name": "Cụm II", "members": [tree["d1"].pk]},
    )
    assert response.status_code == 400
    assert "đã là thành viên của Cụm thi đua số I trong năm 2020" in response.content.decode()
    assert (Cluster.objects.count(), AuditEntry.objects.count()) == before


def test_leader_who_is_not_a_member_gets_a_vietnamese_message(tree, cast, cluster, client_for):
    response = client_for(cast["board"]).post(
        reverse("clusters:cluster_edit", args=[cluster.pk]),
        {
            "number": "I",
            "name": "Cụm I",
            "members": [tree["d2"].pk, tree["d3"].pk],
            "leader": tree["d1"].pk,
            "version": cluster.version,
        },
    )
    assert response.status_code == 400
    assert "Đơn vị cụm trưởng phải là thành viên của cụm." in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.memberships.count() == 3


def test_leader_uploads_the_plan_and_members_download_it(tree, cast, cluster, client_for):
    response = client_for(cast["leader"]).post(
        reverse("clusters:document_add", args=[cluster.pk]),
        {
            "kind": "plan",
            "number": "01/KH-CTĐIX",
            "issued_on": "2020-02-20",
            "title": "Kế hoạch năm 2020",
            "file": SimpleUploadedFile("kh.pdf", PDF),
        },
    )
    assert response.status_code == 302
    doc = ClusterDocument.objects.get()
    assert doc.content_type == "application/pdf"
    page = client_for(cast["member"]).get(reverse("clusters:cluster_detail", args=[cluster.pk]))
    assert "ngày 20 tháng 02 năm 2020" in page.content.decode()
    download = client_for(cast["member"]).get(reverse("clusters:document_download", args=[doc.pk]))
    assert b"".join(download.streaming_content) == PDF


def test_an_upload_whose_content_is_not_a_document_is_refused(tree, cast, cluster, client_for):
    response = client_for(cast["leader"]).post(
        reverse("clusters:document_add", args=[cluster.pk]),
        {
            "kind": "plan",
            "number": "01/KH",
            "issued_on": "2020-02-20",
            "title": "Kế hoạch",
            "file": SimpleUploadedFile(
                "kh.pdf", b"<script>alert(1)</script>", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 400
    assert "không được chấp nhận" in response.content.decode()
    assert not ClusterDocument.objects.exists()
