"""A ballot is secret and counted once: nothing the system writes or logs ties a voter to a
choice; the voter can check their vote was counted without anyone learning how they voted."""

import json
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import DateField, DateTimeField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEntry
from thidua.voting import actions, queries, receipts
from thidua.voting.models import Turnout, Vote

from . import factories

pytestmark = pytest.mark.django_db
VOTER_ID = 987654321  # a user id that cannot be confused with any other number in a statement
OTHER_VOTER_ID = 987654322


@pytest.fixture
def voter(tree):
    return grant(UserFactory(pk=VOTER_ID, username="bimat"), "council_member", tree["city"])


@pytest.fixture
def other_voter(tree):
    return grant(UserFactory(pk=OTHER_VOTER_ID, username="bimat2"), "council_member", tree["city"])


@pytest.fixture
def council_ballot(f, voter, other_voter, council_members):
    return actions.open_ballot(
        ballot=factories.make_council(
            f,
            questions=[
                {"award_code": "co_thi_dua_cap_tinh", "recipient": "Quận Cầu Giấy"},
                {"award_code": "chien_si_thi_dua_cap_tinh", "recipient": "Bà Nguyễn Thị An"},
            ],
        ),
        by=f["cast"]["board"],
    )


def _answers(ballot, *choices):
    return dict(
        zip(
            ballot.questions.order_by("position").values_list("pk", flat=True),
            choices,
            strict=False,
        )
    )


VOTE_COLUMNS = {"id", "ballot_id", "question_id", "choice", "candidate_id", "receipt_hash"}


def test_the_vote_table_has_no_voter_and_no_time():
    names = {f.name for f in Vote._meta.get_fields()}
    assert names == {
        "id",
        "ballot",
        "question",
        "choice",
        "candidate",
        "receipt_hash",
        "is_sample",
    }
    assert not any(isinstance(f, DateField | DateTimeField) for f in Vote._meta.get_fields())
    assert Vote._meta.pk.get_internal_type() == "UUIDField"
    assert Vote._meta.ordering[:2] == ["question", "choice"]
    assert not any(isinstance(f, DateField | DateTimeField) for f in Turnout._meta.get_fields())


def test_no_statement_log_line_or_audit_row_ties_the_voter_to_the_choice(
    council_ballot, voter, settings, caplog
):
    settings.DEBUG = True  # the database backend then logs every statement with its values
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    with CaptureQueriesContext(connection) as run:
        code = actions.cast_ballot(
            ballot=council_ballot, by=voter, answers=_answers(council_ballot, "disagree", "abstain")
        )
    statements = [q["sql"] for q in run]
    voter_id = str(VOTER_ID)
    assert any(voter_id in sql for sql in statements)  # the turnout is recorded …
    assert any("'disagree'" in sql or "disagree" in sql for sql in statements)  # … and the vote
    for sql in statements:
        assert not (voter_id in sql and ("disagree" in sql or "abstain" in sql)), sql
        assert code not in sql and receipts.normalise(code) not in sql
    inserts = [s for s in statements if re.match(r'INSERT INTO "voting_vote"', s)]
    assert len(inserts) == 1
    columns = set(re.findall(r'"(\w+)"', inserts[0].split("VALUES")[0])) - {"voting_vote"}
    assert columns <= VOTE_COLUMNS | {"is_sample"}
    records = [r.getMessage() for r in caplog.records]
    assert any("turnout recorded" in message for message in records)
    assert any('INSERT INTO "voting_vote"' in message for message in records)  # SQL is logged
    for message in records:
        assert not (voter_id in message and ("disagree" in message or "abstain" in message))
        assert code not in message
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.before, entry.after, entry.reason, entry.object_repr])
        assert "disagree" not in text and "abstain" not in text and code not in text
    entry = AuditEntry.objects.get(action="voting.ballot.turnout_recorded")
    assert entry.actor == voter and entry.after == {
        "elector": "Cán bộ bimat",
        "method": "in_person",
    }


