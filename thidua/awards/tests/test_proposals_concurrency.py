"""Filed at the same moment by the ward, the district and the city, on PostgreSQL: the same
achievement is claimed once; the others are told where it is already proposed.

Three threads (three connections, far below the shared limit of 25), released together by a
barrier that they wait at holding no connection; each closes its connection when done."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from thidua.awards import actions
from thidua.awards.models import AwardType, Proposal, ProposalItem, ProposalStatus
from thidua.awards.queries import proposals as q
from thidua.organizations.tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
YEAR = 2025


def test_three_levels_filing_at_once_claim_the_achievement_once(tree):
    person = PersonFactory(unit=tree["w1"], family_name="Lê", given_name="Hoa")
    actions.record_rating(subject=person, year=YEAR, rating="httnv", by=None)
    actions.record_fact(subject=person, year=YEAR, fact="active_in_movements", by=None)
    award = AwardType.objects.get(code="lao_dong_tien_tien")
    proposals = []
    for unit in (tree["w1"], tree["d1"], tree["city"]):
        proposal = actions.create_proposal(proposer=unit, year=YEAR, by=None)
        actions.add_item(proposal=proposal, subject=person, award_type=award, by=None)
        for line in q.checklist(proposal):
            actions.add_document(
                proposal=proposal,
                kind=line.kind,
                item=line.item,
                upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n"),
                by=None,
            )
        proposal.refresh_from_db()
        proposals.append(proposal)
    barrier = threading.Barrier(len(proposals))

    def file(proposal):
        barrier.wait(timeout=60)
        try:
            actions.file_proposal(proposal=proposal, version=proposal.version, by=None)
            return "filed"
        except ValidationError as error:
            return " ".join(error.messages)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(proposals)) as pool:
        outcomes = list(pool.map(file, proposals))
    assert outcomes.count("filed") == 1, outcomes
    assert all("hai cấp" in o for o in outcomes if o != "filed"), outcomes
    assert Proposal.objects.filter(status=ProposalStatus.FILED).count() == 1
    assert ProposalItem.objects.exclude(claim="").count() == 1
