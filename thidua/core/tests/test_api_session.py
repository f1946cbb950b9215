"""The README's example API session, replayed step by step.

SESSION is the session as data; `readme_block()` renders it as the shell commands the README
shows (curl and jq), and a test checks that README.md holds that block verbatim, so the two
cannot drift apart. The replay signs in through the login page, creates a token on the tokens
page (taking it from the page, as a person would copy it), then sends every request with the
token only: no session cookie, CSRF checks on.

The cast of the replay: the officer of Thanh Xuân, deputy unit of the cluster. The cluster's
pledge was signed in February 2020, scored and its ranking published; an amendment is open for
signing, already signed by the two other members, so the officer's signature is the last one and
the amendment locks and comes into force. Thanh Xuân has a draft proposal for an Advanced Worker
of 2025 (eligible, its dossier complete), which the officer files with the board.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thidua.accounts.models import ApiToken
from thidua.awards import actions as award_actions
from thidua.awards.models import AwardType, Proposal, ProposalStatus
from thidua.awards.queries import proposals as proposal_queries
from thidua.core.models import AuditEntry
from thidua.organizations.tests.factories import PersonFactory
from thidua.pledges import actions as pledge_actions
from thidua.pledges.models import PledgeVersion, Signature
from thidua.scoring import actions as scoring_actions
from thidua.scoring.tests import factories as scoring_factories

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Step:
    comment: str
    path: str  # after $API, with $NAMES of earlier steps
    saves: str = ""  # the shell variable this step sets
    jq: str = ""  # what it takes from the answer
    body: str = ""  # a JSON body: the request is a POST
    status: int = 200


SESSION = [
    Step("The clusters you can see (lists take limit and offset)", "/clusters?year=2020",
         "CLUSTER", ".items[0].id"),
    Step("One cluster with its members in Vietnamese order", "/clusters/$CLUSTER"),
    Step("Your unit: search ignores diacritics", "/units?q=thanh%20xuan", "UNIT", ".items[0].id"),
    Step("The pledges of the year", "/pledges?year=2020", "PLEDGE", ".items[0].id"),
    Step("A pledge and its versions", "/pledges/$PLEDGE", "VERSION", ".versions[-1].id"),
    Step("The version's criteria and who has signed", "/pledge-versions/$VERSION"),
    Step("Sign it for your unit (the last signature locks it)",
         "/pledge-versions/$VERSION/signatures", body='{"unit_id": $UNIT}', status=201),
    Step("The version in force today", "/pledges/$PLEDGE/in-force"),
    Step("The cluster's scoring round", "/clusters/$CLUSTER/scoring-round", "ROUND", ".id"),
    Step("Its scoreboard (once published: everyone who sees the cluster)",
         "/scoring-rounds/$ROUND/ranking"),
    Step("The draft award proposals you can see", "/awards/proposals?status=draft", "PROPOSAL",
         ".items[0].id"),
    Step("A proposal: each recipient's verdict with reasons, the dossier checklist",
         "/awards/proposals/$PROPOSAL", "SEEN", ".version"),
    Step("File it with the board (400 with the reasons while anything is missing)",
         "/awards/proposals/$PROPOSAL/file", body='{"version": $SEEN}'),
]  # fmt: skip

BASE = "http://127.0.0.1:8000/api/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _curl(step: Step) -> str:
    parts = ['curl -s -H "$AUTH"']
    if step.body:
        parts.append("-H 'Content-Type: application/json' --data \"" + _shell_body(step) + '"')
    parts.append(f'"$API{step.path}"')
    command = " ".join(parts)
    return f"{step.saves}=$({command} | jq '{step.jq}')" if step.saves else command


def _shell_body(step: Step) -> str:
    return step.body.replace('"', '\\"')


def readme_block() -> str:
    """The README's session, exactly."""
    lines = [
        "```sh",
        "# Sign in, open /accounts/tokens/ (menu under your name), create a token, copy it",
        "export TOKEN='thd_…'",
        f"API={BASE}",
        'AUTH="Authorization: Bearer $TOKEN"',
    ]
    for step in SESSION:
        lines += [f"# {step.comment}", _curl(step)]
    lines += ["# Revoke the token on the same page: the API then answers 401", "```"]
    return "\n".join(lines)