def test_an_election_cast_writes_no_voter_beside_the_candidate(open_election, cast, tree, caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as run:
        actions.cast_ballot(
            ballot=open_election, by=cast["member"], unit=tree["d3"], candidates=[tree["d2"]]
        )
    [insert] = [q["sql"] for q in run if q["sql"].startswith('INSERT INTO "voting_vote"')]
    columns = set(re.findall(r'"(\w+)"', insert.split("VALUES")[0])) - {"voting_vote"}
    assert columns <= VOTE_COLUMNS | {"is_sample"}
    entry = AuditEntry.objects.get(action="voting.ballot.turnout_recorded")
    assert entry.after == {"elector": "Quận Hà Đông", "method": "in_person"}
    assert str(tree["d2"].pk) not in json.dumps(entry.after)


def test_votes_are_listed_by_question_and_choice_never_in_casting_order(
    council_ballot, council_members
):
    order = ["disagree", "agree", "abstain", "agree", "disagree"]
    for member, choice in zip(council_members, order, strict=False):
        actions.cast_ballot(
            ballot=council_ballot, by=member, answers=_answers(council_ballot, choice, choice)
        )
    first = council_ballot.questions.order_by("position").first()
    listed = list(Vote.objects.filter(question=first).values_list("choice", flat=True))
    assert listed == sorted(order)


def test_each_vote_row_of_a_cast_has_its_own_receipt_hash(council_ballot, voter):
    code = actions.cast_ballot(
        ballot=council_ballot, by=voter, answers=_answers(council_ballot, "agree", "agree")
    )
    hashes = list(Vote.objects.values_list("receipt_hash", flat=True))
    assert len(hashes) == len(set(hashes)) == 2
    assert all(code not in h and receipts.normalise(code) not in h for h in hashes)


def test_a_receipt_says_counted_and_nothing_more(council_ballot, voter, council_members):
    code = actions.cast_ballot(
        ballot=council_ballot, by=voter, answers=_answers(council_ballot, "agree", "disagree")
    )
    actions.cast_ballot(
        ballot=council_ballot,
        by=council_members[0],
        answers=_answers(council_ballot, "disagree", "agree"),
    )
    with CaptureQueriesContext(connection) as run:
        assert queries.receipt_counted(council_ballot, code.lower().replace("-", " "))
    assert all("choice" not in q["sql"] for q in run)
    assert not queries.receipt_counted(council_ballot, receipts.new_code())
    assert not queries.receipt_counted(council_ballot, "not a code")
    closed = actions.close_ballot(ballot=council_ballot, by=council_ballot.created_by)
    assert queries.receipt_counted(closed, code)


def test_an_election_receipt_is_checked_whatever_the_number_of_marks(f, cast, tree):
    ballot = actions.open_ballot(ballot=factories.make_election(f, seats=2), by=cast["leader"])
    two = actions.cast_ballot(
        ballot=ballot, by=cast["leader"], unit=tree["d1"], candidates=[tree["d1"], tree["d3"]]
    )
    blank = actions.cast_ballot(ballot=ballot, by=cast["member"], unit=tree["d3"], blank=True)
    assert queries.receipt_counted(ballot, two) and queries.receipt_counted(ballot, blank)
    assert Vote.objects.count() == 3


def test_receipt_codes_are_random_and_well_formed():
    codes = {receipts.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(receipts.is_well_formed(c) for c in codes)
    assert receipts.normalise(" k7qx-m2pa 9tre-wh4c ") == "K7QXM2PA9TREWH4C"
    assert not receipts.is_well_formed("K7QX-M2PA-9TRE-WH4I")  # I is not in the alphabet


def test_casting_through_the_page_and_the_api_leaves_the_choice_beside_no_voter(
    council_ballot, voter, other_voter, client_for, settings, caplog
):
    """The web paths add sessions, messages, request logs and API audit rows: none of them holds
    the choice or the receipt code. Only the response to the voter shows the code, once."""
    settings.DEBUG = True
    caplog.set_level(logging.DEBUG)
    first, second = council_ballot.questions.order_by("position")
    page = client_for(voter)
    with CaptureQueriesContext(connection) as run:
        response = page.post(
            reverse("voting:cast", args=[council_ballot.pk]),
            {f"q{first.pk}": "disagree", f"q{second.pk}": "abstain"},
        )
    assert response.status_code == 200
    code = re.search(r'id="receipt">\s*([A-Z0-9-]+)', response.text).group(1)
    assert receipts.is_well_formed(code)
    assert "disagree" not in response.text.split('id="receipt"')[1]  # the page names no choice
    assert (
        response["Cache-Control"].startswith("max-age=0")
        and "no-store" in response["Cache-Control"]
    )
    api = client_for(other_voter)
    with CaptureQueriesContext(connection) as api_run:
        created = api.post(
            reverse("api:cast_vote", args=[council_ballot.pk]),
            {"answers": {str(first.pk): "disagree", str(second.pk): "abstain"}},
            content_type="application/json",
        )
    assert created.status_code == 201
    api_code = created.json()["receipt"]
    assert set(created.json()) == {"receipt"}
    voters = {str(VOTER_ID), str(OTHER_VOTER_ID)}
    statements = [q["sql"] for q in run] + [q["sql"] for q in api_run]
    assert sum(any(v in sql for v in voters) for sql in statements) >= 2  # turnouts were written
    for sql in statements:
        if any(v in sql for v in voters):
            assert "disagree" not in sql and "abstain" not in sql, sql
        assert code not in sql and api_code not in sql
    for session in Session.objects.all():
        data = json.dumps(session.get_decoded())
        assert "disagree" not in data and "abstain" not in data
        assert code not in data and api_code not in data
    for record in caplog.records:
        message = record.getMessage()
        assert code not in message and api_code not in message
        assert not (any(v in message for v in voters) and "disagree" in message), message
    entries = AuditEntry.objects.filter(action="voting.ballot.turnout_recorded")
    assert entries.count() == 2
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.before, entry.after, entry.reason, entry.object_repr])
        assert "disagree" not in text and "abstain" not in text
        assert code not in text and api_code not in text
    assert Vote.objects.filter(choice="disagree").count() == 2
