"""Every award page: the permission ladder, and what the pages show and do."""

import datetime

import pytest
from django.urls import reverse

from thidua.awards import actions
from thidua.awards.models import Decision, DecisionRecipient, YearlyRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(person, decide, cast, tree):
    board = cast["board"]
    rating = actions.record_rating(subject=person, year=2024, rating="htxsnv", by=board)
    fact = actions.record_fact(subject=person, year=2024, fact="active_in_movements", by=board)
    initiative = actions.record_initiative(
        subject=person, title="Sáng kiến A", scope="co_so", recognised_year=2024, by=board
    )
    discipline = actions.record_discipline(
        subject=person, code="khien_trach", decided_on=datetime.date(2020, 1, 1), by=board
    )
    matter = actions.open_matter(
        subject=person, kind="inspection", opened_on=datetime.date(2026, 1, 1), by=board
    )
    leave = actions.record_maternity_leave(person=person, year=2022, by=board)
    recipient = decide(person, "lao_dong_tien_tien", 2024)
    return {
        "rating": rating,
        "fact": fact,
        "initiative": initiative,
        "discipline": discipline,
        "matter": matter,
        "leave": leave,
        "recipient": recipient,
        "decision": recipient.decision,
    }


def test_index_and_new_decision_ladders(cast, ladder):
    c = cast
    ladder(reverse("awards:index"), allowed=list(c.values()))
    ladder(
        reverse("awards:decision_create"),
        allowed=[c["board"]],
        forbidden=[
            c["leader"],
            c["officer"],
            c["member"],
            c["council"],
            c["viewer"],
            c["outsider"],
        ],
    )


def test_decision_page_ladders(cast, records, ladder):
    c = cast
    decision, recipient = records["decision"], records["recipient"]
    ladder(
        reverse("awards:decision_detail", args=[decision.pk]),
        allowed=[c["board"], c["officer"], c["council"], c["viewer"]],
        hidden=[c["leader"], c["member"], c["outsider"]],
    )
    for url in (
        reverse("awards:decision_edit", args=[decision.pk]),
        reverse("awards:recipient_add", args=[decision.pk]),
        reverse("awards:recipient_remove", args=[recipient.pk]),
    ):
        ladder(
            url,
            allowed=[c["board"]],
            forbidden=[c["officer"], c["council"], c["viewer"]],
            hidden=[c["leader"], c["member"], c["outsider"]],
        )


def test_history_page_ladders(cast, person, tree, ladder):
    c = cast
    for args in (["person", person.pk], ["unit", tree["d2"].pk]):
        ladder(
            reverse("awards:history", args=args),
            allowed=[c["board"], c["officer"], c["council"], c["viewer"]],
            hidden=[c["leader"], c["member"], c["outsider"]],
        )


OFFICER_MAY = ["rating_create", "fact_create", "initiative_create", "maternity_create"]
BOARD_ONLY = ["discipline_create", "matter_create"]


def test_recording_pages_for_a_person_ladders(cast, person, ladder):
    c = cast
    for name in OFFICER_MAY + BOARD_ONLY:
        ladder(
            reverse(f"awards:{name}", args=["person", person.pk]),
            allowed=[c["board"], c["officer"]] if name in OFFICER_MAY else [c["board"]],
            forbidden=[c["council"], c["viewer"]] + ([] if name in OFFICER_MAY else [c["officer"]]),
            hidden=[c["leader"], c["member"], c["outsider"]],
        )


def test_recording_pages_for_a_unit_are_for_the_board(cast, tree, ladder):
    c = cast
    for name in ("rating_create", "fact_create", "initiative_create", *BOARD_ONLY):
        ladder(
            reverse(f"awards:{name}", args=["unit", tree["d2"].pk]),
            allowed=[c["board"]],
            forbidden=[c["officer"], c["council"], c["viewer"]],
            hidden=[c["leader"], c["member"], c["outsider"]],
        )


def test_editing_pages_ladders(cast, records, ladder):
    c = cast
    officer_may = {
        "rating_edit": records["rating"],
        "fact_remove": records["fact"],
        "initiative_edit": records["initiative"],
        "maternity_remove": records["leave"],
    }
    board_only = {"discipline_edit": records["discipline"], "matter_close": records["matter"]}
    for name, obj in {**officer_may, **board_only}.items():
        officer = name in officer_may
        ladder(
            reverse(f"awards:{name}", args=[obj.pk]),
            allowed=[c["board"], c["officer"]] if officer else [c["board"]],
            forbidden=[c["council"], c["viewer"]] + ([] if officer else [c["officer"]]),
            hidden=[c["leader"], c["member"], c["outsider"]],
        )


