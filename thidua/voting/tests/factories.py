"""Ballots in each state, for the voting tests and the project's permission table.

Each function takes the table's fixtures (a dict with "tree", "cast" and "cluster") and returns
a ballot id. Elections are the shared cluster's (members d1 leader, d2 deputy, d3); council
ballots are the city's (its council member is cast["council"]).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from thidua.voting import actions


def window() -> dict:
    now = timezone.now()
    return {
        "opens_at": now - datetime.timedelta(hours=1),
        "closes_at": now + datetime.timedelta(days=1),
    }


def make_election(f, **kwargs):
    tree = f["tree"]
    return actions.create_election(
        cluster=f["cluster"],
        candidates=kwargs.pop("candidates", [tree["d1"], tree["d2"], tree["d3"]]),
        by=kwargs.pop("by", f["cast"]["leader"]),
        **{**window(), **kwargs},
    )


def make_council(f, questions=None, **kwargs):
    return actions.create_council_ballot(
        council_unit=kwargs.pop("council_unit", f["tree"]["city"]),
        title=kwargs.pop("title", "Hội đồng TĐKT xét đề nghị khen thưởng năm 2025"),
        questions=questions
        if questions is not None
        else [{"award_code": "co_thi_dua_cap_tinh", "recipient": "Quận Cầu Giấy"}],
        by=kwargs.pop("by", f["cast"]["board"]),
        **{**window(), **kwargs},
    )


def draft_election(f) -> int:
    return make_election(f).pk


def open_election(f) -> int:
    ballot = make_election(f)
    return actions.open_ballot(ballot=ballot, by=f["cast"]["leader"]).pk


def closed_election(f) -> int:
    ballot = actions.open_ballot(ballot=make_election(f), by=f["cast"]["leader"])
    cast, tree = f["cast"], f["tree"]
    for who, unit in (("leader", "d1"), ("officer", "d2"), ("member", "d3")):
        actions.cast_ballot(ballot=ballot, by=cast[who], unit=tree[unit], candidates=[tree["d1"]])
    return actions.close_ballot(ballot=ballot, by=cast["leader"]).pk


def released_election(f) -> int:
    from thidua.voting.models import Ballot

    ballot = Ballot.objects.get(pk=closed_election(f))
    return actions.release_ballot(ballot=ballot, by=f["cast"]["leader"]).pk


def draft_council(f) -> int:
    return make_council(f).pk


def open_council(f) -> int:
    return actions.open_ballot(ballot=make_council(f), by=f["cast"]["board"]).pk
