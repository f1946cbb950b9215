"""The proposal pages: drafting, the reasons shown, htmx re-checks, uploads served only to those
allowed, the board's answer; and the JSON API over the same actions."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards import actions
from thidua.awards.models import DossierDocument, Proposal, ProposalStatus
from thidua.awards.queries import proposals as q
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def worker(tree):
    person = PersonFactory(unit=tree["d2"], family_name="Nguyễn", given_name="Hường")
    actions.record_rating(subject=person, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="active_in_movements", by=None)
    return person


@pytest.fixture
def idle(tree):
    person = PersonFactory(unit=tree["d2"], family_name="Trần", given_name="Bình")
    actions.record_rating(subject=person, year=YEAR, rating="htnv", by=None)
    return person


@pytest.fixture
def proposal(tree, cast):
    return actions.create_proposal(proposer=tree["d2"], year=YEAR, by=cast["officer"])


def _complete(proposal):
    for line in q.checklist(proposal):
        if not line.done:
            actions.add_document(
                proposal=proposal,
                kind=line.kind,
                item=line.item,
                upload=SimpleUploadedFile("x.pdf", PDF),
                by=None,
            )
    proposal.refresh_from_db()
    return proposal


def _filed(proposal, worker, types):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    proposal.refresh_from_db()
    _complete(proposal)
    return actions.file_proposal(proposal=proposal, version=proposal.version, by=None)


def test_an_officer_drafts_a_proposal_and_adds_recipients_from_the_page(
    client_for, cast, tree, worker, idle, types
):
    client = client_for(cast["officer"])
    page = client.get(reverse("awards:proposal_create"))
    assert page.status_code == 200 and f"unit-{tree['d2'].pk}" in page.content.decode()
    response = client.post(
        reverse("awards:proposal_create"),
        {"on_behalf": f"unit-{tree['d2'].pk}", "year": YEAR, "title": "", "number": ""},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == q_url(proposal)
    add = reverse("awards:proposal_item_add", args=[proposal.pk])
    assert idle.full_name in client.get(add, {"unit": tree["d2"].pk}).content.decode()
    for person in (worker, idle):
        response = client.post(
            add,
            {
                "unit": tree["d2"].pk,
                "person": person.pk,
                "award_type": types["lao_dong_tien_tien"].pk,
                "achievements": "",
            },
        )
        assert response.status_code == 302
    html = client.get(q_url(proposal)).content.decode()
    assert "Chưa đủ điều kiện" in html and "Điều 24" in html
    assert "1 đối tượng chưa đủ điều kiện" in html
    # Filing is refused with the reasons.
    proposal.refresh_from_db()
    response = client.post(
        reverse("awards:proposal_file", args=[proposal.pk]), {"version": proposal.version}
    )
    assert response.status_code == 400
    assert idle.full_name in response.content.decode()


def q_url(proposal):
    return reverse("awards:proposal_detail", args=[proposal.pk])


def test_the_recheck_answers_htmx_with_the_table_only(client_for, cast, proposal, worker, types):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    url = reverse("awards:proposal_check", args=[proposal.pk])
    response = client_for(cast["officer"]).post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="proposal-items">') and "<html" not in html
    assert "Đủ điều kiện" in html
    assert AuditEntry.objects.filter(action="awards.proposal.checked").count() == 1


def test_a_leader_drafts_for_the_cluster(client_for, cast, cluster, tree):
    client = client_for(cast["leader"])
    page = client.get(reverse("awards:proposal_create"), {"cluster": cluster.pk})
    assert f'value="cluster-{cluster.pk}" selected' in page.content.decode()
    client.post(
        reverse("awards:proposal_create"),
        {"on_behalf": f"cluster-{cluster.pk}", "year": YEAR, "title": "Cụm đề nghị"},
    )
    proposal = Proposal.objects.get()
    assert (proposal.cluster, proposal.proposer) == (cluster, tree["d1"])
    # The cluster's members' officers see it; an outsider does not.
    assert client_for(cast["member"]).get(q_url(proposal)).status_code == 200
    assert client_for(cast["outsider"]).get(q_url(proposal)).status_code == 404


def test_dossier_files_are_uploaded_checked_and_served_only_to_those_allowed(
    client_for, cast, proposal
):
    client = client_for(cast["officer"])
    url = reverse("awards:proposal_document_add", args=[proposal.pk])
    bad = client.post(
        url, {"kind": "submission", "file": SimpleUploadedFile("tt.pdf", b"MZ\x90 not a pdf")}
    )
    assert bad.status_code == 400 and "không được chấp nhận" in bad.content.decode()
    good = client.post(url, {"kind": "submission", "file": SimpleUploadedFile("tt.pdf", PDF)})
    assert good.status_code == 302
    document = DossierDocument.objects.get()
    download = reverse("awards:proposal_document_download", args=[document.pk])
    response = client_for(cast["board"]).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert client_for(cast["outsider"]).get(download).status_code == 404
    assert client_for(cast["leader"]).get(download).status_code == 404
    assert client_for(None).get(download).status_code == 302
    assert not document.file.path.startswith(str(settings.STATIC_ROOT))
    assert document.file.name.startswith(f"awards/proposals/{proposal.pk}/")


def test_only_the_board_answers_a_filed_proposal(client_for, cast, proposal, worker, types):
    filed = _filed(proposal, worker, types)
    url = reverse("awards:proposal_approve", args=[filed.pk])
    data = {
        "version": filed.version,
        "number": "88/QĐ-UBND",
        "signed_on": "2026-01-10",
        "signer_name": "Lê Văn Ký",
    }
    assert client_for(None).post(url, data).status_code == 302  # to the login page
    assert client_for(cast["outsider"]).post(url, data).status_code == 404
    assert client_for(cast["leader"]).post(url, data).status_code == 404
    assert client_for(cast["officer"]).post(url, data).status_code == 403
    assert client_for(cast["council"]).post(url, data).status_code == 403
    filed.refresh_from_db()
    assert filed.status == ProposalStatus.FILED
    response = client_for(cast["board"]).post(url, data)
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == ProposalStatus.APPROVED and filed.decision.number == "88/QĐ-UBND"
    html = client_for(cast["officer"]).get(q_url(filed)).content.decode()
    assert "88/QĐ-UBND" in html


def test_a_stale_answer_is_refused(client_for, cast, proposal, worker, types):
    filed = _filed(proposal, worker, types)
    url = reverse("awards:proposal_return", args=[filed.pk])
    response = client_for(cast["board"]).post(
        url, {"version": filed.version - 1, "reason": "Thiếu biên bản."}
    )
    assert response.status_code == 409
    response = client_for(cast["board"]).post(
        url, {"version": filed.version, "reason": "Thiếu biên bản."}
    )
    assert response.status_code == 302
    html = client_for(cast["officer"]).get(q_url(filed)).content.decode()
    assert "Thiếu biên bản." in html and "Bị trả lại" in html


def test_the_lists_show_what_each_user_may_see(client_for, cast, proposal, worker, types):
    _filed(proposal, worker, types)
    received = client_for(cast["board"]).get(reverse("awards:proposal_list"), {"received": "1"})
    assert proposal.title in received.content.decode()
    assert (
        proposal.title
        not in client_for(cast["outsider"]).get(reverse("awards:proposal_list")).content.decode()
    )


def test_papers_download_for_viewers(client_for, cast, proposal, worker, types):
    item = actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    client = client_for(cast["viewer"])
    response = client.get(reverse("awards:proposal_submission", args=[proposal.pk, "docx"]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith(
        'attachment; filename="to-trinh-2025'
    )
    report = client.get(reverse("awards:proposal_item_report", args=[item.pk, "docx"]))
    assert report.status_code == 200
    assert (
        client_for(cast["outsider"])
        .get(reverse("awards:proposal_item_report", args=[item.pk, "docx"]))
        .status_code
        == 404
    )


# --- the API -------------------------------------------------------------------------------------


def test_the_api_lists_and_gets_with_verdicts_reasons_and_checklist(
    client_for, cast, proposal, idle, types
):
    actions.add_item(
        proposal=proposal, subject=idle, award_type=types["lao_dong_tien_tien"], by=None
    )
    client = client_for(cast["viewer"])
    listed = client.get("/api/v1/awards/proposals?year=2025").json()
    assert listed["count"] == 1 and listed["items"][0]["status"] == "draft"
    got = client.get(f"/api/v1/awards/proposals/{proposal.pk}").json()
    assert got["items"][0]["verdict"] == "not_eligible"
    assert any("Điều 24" in r for r in got["items"][0]["reasons"])
    assert [line["kind"] for line in got["checklist"]] == [
        "submission",
        "report",
        "assessment_minutes",
    ]
    assert (
        client_for(cast["outsider"]).get(f"/api/v1/awards/proposals/{proposal.pk}").status_code
        == 404
    )


def test_the_api_files_returns_refuses_and_approves(client_for, cast, proposal, worker, types):
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["lao_dong_tien_tien"], by=None
    )
    officer, board = client_for(cast["officer"]), client_for(cast["board"])
    base = f"/api/v1/awards/proposals/{proposal.pk}"
    incomplete = officer.post(f"{base}/file", {}, content_type="application/json")
    assert incomplete.status_code == 400 and "Điều 84" in incomplete.json()["detail"]
    proposal.refresh_from_db()
    _complete(proposal)
    stale = officer.post(f"{base}/file", {"version": 1}, content_type="application/json")
    assert stale.status_code == 409
    filed = officer.post(
        f"{base}/file", {"version": proposal.version}, content_type="application/json"
    )
    assert filed.status_code == 200 and filed.json()["status"] == "filed"
    assert (
        officer.post(f"{base}/return", {"reason": "x"}, content_type="application/json").status_code
        == 403
    )
    no_reason = board.post(f"{base}/return", {}, content_type="application/json")
    assert no_reason.status_code == 400
    returned = board.post(f"{base}/return", {"reason": "Bổ sung."}, content_type="application/json")
    assert (
        returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Bổ sung."
    )
    officer.post(f"{base}/file", {}, content_type="application/json")
    approved = board.post(
        f"{base}/approve",
        {"number": "12/QĐ-UBND", "signed_on": "2026-01-12"},
        content_type="application/json",
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved" and approved.json()["decision_id"]
    again = board.post(f"{base}/refuse", {"reason": "x"}, content_type="application/json")
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action="awards.proposal.approved").count() == 1
    assert datetime.date(2026, 1, 12) == Proposal.objects.get().decision.signed_on


def test_a_released_council_vote_on_the_proposal_stands_for_the_minutes(
    client_for, cast, tree, proposal, worker, types
):
    from thidua.voting import actions as voting
    from thidua.voting.defaults import ensure_default_rules
    from thidua.voting.tests.factories import make_council

    ensure_default_rules()
    actions.add_item(
        proposal=proposal, subject=worker, award_type=types["chien_si_thi_dua_co_so"], by=None
    )
    before = [line for line in q.checklist(proposal) if line.kind == "assessment_minutes"]
    assert not before[0].done
    question = {
        "award_code": "chien_si_thi_dua_co_so",
        "recipient": worker.full_name,
        "proposal_ref": proposal.voting_ref,
    }
    ballot = make_council({"tree": tree, "cast": cast}, questions=[question])
    ballot = voting.open_ballot(ballot=ballot, by=cast["board"])
    first = ballot.questions.get().pk
    voting.cast_ballot(ballot=ballot, by=cast["council"], answers={first: "agree"})
    closed = voting.close_ballot(ballot=ballot, by=cast["board"])
    sealed = [line for line in q.checklist(proposal) if line.kind == "assessment_minutes"]
    assert not sealed[0].done  # a sealed result is not yet minutes
    voting.release_ballot(ballot=closed, by=cast["board"])
    line = next(line for line in q.checklist(proposal) if line.kind == "assessment_minutes")
    assert line.done and not line.documents and len(line.votes) == 1
    assert line.votes[0].result.agree == 1
    html = client_for(cast["officer"]).get(q_url(proposal)).content.decode()
    assert reverse("voting:minutes", args=[ballot.pk, "pdf"]) in html


def test_the_cluster_page_link_lists_that_clusters_proposals(client_for, cast, cluster, tree):
    from django.template.loader import render_to_string

    ours = actions.create_proposal(proposer=tree["d1"], cluster=cluster, year=YEAR, by=None)
    other = actions.create_proposal(proposer=tree["d1"], year=YEAR, title="Riêng quận", by=None)
    link = render_to_string("awards/proposal_links.html", {"cluster": cluster})
    url = f"{reverse('awards:proposal_list')}?cluster={cluster.pk}"
    assert f'href="{url}"' in link
    html = client_for(cast["leader"]).get(url).content.decode()
    assert q_url(ours) in html and q_url(other) not in html
    assert f"{reverse('awards:proposal_create')}?cluster={cluster.pk}" in html
