"""Every award action writes its audit row; the rules they check refuse bad writes whole."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards import actions
from thidua.awards.excel import write_template
from thidua.awards.models import (
    Decision,
    DecisionRecipient,
    ImportUpload,
    Initiative,
    PendingMatter,
)
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _audited(action: str, obj, *, actor=None) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action, object_id=str(obj.pk)).latest("id")
    if actor is not None:
        assert entry.actor == actor
    return entry


@pytest.fixture
def decision(tree, cast):
    return actions.create_decision(
        recorded_in=tree["city"],
        number="15/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer=tree["city"],
        signer_name="Nguyễn Văn Ký",
        by=cast["board"],
    )


# --- decisions ----------------------------------------------------------------------------------


def test_create_decision_is_audited_with_its_regime(decision, cast):
    entry = _audited("awards.decision.created", decision, actor=cast["board"])
    assert entry.after["number"] == "15/QĐ-UBND"
    assert decision.issuer_name == "Thành phố Thử"
    assert decision.regime.code == "luat_2022_nd_98_2023"
    assert entry.unit_id == decision.recorded_in_id


def test_update_decision_is_audited_and_recomputes_the_regime(decision, cast):
    actions.update_decision(
        decision=decision,
        version=decision.version,
        signed_on=datetime.date(2025, 7, 2),
        by=cast["board"],
    )
    entry = _audited("awards.decision.updated", decision)
    assert entry.before["signed_on"] == "2025-01-20" and entry.after["signed_on"] == "2025-07-02"
    decision.refresh_from_db()
    assert decision.regime.code == "luat_2022_nd_152_2025"
    with pytest.raises(StaleEditError):
        actions.update_decision(decision=decision, version=1, note="x", by=cast["board"])


def test_add_recipient_is_audited_with_the_initiatives_used(decision, person, types, cast):
    initiative = actions.record_initiative(
        subject=person, title="Sáng kiến", scope="co_so", recognised_year=2024, by=None
    )
    recipient = actions.add_recipient(
        decision=decision,
        subject=person,
        award_type=types["chien_si_thi_dua_co_so"],
        year=2024,
        based_on=[initiative],
        by=cast["board"],
    )
    entry = _audited("awards.recipient.added", recipient, actor=cast["board"])
    assert entry.after["person"] == person.pk and entry.after["based_on"] == [initiative.pk]
    assert entry.unit_id == person.unit_id


def test_remove_recipient_is_audited(decision, tree, types, cast):
    recipient = actions.add_recipient(
        decision=decision,
        subject=tree["d2"],
        award_type=types["co_thi_dua_cap_tinh"],
        year=2024,
        by=cast["board"],
    )
    actions.remove_recipient(recipient=recipient, by=cast["board"])
    entry = _audited("awards.recipient.removed", recipient)
    assert entry.before["unit"] == tree["d2"].pk
    assert not DecisionRecipient.objects.exists()


def test_an_initiative_is_used_once(decision, person, types):
    initiative = actions.record_initiative(
        subject=person, title="Sáng kiến", scope="co_so", recognised_year=2024, by=None
    )
    actions.add_recipient(
        decision=decision,
        subject=person,
        award_type=types["chien_si_thi_dua_co_so"],
        year=2024,
        based_on=[initiative],
        by=None,
    )
    with pytest.raises(ValidationError) as error:
        actions.add_recipient(
            decision=decision,
            subject=person,
            award_type=types["giay_khen"],
            year=2024,
            based_on=[initiative],
            by=None,
        )
    assert "chỉ được dùng một lần" in str(error.value)
    assert DecisionRecipient.objects.count() == 1


def test_a_recipient_cannot_use_someone_elses_initiative(decision, person, types, tree):
    other = PersonFactory(unit=tree["d2"])
    theirs = actions.record_initiative(
        subject=other, title="Của người khác", scope="co_so", recognised_year=2024, by=None
    )
    with pytest.raises(ValidationError):
        actions.add_recipient(
            decision=decision,
            subject=person,
            award_type=types["chien_si_thi_dua_co_so"],
            year=2024,
            based_on=[theirs],
            by=None,
        )


@pytest.mark.parametrize(
    ("code", "year", "fragment"),
    [
        ("tap_the_lao_dong_xuat_sac", 2024, "không xét tặng cho cá nhân"),
        ("lao_dong_tien_tien", 2026, "Năm đánh giá phải từ 1945"),
    ],
)
def test_recipient_rules(decision, person, types, code, year, fragment):
    with pytest.raises(ValidationError) as error:
        actions.add_recipient(
            decision=decision, subject=person, award_type=types[code], year=year, by=None
        )
    assert fragment in str(error.value)


def test_a_recipient_outside_the_recording_unit_is_refused(tree, types, cast):
    decision = actions.create_decision(
        recorded_in=tree["d1"],
        number="3/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer_name="UBND quận Cầu Giấy",
        by=cast["board"],
    )
    with pytest.raises(ValidationError) as error:
        actions.add_recipient(
            decision=decision,
            subject=tree["d2"],
            award_type=types["giay_khen"],
            year=2024,
            by=None,
        )
    assert "không thuộc Quận Cầu Giấy" in str(error.value)


def test_the_same_decision_is_not_recorded_twice(decision, tree, cast):
    with pytest.raises(ValidationError) as error:
        actions.create_decision(
            recorded_in=tree["city"],
            number="15/QĐ-UBND",
            signed_on=datetime.date(2025, 1, 20),
            issuer=tree["city"],
            by=cast["board"],
        )
    assert "đã được ghi nhận" in str(error.value)
    assert Decision.objects.count() == 1


def test_a_decision_cannot_be_dated_in_the_future(tree):
    with pytest.raises(ValidationError):
        actions.create_decision(
            recorded_in=tree["city"],
            number="1/QĐ-UBND",
            signed_on=datetime.date(2100, 1, 1),
            issuer_name="UBND",
            by=None,
        )


# --- records ------------------------------------------------------------------------------------


def test_record_rating_is_audited(person, cast):
    rating = actions.record_rating(subject=person, year=2025, rating="httnv", by=cast["officer"])
    entry = _audited("awards.rating.recorded", rating, actor=cast["officer"])
    assert entry.after == {"person": person.pk, "unit": None, "year": 2025, "rating": "httnv"}


def test_change_rating_is_audited_and_version_checked(person, cast):
    rating = actions.record_rating(subject=person, year=2025, rating="httnv", by=None)
    actions.change_rating(rating=rating, version=1, value="htxsnv", by=cast["officer"])
    entry = _audited("awards.rating.changed", rating, actor=cast["officer"])
    assert (entry.before["rating"], entry.after["rating"]) == ("httnv", "htxsnv")
    with pytest.raises(StaleEditError):
        actions.change_rating(rating=rating, version=1, value="htnv", by=None)


def test_record_fact_is_audited(tree, cast):
    fact = actions.record_fact(subject=tree["d2"], year=2025, fact="united", by=cast["board"])
    assert _audited("awards.fact.recorded", fact).after["fact"] == "united"


def test_remove_fact_is_audited(tree, cast):
    fact = actions.record_fact(subject=tree["d2"], year=2025, fact="united", by=None)
    actions.remove_fact(fact=fact, by=cast["board"])
    assert _audited("awards.fact.removed", fact, actor=cast["board"]).before["year"] == 2025


def test_record_initiative_is_audited(person, cast):
    initiative = actions.record_initiative(
        subject=person,
        title="  Sổ tay  điện tử ",
        scope="cap_tinh",
        recognised_year=2024,
        by=cast["board"],
    )
    assert initiative.title == "Sổ tay điện tử"
    assert _audited("awards.initiative.recorded", initiative).after["scope"] == "cap_tinh"


def test_update_initiative_is_audited(person, cast):
    initiative = actions.record_initiative(
        subject=person, title="Sổ tay", scope="co_so", recognised_year=2024, by=None
    )
    actions.update_initiative(initiative=initiative, version=1, scope="toan_quoc", by=cast["board"])
    entry = _audited("awards.initiative.updated", initiative)
    assert (entry.before["scope"], entry.after["scope"]) == ("co_so", "toan_quoc")


def test_record_discipline_is_audited(person, cast):
    discipline = actions.record_discipline(
        subject=person,
        code="canh_cao",
        decided_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2025, 3, 1),
        by=cast["board"],
    )
    entry = _audited("awards.discipline.recorded", discipline)
    assert entry.after["year"] == 2024 and entry.after["ends_on"] == "2025-03-01"


def test_update_discipline_is_audited(person, cast):
    discipline = actions.record_discipline(
        subject=person, code="canh_cao", decided_on=datetime.date(2024, 3, 1), by=None
    )
    actions.update_discipline(
        discipline=discipline, version=1, ends_on=datetime.date(2024, 12, 31), by=cast["board"]
    )
    assert _audited("awards.discipline.updated", discipline).after["ends_on"] == "2024-12-31"
    with pytest.raises(ValidationError):
        actions.update_discipline(
            discipline=discipline, version=2, ends_on=datetime.date(2023, 1, 1), by=None
        )


def test_open_matter_is_audited(person, cast):
    matter = actions.open_matter(
        subject=person, kind="complaint", opened_on=datetime.date(2026, 1, 5), by=cast["board"]
    )
    assert _audited("awards.matter.opened", matter).after["status"] == "open"


def test_close_matter_is_audited_and_happens_once(person, cast):
    matter = actions.open_matter(
        subject=person, kind="complaint", opened_on=datetime.date(2026, 1, 5), by=None
    )
    actions.close_matter(
        matter=matter, version=1, closed_on=datetime.date(2026, 2, 1), by=cast["board"]
    )
    entry = _audited("awards.matter.closed", matter)
    assert (entry.before["status"], entry.after["status"]) == ("open", "closed")
    with pytest.raises(ValidationError):
        actions.close_matter(matter=matter, version=2, closed_on=datetime.date(2026, 2, 1), by=None)
    assert PendingMatter.objects.get().version == 2


def test_record_maternity_leave_is_audited(person, cast):
    leave = actions.record_maternity_leave(person=person, year=2023, by=cast["officer"])
    assert _audited("awards.maternity.recorded", leave, actor=cast["officer"]).after["year"] == 2023


def test_remove_maternity_leave_is_audited(person, cast):
    leave = actions.record_maternity_leave(person=person, year=2023, by=None)
    actions.remove_maternity_leave(leave=leave, by=cast["officer"])
    assert _audited("awards.maternity.removed", leave).before["person"] == person.pk


# --- imports ------------------------------------------------------------------------------------


def _template_upload():
    return SimpleUploadedFile("lịch sử.xlsx", write_template())


def test_stage_import_is_audited_and_keeps_the_file_server_side(cast):
    staged = actions.stage_import(upload=_template_upload(), by=cast["officer"])
    assert _audited("awards.import.staged", staged, actor=cast["officer"])
    assert staged.file.storage.exists(staged.file.name)
    assert len(staged.token) >= 32 and staged.original_name == "lịch sử.xlsx"


def test_stage_import_refuses_a_file_that_is_not_xlsx(cast):
    with pytest.raises(ValidationError):
        actions.stage_import(
            upload=SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not a sheet"), by=cast["officer"]
        )
    assert not ImportUpload.objects.exists()


def test_discard_import_is_audited_and_removes_the_file(cast, django_capture_on_commit_callbacks):
    staged = actions.stage_import(upload=_template_upload(), by=cast["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        actions.discard_import(staged=staged, by=cast["officer"])
    assert _audited("awards.import.discarded", staged).after["status"] == "discarded"
    assert not staged.file.storage.exists(staged.file.name)


def test_commit_import_is_audited(cast, person):
    from thidua.awards.tests.test_import import workbook

    data = workbook(ratings=[["Thanh Xuân", "Nguyễn Thị Hường", "12/03/1985", 2024, "HTTNV"]])
    staged = actions.stage_import(upload=SimpleUploadedFile("x.xlsx", data), by=cast["officer"])
    actions.commit_import(staged=staged, by=cast["officer"])
    entry = _audited("awards.import.committed", staged, actor=cast["officer"])
    assert entry.after["ratings"] == 1 and len(entry.after["rating_ids"]) == 1


def test_initiative_kind_is_checked(person):
    with pytest.raises(ValidationError):
        actions.record_initiative(
            subject=person, title="x", scope="co_so", recognised_year=2024, kind="patent", by=None
        )
    assert not Initiative.objects.exists()