def _jq(data, path: str):
    """The small part of jq the session uses: .field, [index] (negative too)."""
    for name, index in re.findall(r"\.(\w+)|\[(-?\d+)\]", path):
        data = data[name] if name else data[int(index)]
    return data


def _expand(text: str, names: dict[str, object]) -> str:
    return re.sub(r"\$([A-Z]+)", lambda m: str(names[m.group(1)]), text)


@pytest.fixture
def published_round(tree, cast, cluster):
    """The cluster's 2020 round on its pledge signed in February: self-scored (Cầu Giấy 10,
    Thanh Xuân 9, Hà Đông 6), closed and published."""
    scoring_round = scoring_factories.make_round(cluster, cast, tree)
    scoring_factories.score_all(scoring_round, cast, tree)
    scoring_round = scoring_actions.close_round(scoring_round=scoring_round, by=cast["leader"])
    return scoring_actions.publish_round(scoring_round=scoring_round, by=cast["leader"])


@pytest.fixture
def signing_pledge(tree, cast, published_round):
    """An amendment of the pledge open for signing, signed by the leader (Cầu Giấy) and Hà Đông."""
    version = pledge_actions.amend_pledge(
        pledge=published_round.pledge_version.pledge,
        reason="Bổ sung tiêu chí theo kế hoạch năm",
        by=cast["leader"],
    )
    version = pledge_actions.open_for_signing(pledge_version=version, by=cast["leader"])
    for user, unit in ((cast["leader"], tree["d1"]), (cast["member"], tree["d3"])):
        pledge_actions.sign_pledge(pledge_version=version, unit=unit, by=user)
    return version


@pytest.fixture
def draft_proposal(tree, cast):
    """Thanh Xuân's draft: Nguyễn Thị Hường, rated "good" in 2025 and active in the movements,
    for Lao động tiên tiến (art. 24.1), with every paper of the art. 84 checklist."""
    award_actions.ensure_catalogue()
    worker = PersonFactory(
        unit=tree["d2"], family_name="Nguyễn", middle_name="Thị", given_name="Hường", sex="nu"
    )
    award_actions.record_rating(subject=worker, year=2025, rating="httnv", by=None)
    award_actions.record_fact(subject=worker, year=2025, fact="active_in_movements", by=None)
    proposal = award_actions.create_proposal(proposer=tree["d2"], year=2025, by=cast["officer"])
    award_actions.add_item(
        proposal=proposal,
        subject=worker,
        award_type=AwardType.objects.get(code="lao_dong_tien_tien"),
        achievements="Hoàn thành xuất sắc nhiệm vụ được giao.",
        by=cast["officer"],
    )
    proposal.refresh_from_db()
    for line in proposal_queries.checklist(proposal):
        upload = SimpleUploadedFile("ho-so.pdf", PDF, content_type="application/pdf")
        award_actions.add_document(
            proposal=proposal, kind=line.kind, item=line.item, upload=upload, by=cast["officer"]
        )
    proposal.refresh_from_db()
    assert proposal_queries.missing_documents(proposal_queries.checklist(proposal)) == []
    return proposal


def _token_from_the_page(user) -> str:
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/accounts/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    signed_in = browser.post(
        "/accounts/login/",
        {"username": user.username, "password": "secret", "csrfmiddlewaretoken": csrf},
    )
    assert signed_in.status_code == 302, signed_in.content.decode()[:500]
    page = browser.get("/accounts/tokens/").content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    created = browser.post(
        "/accounts/tokens/", {"name": "Máy tổng hợp", "csrfmiddlewaretoken": csrf}
    )
    assert created.status_code == 201
    return re.search(r'<code id="new-token">(thd_[^<]+)</code>', created.content.decode())[1]


