"""The award URLs' rows of the project's permission table (core/tests/test_permission_table),
which checks them for every role of the cast.

  A allowed · L sign in first · F forbidden (403) · N not found (404)
"""

import datetime

from thidua.awards import actions


def _person(f):
    from thidua.organizations.tests.factories import PersonFactory

    return PersonFactory(unit=f["tree"]["d2"])


def _recipient(f):
    from thidua.awards.models import AwardType

    decision = actions.create_decision(
        recorded_in=f["tree"]["city"],
        number="9/QĐ-UBND",
        signed_on=datetime.date(2025, 1, 20),
        issuer_name="UBND Thành phố Thử",
        by=None,
    )
    return actions.add_recipient(
        decision=decision,
        subject=_person(f),
        award_type=AwardType.objects.get(code="lao_dong_tien_tien"),
        year=2024,
        by=None,
    )


def _record(name):
    def make(f):
        person = _person(f)
        if name == "rating":
            return actions.record_rating(subject=person, year=2024, rating="httnv", by=None).pk
        if name == "fact":
            return actions.record_fact(subject=person, year=2024, fact="united", by=None).pk
        if name == "initiative":
            return actions.record_initiative(
                subject=person, title="SK", scope="co_so", recognised_year=2024, by=None
            ).pk
        if name == "discipline":
            return actions.record_discipline(
                subject=person, code="khien_trach", decided_on=datetime.date(2024, 1, 2), by=None
            ).pk
        if name == "matter":
            return actions.open_matter(
                subject=person, kind="complaint", opened_on=datetime.date(2025, 1, 2), by=None
            ).pk
        return actions.record_maternity_leave(person=person, year=2024, by=None).pk

    return lambda f: [make(f)]


def _staged(f):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.awards.excel import write_template

    upload = SimpleUploadedFile("x.xlsx", write_template())
    return [actions.stage_import(upload=upload, by=f["cast"]["officer"]).token]


def _person_args(f):
    return ["person", _person(f).pk]


def _proposal(f):
    """A draft of Thanh Xuân (d2, the officer's unit) to the city, naming one person."""
    from thidua.awards.models import AwardType

    proposal = actions.create_proposal(proposer=f["tree"]["d2"], year=2024, by=None)
    item = actions.add_item(
        proposal=proposal,
        subject=_person(f),
        award_type=AwardType.objects.get(code="lao_dong_tien_tien"),
        by=None,
    )
    return proposal, item


def _proposal_id(f):
    return [_proposal(f)[0].pk]


def _item_id(f):
    return [_proposal(f)[1].pk]


def _dossier_id(f):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal, _item = _proposal(f)
    upload = SimpleUploadedFile("tt.pdf", b"%PDF-1.4\n%%EOF\n")
    return [actions.add_document(proposal=proposal, kind="submission", upload=upload, by=None).pk]


def _paper(fmt, item=False):
    return lambda f: [_proposal(f)[1 if item else 0].pk, fmt]


