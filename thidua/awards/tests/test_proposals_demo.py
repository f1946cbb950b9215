"""The demo proposals of Hoàng Mai, Phường Hoàng Liệt and Cụm IX: one filed with a complete
dossier, two drafts whose recipients fail with readable reasons."""

import pytest

from thidua.accounts import demo as accounts_demo
from thidua.awards import demo
from thidua.awards.demo_proposals import seed_proposals
from thidua.awards.models import DossierDocument, Proposal, ProposalStatus
from thidua.awards.queries import proposals as q
from thidua.clusters import demo as clusters_demo
from thidua.organizations import demo as organizations_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    ctx: dict = {}
    organizations_demo.seed(ctx)
    accounts_demo.seed(ctx)
    clusters_demo.seed(ctx)
    demo.seed(ctx)
    seed_proposals(ctx)
    return ctx


def test_the_demo_files_one_proposal_and_explains_the_drafts(ctx):
    by_title = {p.title: p for p in ctx["proposals"]}
    city = by_title["Đề nghị tặng danh hiệu Chiến sĩ thi đua Thành phố năm 2025"]
    assert city.status == ProposalStatus.FILED and city.board == ctx["units"]["Hà Nội"]
    assert q.missing_documents(q.checklist(city)) == []
    assert DossierDocument.objects.filter(proposal=city, is_sample=True).count() == 4
    ward = by_title["Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025"]
    verdicts = {i.person.given_name: i.verdict for i in q.items_of(ward)}
    assert verdicts == {"Minh": "not_eligible", "Hoa": "blocked"}
    assert all(q.reasons(i) for i in q.items_of(ward))
    cluster = by_title["Đề nghị khen thưởng các đơn vị Cụm thi đua số IX năm 2020"]
    assert cluster.cluster == ctx["clusters"]["ix"] and cluster.status == ProposalStatus.DRAFT
    assert len(q.items_of(cluster)) == 2


def test_the_demo_runs_again_without_duplicates(ctx):
    before = Proposal.objects.count()
    seed_proposals(ctx)
    assert Proposal.objects.count() == before == 3


def test_the_wards_officer_can_try_to_file_the_wards_draft(ctx, client_for):
    """The ward's draft has a demo login of its own: filing answers with the reasons."""
    ward = next(p for p in ctx["proposals"] if p.proposer.short_name == "Hoàng Liệt")
    assert any(login == "hoangliet" for login, _, _ in ctx["accounts"])
    response = client_for(ctx["users"]["hoangliet"]).post(
        f"/api/v1/awards/proposals/{ward.pk}/file",
        {"version": ward.version},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "Trần" in response.json()["detail"] or "Minh" in str(response.json())
