"""The demo ballots: Cụm IX's released 2020 election and the city council's open ballot."""

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.voting import queries
from thidua.voting.models import Ballot, BallotStatus, Turnout, Vote
from thidua.voting.papers import minutes_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def _counts():
    return tuple(m.objects.count() for m in (Ballot, Turnout, Vote, User))


def test_the_demo_ballots_are_built_once(demo):
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first


def test_cum_ix_elected_cau_giay_in_a_released_sample_election(demo):
    ballot = Ballot.objects.get(cluster__number="IX", cluster__emulation_year__year=2020)
    assert ballot.status == BallotStatus.RELEASED and ballot.is_sample
    assert ballot.electorate_size == 6 and ballot.turnout_total == 6
    result = queries.result_of(ballot)
    votes = {line.unit.short_name: line.votes for line in result.candidates}
    assert votes == {"Cầu Giấy": 4, "Hà Đông": 1, "Tây Hồ": 1}
    assert [line.unit.short_name for line in result.elected] == ["Cầu Giấy"]
    assert set(Vote.objects.filter(ballot=ballot).values_list("is_sample", flat=True)) == {True}
    recorded_by = set(
        Turnout.objects.filter(ballot=ballot).values_list("recorded_by__username", flat=True)
    )
    assert recorded_by == {"caugiay", "thanhxuan", "hadong", "namtuliem", "bactuliem", "tayho"}
    assert b"%PDF" in minutes_for(ballot, "pdf")[0][:8]


def test_the_city_council_ballot_is_open_for_hoidong(demo):
    ballot = Ballot.objects.get(kind="council")
    assert ballot.status == BallotStatus.OPEN and ballot.is_sample
    assert ballot.electorate_size == 5 and ballot.questions.count() == 2
    assert Turnout.objects.filter(ballot=ballot).count() == 3
    assert Turnout.objects.filter(ballot=ballot, method="written").count() == 1
    hoidong = User.objects.get(username="hoidong")
    assert queries.electors_yet_to_vote(hoidong, ballot).exists()
    assert queries.result_of(ballot) is None
