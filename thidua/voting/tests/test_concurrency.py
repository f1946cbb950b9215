"""Counted once, on PostgreSQL: concurrent casts, each on its own database connection.

PostgreSQL's max_connections is shared with everything else on the server, so the casts go
through a pool of at most 25 threads: the attempts are fired in waves of 25, every wave released
at once by a barrier (the threads wait at it holding no connection), and each thread closes its
connection when its attempt is done. The test measures how many connections were open at the
same moment and fails if it ever exceeds the pool's width.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEntry
from thidua.voting import actions
from thidua.voting.models import Turnout, Vote

from . import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MAX_CONNECTIONS = 25  # the most this test ever holds open at once (the server's limit is shared)


def _free_connections() -> int:
    """Client connections the server still accepts, counting the test's own (closed next)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity "
            "WHERE backend_type = 'client backend'"
        )
        return cursor.fetchone()[0] + 1


class Pool:
    """Runs zero-argument callables in waves of ``width`` through a pool of ``width`` threads;
    each wave starts together at a barrier; returns the outcomes (result or ValidationError) and
    tracks the peak number of connections open at once."""

    def __init__(self, width: int):
        self.width = width
        self.open = self.peak = 0
        self.lock = threading.Lock()

    def _run(self, work, barrier: threading.Barrier):
        barrier.wait(timeout=60)  # no connection is held while waiting
        with self.lock:
            self.open += 1
            self.peak = max(self.peak, self.open)
        try:
            return work()
        except ValidationError as exc:
            return exc
        finally:
            connection.close()
            with self.lock:
                self.open -= 1

    def fire(self, works) -> list:
        connection.close()  # the test's own connection is not held during the waves
        outcomes = []
        with ThreadPoolExecutor(max_workers=self.width) as executor:
            for start in range(0, len(works), self.width):
                wave = works[start : start + self.width]
                barrier = threading.Barrier(len(wave))
                futures = [executor.submit(self._run, work, barrier) for work in wave]
                outcomes.extend(future.result(timeout=120) for future in futures)
        return outcomes


@pytest.fixture
def pool():
    room = _free_connections()
    width = min(MAX_CONNECTIONS, room - 1)  # leave one for the test's own checks afterwards
    assert width >= 10, f"PostgreSQL has room for only {room} more connections"
    return Pool(width)


@pytest.fixture
def council_ballot(f):
    return actions.open_ballot(ballot=factories.make_council(f), by=f["cast"]["board"])


def test_a_hundred_casts_for_the_same_voter_at_once_count_one(council_ballot, cast, pool):
    question = council_ballot.questions.get()
    voter = cast["council"]

    def cast_once():
        return actions.cast_ballot(ballot=council_ballot, by=voter, answers={question.pk: "agree"})

    outcomes = pool.fire([cast_once] * 100)
    assert len(outcomes) == 100
    codes = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(codes) == 1 and len(refused) == 99, outcomes
    assert all("đã bỏ phiếu" in str(e) for e in refused)
    assert 2 <= pool.peak <= MAX_CONNECTIONS, pool.peak
    assert Turnout.objects.count() == 1 and Vote.objects.count() == 1
    assert AuditEntry.objects.filter(action="voting.ballot.turnout_recorded").count() == 1


def test_fifty_voters_casting_at_once_count_fifty(f, tree, cast, pool):
    members = [cast["council"]] + [
        grant(UserFactory(username=f"uyvien{i:02d}"), "council_member", tree["city"])
        for i in range(49)
    ]
    ballot = actions.open_ballot(ballot=factories.make_council(f), by=cast["board"])
    question = ballot.questions.get()
    assert ballot.electorate_size == 50

    def cast_for(member, choice):
        return lambda: actions.cast_ballot(ballot=ballot, by=member, answers={question.pk: choice})

    choices = ["agree", "disagree", "abstain"]
    outcomes = pool.fire([cast_for(m, choices[i % 3]) for i, m in enumerate(members)])
    assert len(outcomes) == 50 and all(isinstance(o, str) for o in outcomes), outcomes
    assert len(set(outcomes)) == 50  # one receipt code each
    assert 2 <= pool.peak <= MAX_CONNECTIONS, pool.peak
    assert Turnout.objects.filter(ballot=ballot).count() == 50
    assert Vote.objects.filter(ballot=ballot).count() == 50
    closed = actions.close_ballot(ballot=ballot, by=cast["board"])
    assert closed.turnout_total == 50
    counts = dict(closed.tally.values_list("choice", "count"))
    assert counts == {"agree": 17, "disagree": 17, "abstain": 16}
