import pytest
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.organizations.models import Person, Unit
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_unit_pages_follow_the_permission_ladder(tree, cast, cluster, ladder):
    c = cast
    everyone = [c["board"], c["leader"], c["officer"], c["council"], c["viewer"], c["outsider"]]
    ladder(reverse("home"), allowed=everyone)
    ladder(reverse("organizations:unit_tree"), allowed=everyone)
    ladder(reverse("organizations:search") + "?q=cau", allowed=everyone)
    d2 = tree["d2"].pk
    ladder(
        reverse("organizations:unit_detail", args=[d2]),
        allowed=[c["board"], c["officer"], c["viewer"], c["leader"]],
        hidden=[c["outsider"]],
    )
    ladder(
        reverse("organizations:unit_children", args=[tree["city"].pk]),
        allowed=[c["board"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    for name in ("unit_create", "unit_edit", "unit_end"):
        ladder(
            reverse(f"organizations:{name}", args=[d2]),
            allowed=[c["board"]],
            forbidden=[c["officer"], c["viewer"], c["council"]],
            hidden=[c["outsider"]],
        )
    ladder(
        reverse("organizations:person_create", args=[d2]),
        allowed=[c["board"], c["officer"]],
        forbidden=[c["viewer"], c["council"]],
        hidden=[c["outsider"]],
    )
    person = PersonFactory(unit=tree["d2"])
    ladder(
        reverse("organizations:person_edit", args=[person.pk]),
        allowed=[c["board"], c["officer"]],
        forbidden=[c["viewer"]],
        hidden=[c["outsider"], c["member"]],
    )


def test_officer_of_one_district_cannot_see_a_district_outside_its_clusters(tree, cast, client_for):
    response = client_for(cast["officer"]).get(
        reverse("organizations:unit_detail", args=[tree["w1"].pk])
    )
    assert response.status_code == 404


def test_board_creates_a_sub_unit_with_nfc_names(tree, cast, client_for):
    nfd = "Phu\u031bo\u031b\u0300ng Nghi\u0303a \u0110o\u0302"  # "Phường Nghĩa Đô" typed decomposed
    response = client_for(cast["board"]).post(
        reverse("organizations:unit_create", args=[tree["d1"].pk]),
        {"kind": "xa", "short_name": "Nghĩa Đô", "name": nfd},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(short_name="Nghĩa Đô")
    assert unit.name == "Phường Nghĩa Đô"
    assert unit.parent == tree["d1"]
    assert unit.path == f"{tree['d1'].path}{unit.pk}/"


def test_empty_name_gets_a_vietnamese_message_and_changes_nothing(tree, cast, client_for):
    before = (Unit.objects.count(), AuditEntry.objects.count())
    response = client_for(cast["board"]).post(
        reverse("organizations:unit_create", args=[tree["d1"].pk]),
        {"kind": "xa", "short_name": "   ", "name": "\u200b"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert "không được để trống" in response.content.decode() or (
        "bắt buộc" in response.content.decode()
    )
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_unit_made_its_own_ancestor_is_refused_in_vietnamese(tree, cast, client_for):
    d1 = tree["d1"]
    response = client_for(cast["board"]).post(
        reverse("organizations:unit_edit", args=[d1.pk]),
        {
            "kind": d1.kind,
            "short_name": d1.short_name,
            "name": d1.name,
            "parent": tree["w1"].pk,
            "version": d1.version,
        },
    )
    # The ward is not offered as a parent of its own district: the form refuses the choice.
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or (
        "hợp lệ" in response.content.decode()
    )
    d1.refresh_from_db()
    assert d1.parent == tree["city"]


def test_stale_unit_edit_is_told_changed_by_someone_else(tree, cast, client_for):
    d2 = tree["d2"]
    data = {
        "kind": d2.kind,
        "short_name": "Thanh Xuân",
        "name": "Quận Thanh Xuân mới",
        "parent": tree["city"].pk,
        "version": d2.version,
    }
    board = client_for(cast["board"])
    assert board.post(reverse("organizations:unit_edit", args=[d2.pk]), data).status_code == 302
    data["name"] = "Tên ghi đè"
    response = board.post(reverse("organizations:unit_edit", args=[d2.pk]), data)
    assert response.status_code == 409
    assert "người khác" in response.content.decode()
    d2.refresh_from_db()
    assert d2.name == "Quận Thanh Xuân mới"


def test_officer_adds_a_person_to_own_unit(tree, cast, client_for):
    response = client_for(cast["officer"]).post(
        reverse("organizations:person_create", args=[tree["d2"].pk]),
        {"family_name": "Trần", "middle_name": "Thị", "given_name": "Hường", "sex": "nu"},
    )
    assert response.status_code == 302
    person = Person.objects.get(given_name="Hường")
    assert person.unit == tree["d2"]
    assert AuditEntry.objects.filter(
        action="organizations.person.created", object_id=str(person.pk)
    ).exists()


def test_people_are_listed_by_given_name_in_vietnamese_order(tree, cast, client_for):
    for family, middle, given in [
        ("Nguyễn", "Văn", "Đức"),
        ("Lê", "Thị", "Ánh"),
        ("Trần", "", "Dũng"),
        ("Phạm", "Văn", "An"),
        ("Vũ", "Thị", "Ân"),
        ("Đỗ", "Minh", "Ất"),
    ]:
        PersonFactory(unit=tree["d2"], family_name=family, middle_name=middle, given_name=given)
    html = (
        client_for(cast["officer"])
        .get(reverse("organizations:unit_detail", args=[tree["d2"].pk]))
        .content.decode()
    )
    order = ["Phạm Văn An", "Lê Thị Ánh", "Vũ Thị Ân", "Đỗ Minh Ất", "Trần Dũng", "Nguyễn Văn Đức"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)


def test_search_ignores_diacritics_and_stays_in_scope(tree, cast, client_for):
    PersonFactory(unit=tree["o1"], family_name="Nguyễn", middle_name="Văn", given_name="Cầu")
    response = client_for(cast["board"]).get(reverse("organizations:search"), {"q": "cau giay"})
    assert "Quận Cầu Giấy" in response.content.decode()
    outsider = client_for(cast["outsider"]).get(reverse("organizations:search"), {"q": "cau"})
    assert "Cầu Giấy" not in outsider.content.decode()
    assert "Nguyễn Văn Cầu" in outsider.content.decode()
    assert "Nguyễn Văn Cầu" not in response.content.decode()


def test_search_partial_for_htmx(tree, cast, client_for):
    response = client_for(cast["board"]).get(
        reverse("organizations:search"), {"q": "thanh xuan"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Quận Thanh Xuân" in body and "<html" not in body


def test_ending_a_unit_names_successors_and_keeps_its_history_reachable(tree, cast, client_for):
    board = client_for(cast["board"])
    response = board.post(
        reverse("organizations:unit_end", args=[tree["d3"].pk]),
        {
            "kind": "merger",
            "ended_on": "2025-06-30",
            "successors": [tree["d2"].pk],
            "basis": "Nghị quyết 1656/NQ-UBTVQH15",
        },
    )
    assert response.status_code == 302
    page = board.get(reverse("organizations:unit_detail", args=[tree["d2"].pk])).content.decode()
    assert "Quận Hà Đông" in page
    ended = board.get(reverse("organizations:unit_detail", args=[tree["d3"].pk])).content.decode()
    assert "Quận Thanh Xuân" in ended


def test_unit_page_lists_only_the_clusters_the_reader_may_see(tree, cast, cluster, client_for):
    from thidua.clusters.tests.factories import make_cluster

    make_cluster(unit=tree["city"], members=[tree["d3"]], year=2021, name="Cụm năm sau")
    url = reverse("organizations:unit_detail", args=[tree["d3"].pk])
    # d2's officer sees d3 as a fellow member of Cụm I, not the 2021 cluster d2 is not in.
    officer_page = client_for(cast["officer"]).get(url).content.decode()
    assert "Cụm thi đua số I" in officer_page and "Cụm năm sau" not in officer_page
    assert "Cụm năm sau" in client_for(cast["board"]).get(url).content.decode()