ROWS = [
    # name, args, method, answers (anonymous board leader officer member council viewer outsider)
    ("awards:index", None, "get", "L A A A A A A A"),
    ("awards:decision_create", None, "get", "L A F F F F F F"),
    ("awards:decision_detail", lambda f: [_recipient(f).decision_id], "get", "L A N A N A A N"),
    ("awards:decision_edit", lambda f: [_recipient(f).decision_id], "get", "L A N F N F F N"),
    ("awards:recipient_add", lambda f: [_recipient(f).decision_id], "get", "L A N F N F F N"),
    ("awards:recipient_remove", lambda f: [_recipient(f).pk], "get", "L A N F N F F N"),
    ("awards:history", _person_args, "get", "L A N A N A A N"),
    ("awards:rating_create", _person_args, "get", "L A N A N F F N"),
    ("awards:rating_edit", _record("rating"), "get", "L A N A N F F N"),
    ("awards:fact_create", _person_args, "get", "L A N A N F F N"),
    ("awards:fact_remove", _record("fact"), "get", "L A N A N F F N"),
    ("awards:initiative_create", _person_args, "get", "L A N A N F F N"),
    ("awards:initiative_edit", _record("initiative"), "get", "L A N A N F F N"),
    ("awards:discipline_create", _person_args, "get", "L A N F N F F N"),
    ("awards:discipline_edit", _record("discipline"), "get", "L A N F N F F N"),
    ("awards:matter_create", _person_args, "get", "L A N F N F F N"),
    ("awards:matter_close", _record("matter"), "get", "L A N F N F F N"),
    ("awards:maternity_create", _person_args, "get", "L A N A N F F N"),
    ("awards:maternity_remove", _record("maternity"), "get", "L A N A N F F N"),
    ("awards:bulk", lambda f: [f["tree"]["city"].pk], "get", "L A F F F F F N"),
    ("awards:import_upload", None, "get", "L A A A A F F A"),
    ("awards:import_template", None, "get", "L A A A A F F A"),
    ("awards:import_preview", _staged, "get", "L N N A N N N N"),
    ("awards:import_discard", _staged, "get", "L N N A N N N N"),
    ("awards:proposal_list", None, "get", "L A A A A A A A"),
    ("awards:proposal_create", None, "get", "L A A A A F F A"),
    ("awards:proposal_detail", _proposal_id, "get", "L A N A N A A N"),
    ("awards:proposal_edit", _proposal_id, "get", "L F N A N F F N"),
    ("awards:proposal_check", _proposal_id, "post", "L A N A N F F N"),
    ("awards:proposal_item_add", _proposal_id, "get", "L F N A N F F N"),
    ("awards:proposal_item_edit", _item_id, "get", "L F N A N F F N"),
    ("awards:proposal_item_remove", _item_id, "get", "L F N A N F F N"),
    ("awards:proposal_document_add", _proposal_id, "get", "L F N A N F F N"),
    ("awards:proposal_document_download", _dossier_id, "get", "L A N A N A A N"),
    ("awards:proposal_document_remove", _dossier_id, "get", "L F N A N F F N"),
    ("awards:proposal_file", _proposal_id, "get", "L F N A N F F N"),
    ("awards:proposal_return", _proposal_id, "get", "L A N F N F F N"),
    ("awards:proposal_refuse", _proposal_id, "get", "L A N F N F F N"),
    ("awards:proposal_approve", _proposal_id, "get", "L A N F N F F N"),
    ("awards:proposal_submission", _paper("docx"), "get", "L A N A N A A N"),
    ("awards:proposal_decision_draft", _paper("xlsx"), "get", "L A N A N A A N"),
    ("awards:proposal_item_report", _paper("pdf", item=True), "get", "L A N A N A A N"),
    ("api:list_proposals", None, "get", "L A A A A A A A"),
    ("api:get_proposal", _proposal_id, "get", "L A N A N A A N"),
    ("api:file_proposal", _proposal_id, "post", "L F N A N F F N"),
    ("api:return_proposal", _proposal_id, "post", "L A N F N F F N"),
    ("api:refuse_proposal", _proposal_id, "post", "L A N F N F F N"),
    ("api:approve_proposal", _proposal_id, "post", "L A N F N F F N"),
    ("api:list_award_types", None, "get", "L A A A A A A A"),
    ("api:list_decisions", None, "get", "L A A A A A A A"),
    ("api:get_decision", lambda f: [_recipient(f).decision_id], "get", "L A N A N A A N"),
    ("api:person_eligibility", lambda f: [_person(f).pk], "get", "L A N A N A A N"),
    ("api:unit_eligibility", lambda f: [f["tree"]["d2"].pk], "get", "L A A A A A A N"),
    ("api:record_rating", None, "post", "L A A A A A A A"),
]
