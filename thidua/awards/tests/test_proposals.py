"""Award proposals: eligibility on every change, the dossier of Law art. 84, the states and their
audit rows, and the same achievement proposed at two levels."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards import actions
from thidua.awards.models import (
    DecisionRecipient,
    DossierDocument,
    ProposalItem,
    ProposalStatus,
)
from thidua.awards.queries import proposals as q
from thidua.core.errors import StaleEditError
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def pdf(name="ho-so.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def worker(tree):
    """Rated "good" in 2025 and active in the movements: an Advanced Worker (art. 24.1)."""
    person = PersonFactory(
        unit=tree["d2"], family_name="Nguyễn", middle_name="Thị", given_name="Hường", sex="nu"
    )
    actions.record_rating(subject=person, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="active_in_movements", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="excellent_in_movement", by=None)
    return person


@pytest.fixture
def idle(tree):
    """Only "completed tasks" in 2025: not an Advanced Worker."""
    person = PersonFactory(unit=tree["d2"], family_name="Trần", given_name="Bình", sex="nam")
    actions.record_rating(subject=person, year=YEAR, rating="htnv", by=None)
    return person


@pytest.fixture
def proposal(tree, cast):
    return actions.create_proposal(proposer=tree["d2"], year=YEAR, by=cast["officer"])


def complete_dossier(proposal, by):
    """Upload the request letter, each report and the minutes the checklist asks for."""
    for line in q.checklist(proposal):
        if not line.done:
            actions.add_document(
                proposal=proposal, kind=line.kind, item=line.item, upload=pdf(), by=by
            )


def test_a_unit_proposal_goes_to_the_board_above_and_is_audited(proposal, tree, cast):
    assert proposal.board == tree["city"]
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.title == "Đề nghị khen thưởng thành tích năm 2025"
    row = AuditEntry.objects.get(action="awards.proposal.created")
    assert row.object_id == str(proposal.pk)
    assert row.actor == cast["officer"]


def test_a_cluster_proposes_through_its_leader_to_the_organiser(cluster, tree, cast):
    proposal = actions.create_proposal(
        proposer=tree["d1"], cluster=cluster, year=YEAR, by=cast["leader"]
    )
    assert proposal.board == cluster.emulation_year.unit
    assert set(q.recipient_units(proposal)) >= {tree["d1"], tree["d2"], tree["d3"], tree["w1"]}
    with pytest.raises(ValidationError, match="đơn vị cụm trưởng"):
        actions.create_proposal(proposer=tree["d2"], cluster=cluster, year=YEAR, by=None)


def test_each_added_recipient_is_checked_and_the_officer_sees_why(proposal, worker, idle, types):
    good = actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    bad = actions.add_item(
        proposal=proposal, subject=idle, award_type=types["lao_dong_tien_tien"], by=None
    )
    good.refresh_from_db()
    assert good.verdict == "eligible"
    assert bad.verdict == "not_eligible"
    why = q.reasons(bad)
    assert why and all("Điều 24" in line for line in why)
    assert any("2025" in line for line in why)
    added = AuditEntry.objects.filter(action="awards.proposal_item.added")
    assert added.count() == 2
    assert added.get(object_id=str(bad.pk)).after["reasons"] == why


def test_a_recipient_outside_the_proposer_or_of_the_wrong_kind_is_refused(
    proposal, tree, types, worker
):
    stranger = PersonFactory(unit=tree["d3"])
    with pytest.raises(ValidationError, match="ngoài"):
        actions.add_item(
            proposal=proposal, subject=stranger, award_type=types["lao_dong_tien_tien"], by=None
        )
    with pytest.raises(ValidationError):
        actions.add_item(
            proposal=proposal,
            subject=tree["d2"],
            award_type=types["lao_dong_tien_tien"],
            by=None,
        )
    assert not ProposalItem.objects.exists()


def test_a_proposal_cannot_be_filed_while_a_recipient_fails(proposal, worker, idle, types, cast):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    actions.add_item(
        proposal=proposal, subject=idle, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    complete_dossier(proposal, cast["officer"])
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        actions.file_proposal(proposal=proposal, version=proposal.version, by=cast["officer"])
    text = " ".join(error.value.messages)
    assert idle.full_name in text and "Điều 24" in text
    assert worker.full_name not in text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_filing_needs_the_dossier_of_article_84(proposal, worker, types, cast):
    item = actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    labels = [line.label for line in q.checklist(proposal)]
    assert labels == [
        "Tờ trình đề nghị khen thưởng",
        "Báo cáo thành tích của Nguyễn Thị Hường",
        "Biên bản bình xét thi đua",
    ]
    with pytest.raises(ValidationError, match="Điều 84") as error:
        actions.file_proposal(proposal=proposal, version=proposal.version, by=cast["officer"])
    assert "Báo cáo thành tích của Nguyễn Thị Hường" in error.value.messages[0]
    actions.add_document(
        proposal=proposal, kind="report", item=item, upload=pdf("bc.pdf"), by=cast["officer"]
    )
    missing = q.missing_documents(q.checklist(proposal))
    assert missing == ["Tờ trình đề nghị khen thưởng", "Biên bản bình xét thi đua"]


def test_initiative_certificates_and_the_province_opinion_are_asked_where_needed(
    proposal, tree, types
):
    person = PersonFactory(unit=tree["d2"])
    item = ProposalItem.objects.create(
        proposal=proposal, person=person, award_type=types["chien_si_thi_dua_co_so"], year=YEAR
    )
    ProposalItem.objects.create(
        proposal=proposal, unit=tree["d2"], award_type=types["bang_khen_thu_tuong"], year=YEAR
    )
    kinds = [(line.kind, line.item) for line in q.checklist(proposal)]
    assert ("initiative", item) in kinds
    assert ("province_opinion", None) in kinds
    assert ("review_minutes", None) in kinds and ("assessment_minutes", None) in kinds


def test_the_whole_road_file_return_file_again_approve_into_the_registry(
    proposal, worker, types, cast, tree
):
    actions.add_item(
        proposal=proposal,
        subject=worker,
        award_type=types["lao_dong_tien_tien"],
        achievements="Hoàn thành xuất sắc nhiệm vụ được giao.",
        by=cast["officer"],
    )
    proposal.refresh_from_db()
    complete_dossier(proposal, cast["officer"])
    proposal.refresh_from_db()
    filed = actions.file_proposal(proposal=proposal, version=proposal.version, by=cast["officer"])
    assert filed.status == ProposalStatus.FILED and filed.filed_by == cast["officer"]
    assert list(ProposalItem.objects.values_list("claim", flat=True)) == ["lao_dong_tien_tien"]
    # Filed: the proposer can no longer change it.
    with pytest.raises(ValidationError, match="đã gửi"):
        actions.add_document(proposal=filed, kind="other", upload=pdf(), by=cast["officer"])
    with pytest.raises(ValidationError, match="lý do"):
        actions.return_proposal(proposal=filed, version=filed.version, reason=" ", by=cast["board"])
    returned = actions.return_proposal(
        proposal=filed, version=filed.version, reason="Bổ sung biên bản.", by=cast["board"]
    )
    assert returned.status == ProposalStatus.RETURNED
    assert returned.return_reason == "Bổ sung biên bản."
    refiled = actions.file_proposal(proposal=returned, version=returned.version, by=cast["officer"])
    assert refiled.status == ProposalStatus.FILED and refiled.return_reason == ""
    approved = actions.approve_proposal(
        proposal=refiled,
        version=refiled.version,
        number="123/QĐ-UBND",
        signed_on=datetime.date(2026, 1, 15),
        signer_name="Nguyễn Văn Ký",
        signer_position="Chủ tịch",
        by=cast["board"],
    )
    assert approved.status == ProposalStatus.APPROVED
    decision = approved.decision
    assert decision.recorded_in == tree["city"] and decision.number == "123/QĐ-UBND"
    recipient = DecisionRecipient.objects.get(decision=decision)
    assert (recipient.person, recipient.award_type.code, recipient.year) == (
        worker,
        "lao_dong_tien_tien",
        YEAR,
    )
    codes = list(
        AuditEntry.objects.filter(object_type="awards.proposal", object_id=str(proposal.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == [
        "awards.proposal.created",
        "awards.proposal.filed",
        "awards.proposal.returned",
        "awards.proposal.filed",
        "awards.proposal.approved",
    ]
    returned_row = AuditEntry.objects.get(action="awards.proposal.returned")
    assert returned_row.reason == "Bổ sung biên bản."
    assert returned_row.before["status"] == "filed" and returned_row.after["status"] == "returned"
    assert AuditEntry.objects.filter(action="awards.recipient.added").count() == 1


def test_states_change_only_from_the_right_state_and_version(proposal, worker, types, cast):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="đã gửi"):
        actions.approve_proposal(
            proposal=proposal,
            version=proposal.version,
            number="1/QĐ-UBND",
            signed_on=datetime.date(2026, 1, 2),
            by=cast["board"],
        )
    with pytest.raises(StaleEditError):
        actions.file_proposal(proposal=proposal, version=proposal.version - 1, by=None)
    complete_dossier(proposal, None)
    proposal.refresh_from_db()
    filed = actions.file_proposal(proposal=proposal, version=proposal.version, by=None)
    refused = actions.refuse_proposal(
        proposal=filed, version=filed.version, reason="Không đủ tiêu chuẩn.", by=cast["board"]
    )
    assert refused.status == ProposalStatus.REFUSED
    assert list(ProposalItem.objects.values_list("claim", flat=True)) == [""]
    with pytest.raises(ValidationError):
        actions.return_proposal(
            proposal=refused, version=refused.version, reason="x", by=cast["board"]
        )
    assert AuditEntry.objects.filter(action="awards.proposal.refused").count() == 1


def test_the_same_person_cannot_be_proposed_for_the_same_achievement_at_two_levels(
    tree, cast, types
):
    """A ward proposes its officer to the district; the district proposes her to the city."""
    person = PersonFactory(unit=tree["w1"], family_name="Lê", given_name="Hoa")
    actions.record_rating(subject=person, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="active_in_movements", by=None)
    ward = actions.create_proposal(proposer=tree["w1"], year=YEAR, by=None)
    district = actions.create_proposal(proposer=tree["d1"], year=YEAR, by=None)
    for proposal in (ward, district):  # two drafts may both name her
        actions.add_item(
            proposal=proposal, subject=person, award_type=types["lao_dong_tien_tien"], by=None
        )
        proposal.refresh_from_db()
        complete_dossier(proposal, None)
        proposal.refresh_from_db()
    actions.file_proposal(proposal=ward, version=ward.version, by=None)
    shown = q.conflicts(district, q.items_of(district))
    assert len(shown) == 1 and "Phường Mai Dịch" in shown[0].message
    with pytest.raises(ValidationError, match="hai cấp"):
        actions.file_proposal(proposal=district, version=district.version, by=None)
    district.refresh_from_db()
    assert district.status == ProposalStatus.DRAFT
    # Once the ward's proposal is filed, she cannot even be added elsewhere.
    other = actions.create_proposal(proposer=tree["d1"], year=YEAR, by=None)
    with pytest.raises(ValidationError, match="hai cấp"):
        actions.add_item(
            proposal=other, subject=person, award_type=types["lao_dong_tien_tien"], by=None
        )


def test_two_forms_for_one_achievement_are_one_claim(tree, types):
    """Giấy khen at the ward and Bằng khen at the district for the same year: refused."""
    person = PersonFactory(unit=tree["w1"])
    ward = actions.create_proposal(proposer=tree["w1"], year=YEAR, by=None)
    actions.add_item(proposal=ward, subject=person, award_type=types["giay_khen"], by=None)
    with pytest.raises(ValidationError, match="một thành tích"):
        actions.add_item(
            proposal=ward, subject=person, award_type=types["bang_khen_cap_tinh"], by=None
        )
    ProposalItem.objects.filter(proposal=ward).update(claim="form")
    ward.__class__.objects.filter(pk=ward.pk).update(status=ProposalStatus.FILED)
    district = actions.create_proposal(proposer=tree["d1"], year=YEAR, by=None)
    with pytest.raises(ValidationError, match="hai cấp"):
        actions.add_item(
            proposal=district, subject=person, award_type=types["bang_khen_cap_tinh"], by=None
        )
    # A title is another achievement than a form.
    actions.add_item(
        proposal=district, subject=person, award_type=types["lao_dong_tien_tien"], by=None
    )


def test_the_database_holds_one_claim_per_subject_year_and_achievement(tree, types):
    from django.db import IntegrityError, transaction

    person = PersonFactory(unit=tree["w1"])
    first = actions.create_proposal(proposer=tree["w1"], year=YEAR, by=None)
    second = actions.create_proposal(proposer=tree["d1"], year=YEAR, by=None)
    ProposalItem.objects.create(
        proposal=first, person=person, award_type=types["giay_khen"], year=YEAR, claim="form"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalItem.objects.create(
            proposal=second,
            person=person,
            award_type=types["bang_khen_cap_tinh"],
            year=YEAR,
            claim="form",
        )


def test_an_achievement_already_awarded_cannot_be_proposed_again(tree, types, decide):
    person = PersonFactory(unit=tree["d2"])
    decide(person, "lao_dong_tien_tien", YEAR)
    proposal = actions.create_proposal(proposer=tree["d2"], year=YEAR, by=None)
    with pytest.raises(ValidationError, match="đã được"):
        actions.add_item(
            proposal=proposal, subject=person, award_type=types["lao_dong_tien_tien"], by=None
        )


def test_removing_a_recipient_removes_its_files_and_is_audited(
    proposal, worker, types, cast, django_capture_on_commit_callbacks
):
    item = actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    doc = actions.add_document(
        proposal=proposal, kind="report", item=item, upload=pdf(), by=cast["officer"]
    )
    stored = doc.file.name
    assert doc.file.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_item(item=item, by=cast["officer"])
    assert not ProposalItem.objects.exists() and not DossierDocument.objects.exists()
    assert not doc.file.storage.exists(stored)
    assert AuditEntry.objects.filter(action="awards.proposal_item.removed").count() == 1


def test_uploads_are_checked_by_content_and_size(proposal, cast, settings):
    with pytest.raises(ValidationError, match="không được chấp nhận"):
        actions.add_document(
            proposal=proposal,
            kind="submission",
            upload=SimpleUploadedFile("to-trinh.pdf", b"<html>not a pdf</html>"),
            by=cast["officer"],
        )
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="quá lớn"):
        actions.add_document(proposal=proposal, kind="submission", upload=pdf(), by=None)
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    doc = actions.add_document(
        proposal=proposal, kind="submission", upload=pdf("Tờ trình.pdf"), by=cast["officer"]
    )
    assert doc.name == "Tờ trình.pdf" and doc.content_type == "application/pdf"
    assert doc.file.name.startswith(f"awards/proposals/{proposal.pk}/")
    assert "Tờ" not in doc.file.name  # stored under a random name
    row = AuditEntry.objects.get(action="awards.dossier_document.added")
    assert row.after["name"] == "Tờ trình.pdf"
    actions.remove_document(document=doc, by=cast["officer"])
    assert AuditEntry.objects.filter(action="awards.dossier_document.removed").count() == 1


def test_a_report_must_name_its_recipient(proposal, cast):
    with pytest.raises(ValidationError, match="người hoặc đơn vị"):
        actions.add_document(proposal=proposal, kind="report", upload=pdf(), by=cast["officer"])


def test_approval_stops_when_a_recipient_is_no_longer_eligible(proposal, worker, types, cast):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    complete_dossier(proposal, None)
    proposal.refresh_from_db()
    filed = actions.file_proposal(proposal=proposal, version=proposal.version, by=None)
    actions.open_matter(
        subject=worker, kind="complaint", opened_on=datetime.date(2026, 1, 5), by=None
    )
    with pytest.raises(ValidationError, match="không còn"):
        actions.approve_proposal(
            proposal=filed,
            version=filed.version,
            number="5/QĐ-UBND",
            signed_on=datetime.date(2026, 1, 15),
            by=cast["board"],
        )
    filed.refresh_from_db()
    assert filed.status == ProposalStatus.FILED and filed.decision is None


def test_a_recipient_added_to_a_returned_proposal_is_claimed_when_filed_again(
    proposal, worker, tree, types, cast
):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    complete_dossier(proposal, None)
    proposal.refresh_from_db()
    filed = actions.file_proposal(proposal=proposal, version=proposal.version, by=None)
    returned = actions.return_proposal(
        proposal=filed, version=filed.version, reason="Bổ sung đối tượng.", by=cast["board"]
    )
    other = PersonFactory(unit=tree["d2"])
    actions.record_rating(subject=other, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=other, year=YEAR, fact="active_in_movements", by=None)
    actions.add_item(
        proposal=returned, subject=other, award_type=types["lao_dong_tien_tien"], by=None
    )
    returned.refresh_from_db()
    complete_dossier(returned, None)
    returned.refresh_from_db()
    actions.file_proposal(proposal=returned, version=returned.version, by=None)
    assert set(ProposalItem.objects.values_list("claim", flat=True)) == {"lao_dong_tien_tien"}
    assert ProposalItem.objects.exclude(claim="").count() == 2


def test_a_year_before_the_known_regimes_cannot_be_checked_and_says_so(tree, types):
    person = PersonFactory(unit=tree["d2"])
    proposal = actions.create_proposal(proposer=tree["d2"], year=2015, by=None)
    item = actions.add_item(
        proposal=proposal, subject=person, award_type=types["lao_dong_tien_tien"], by=None
    )
    item.refresh_from_db()
    assert item.verdict == "unknown"
    assert q.reasons(item) == [
        "Hệ thống chưa có quy định pháp luật áp dụng cho năm 2015: không xét được đối tượng này."
    ]