def test_the_readme_session_replays(
    tree, cast, cluster, signing_pledge, published_round, draft_proposal
):
    user = cast["officer"]
    user.set_password("secret")
    user.save()
    token = _token_from_the_page(user)
    machine = Client(enforce_csrf_checks=True)  # no cookie: the token alone
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    names: dict[str, object] = {}
    answers = []
    for step in SESSION:
        url = "/api/v1" + _expand(step.path, names)
        if step.body:
            response = machine.post(
                url, _expand(step.body, names), content_type="application/json", **auth
            )
        else:
            response = machine.get(url, **auth)
        assert response.status_code == step.status, (step.path, response.content[:500])
        data = response.json()
        if step.saves:
            names[step.saves] = _jq(data, step.jq)
        answers.append(data)

    assert names == {
        "CLUSTER": cluster.pk,
        "UNIT": tree["d2"].pk,
        "PLEDGE": signing_pledge.pledge_id,
        "VERSION": signing_pledge.pk,
        "ROUND": published_round.pk,
        "PROPOSAL": draft_proposal.pk,
        "SEEN": draft_proposal.version,
    }
    members = [m["short_name"] for m in answers[1]["members"]]
    assert members == ["Cầu Giấy", "Hà Đông", "Thanh Xuân"]
    unsigned = [m["unit_id"] for m in answers[5]["members"] if not m["signature"]]
    assert unsigned == [tree["d2"].pk]
    assert answers[7]["id"] == signing_pledge.pk and answers[7]["status"] == "locked"
    signature = Signature.objects.get(pledge_version=signing_pledge, unit=tree["d2"])
    assert signature.signed_by == user
    assert PledgeVersion.objects.get(pk=signing_pledge.pk).is_locked
    signed = AuditEntry.objects.filter(actor=user, action="pledges.pledge.signed")
    assert signed.filter(object_id=str(signing_pledge.pk)).count() == 1

    assert answers[8]["status"] == "published" and answers[8]["cluster_id"] == cluster.pk
    ranking = [(row["rank"], row["unit_id"], row["total"]) for row in answers[9]]
    assert ranking == [
        (1, tree["d1"].pk, "10.00"),
        (2, tree["d2"].pk, "9.00"),
        (3, tree["d3"].pk, "6.00"),
    ]
    assert [p["id"] for p in answers[10]["items"]] == [draft_proposal.pk]
    recipients = [(i["name"], i["award"], i["verdict"]) for i in answers[11]["items"]]
    assert recipients == [("Nguyễn Thị Hường", "lao_dong_tien_tien", "eligible")]
    assert all(line["done"] for line in answers[11]["checklist"])
    assert answers[12]["status"] == ProposalStatus.FILED
    filed = Proposal.objects.get(pk=draft_proposal.pk)
    assert filed.status == ProposalStatus.FILED and filed.filed_by == user
    assert filed.version > draft_proposal.version
    assert AuditEntry.objects.filter(actor=user, action="awards.proposal.filed").count() == 1

    # Revoked on the page: the same token is refused.
    stored = ApiToken.objects.get(user=user)
    revoker = Client()
    revoker.force_login(user)
    assert revoker.post(f"/accounts/tokens/{stored.pk}/revoke/").status_code == 302
    refused = machine.get("/api/v1/clusters?year=2020", **auth)
    assert refused.status_code == 401 and "đăng nhập" in refused.json()["detail"]


def test_the_readme_shows_the_session_that_is_replayed():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert readme_block() in readme, "paste readme_block() into README.md:\n" + readme_block()


def test_the_session_block_is_valid_shell_json():
    """The bodies are JSON once the shell variables are filled in."""
    names = {step.saves: 1 for step in SESSION if step.saves}
    for step in SESSION:
        if step.body:
            json.loads(_expand(step.body, names))