def test_import_pages_ladders(cast, ladder, client_for):
    c = cast
    officers = [c["board"], c["leader"], c["officer"], c["member"], c["outsider"]]
    for name in ("import_upload", "import_template"):
        ladder(reverse(f"awards:{name}"), allowed=officers, forbidden=[c["council"], c["viewer"]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.awards.excel import write_template

    staged = actions.stage_import(
        upload=SimpleUploadedFile("mau.xlsx", write_template()), by=c["officer"]
    )
    for name in ("import_preview", "import_discard"):
        ladder(
            reverse(f"awards:{name}", args=[staged.token]),
            allowed=[c["officer"]],
            hidden=[c["board"], c["leader"], c["member"], c["council"], c["viewer"], c["outsider"]],
        )


# --- what the pages show and do -----------------------------------------------------------------


def test_history_page_shows_records_and_verdicts_with_articles(cast, person, decide, client_for):
    board = cast["board"]
    for year in (2024, 2025):
        actions.record_rating(subject=person, year=year, rating="htxsnv", by=board)
        actions.record_fact(subject=person, year=year, fact="active_in_movements", by=board)
    decide(person, "lao_dong_tien_tien", 2024, number="77/QĐ-UBND")
    html = (
        client_for(cast["officer"])
        .get(reverse("awards:history", args=["person", person.pk]) + "?year=2025")
        .content.decode()
    )
    assert "Nguyễn Thị Hường" in html
    assert "77/QĐ-UBND" in html and "ngày 15 tháng 01 năm 2025" in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert 'id="verdicts"' in html
    assert "Điều 24" in html and "Điều 23" in html  # the articles of LĐTT and CSTĐ cơ sở
    assert "Đủ điều kiện" in html and "Chưa đủ điều kiện" in html
    assert "Điều 24 khoản 1 Luật Thi đua, khen thưởng 2022" in html  # each condition's article


def test_history_year_switch_returns_the_partial_for_htmx(cast, person, client_for):
    response = client_for(cast["board"]).get(
        reverse("awards:history", args=["person", person.pk]) + "?year=2024",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="eligibility",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="eligibility">') and "<html" not in html


def test_board_records_a_decision_and_its_recipient(cast, tree, person, types, client_for):
    client = client_for(cast["board"])
    response = client.post(
        reverse("awards:decision_create"),
        {
            "recorded_in": tree["city"].pk,
            "number": "1234 / QĐ-UBND",
            "signed_on": "2025-01-20",
            "issuer": tree["city"].pk,
            "issuer_name": "",
            "signer_name": "Trần Văn B",
            "signer_position": "Phó Chủ tịch",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.number, decision.issuer_name) == ("1234/QĐ-UBND", "Thành phố Thử")
    assert decision.regime.code == "luat_2022_nd_98_2023"
    form = client.get(reverse("awards:recipient_add", args=[decision.pk]), {"unit": person.unit_id})
    assert "Nguyễn Thị Hường" in form.content.decode()  # the chosen unit's people to pick from
    response = client.post(
        reverse("awards:recipient_add", args=[decision.pk]),
        {
            "unit": person.unit_id,
            "person": person.pk,
            "award_type": types["chien_si_thi_dua_co_so"].pk,
            "year": 2024,
            "basis": "merit",
        },
    )
    assert response.status_code == 302
    recipient = DecisionRecipient.objects.get()
    assert recipient.person == person
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "Nguyễn Thị Hường" in page and "ngày 20 tháng 01 năm 2025" in page
    assert "2.340.000 đ" in page  # 1.0 × the base salary on the signing date


def test_a_bad_decision_number_gets_a_vietnamese_message_and_changes_nothing(
    cast, tree, client_for
):
    response = client_for(cast["board"]).post(
        reverse("awards:decision_create"),
        {
            "recorded_in": tree["city"].pk,
            "number": "QĐ một",
            "signed_on": "2025-01-20",
            "issuer_name": "UBND",
        },
    )
    assert response.status_code == 400
    assert "1234/QĐ-UBND" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_title_for_the_wrong_kind_of_subject_is_refused(cast, records, types, client_for):
    decision = records["decision"]
    response = client_for(cast["board"]).post(
        reverse("awards:recipient_add", args=[decision.pk]),
        {
            "unit": records["rating"].person.unit_id,
            "award_type": types["lao_dong_tien_tien"].pk,
            "year": 2024,
            "basis": "merit",
        },
    )
    assert response.status_code == 400
    assert "không xét tặng cho tập thể" in response.content.decode()


def test_officer_records_a_rating_of_their_own_units_person(cast, person, client_for):
    url = reverse("awards:rating_create", args=["person", person.pk])
    client = client_for(cast["officer"])
    assert client.post(url, {"year": 2025, "rating": "httnv"}).status_code == 302
    again = client.post(url, {"year": 2025, "rating": "htxsnv"})
    assert again.status_code == 400
    assert "Đã có xếp loại năm 2025" in again.content.decode()
    assert YearlyRating.objects.get(person=person).rating == "httnv"


def test_a_stale_rating_edit_is_refused_with_409(cast, records, client_for):
    rating = records["rating"]
    url = reverse("awards:rating_edit", args=[rating.pk])
    client = client_for(cast["officer"])
    assert client.post(url, {"rating": "httnv", "version": 1}).status_code == 302
    stale = client.post(url, {"rating": "htnv", "version": 1})
    assert stale.status_code == 409
    rating.refresh_from_db()
    assert rating.rating == "httnv"


def test_closing_a_matter_through_the_page(cast, records, client_for):
    matter = records["matter"]
    response = client_for(cast["board"]).post(
        reverse("awards:matter_close", args=[matter.pk]),
        {"closed_on": "2026-02-01", "outcome": "Không vi phạm", "version": matter.version},
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.status == "closed"


def test_removal_pages_ask_then_remove(cast, records, client_for):
    client = client_for(cast["board"])
    recipient = records["recipient"]
    url = reverse("awards:recipient_remove", args=[recipient.pk])
    assert client.get(url).status_code == 200
    assert DecisionRecipient.objects.filter(pk=recipient.pk).exists()
    assert client.post(url).status_code == 302
    assert not DecisionRecipient.objects.filter(pk=recipient.pk).exists()


def test_index_finds_people_without_diacritics(cast, person, client_for):
    html = client_for(cast["board"]).get(reverse("awards:index") + "?q=nguyen thi huong")
    assert reverse("awards:history", args=["person", person.pk]) in html.content.decode()


def test_history_page_marks_what_came_from_a_predecessor(cast, tree, decide, client_for):
    from thidua.organizations import actions as org_actions
    from thidua.organizations.tests.factories import UnitFactory

    old = UnitFactory(parent=tree["d2"], short_name="Phường Cũ", name="Phường Cũ", kind="xa")
    new = UnitFactory(parent=tree["d2"], short_name="Phường Mới", name="Phường Mới", kind="xa")
    decide(old, "tap_the_lao_dong_xuat_sac", 2024, number="88/QĐ-UBND")
    org_actions.end_unit(
        unit=old, ended_on=datetime.date(2025, 6, 30), successors=[new], kind="merger", by=None
    )
    html = (
        client_for(cast["board"])
        .get(reverse("awards:history", args=["unit", new.pk]))
        .content.decode()
    )
    assert "Gồm cả lịch sử của các đơn vị được kế thừa" in html
    assert "88/QĐ-UBND" in html and "(từ Phường Cũ)" in html


def test_history_page_queries_do_not_grow_with_the_history(cast, person, decide, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast["board"])
    url = reverse("awards:history", args=["person", person.pk]) + "?year=2025"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    actions.record_rating(subject=person, year=2024, rating="httnv", by=None)
    decide(person, "lao_dong_tien_tien", 2024)
    few = count()
    for year in range(2016, 2024):
        actions.record_rating(subject=person, year=year, rating="htxsnv", by=None)
        actions.record_fact(subject=person, year=year, fact="active_in_movements", by=None)
        actions.record_initiative(
            subject=person, title=f"SK {year}", scope="co_so", recognised_year=year, by=None
        )
        decide(person, "lao_dong_tien_tien", year)
    assert count() == few
