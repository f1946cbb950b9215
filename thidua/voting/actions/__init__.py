"""Every write of the voting app: atomic, checked with Vietnamese messages, audited.

Actions take keyword arguments and `by` (the acting user; None for the demo loader and the
scheduled closing). Every action locks the ballot row first, so casts, closing and changes of
state never interleave; state changes are conditional updates. Times (`now`) can be passed to
replay history (the demo); otherwise it is the current time.
"""

from .ballots import (
    add_question,
    cancel_ballot,
    create_council_ballot,
    create_election,
    decide_by_leaders,
    open_ballot,
    start_next_round,
    tied_candidates,
)
from .casting import cast_ballot, record_written_opinion
from .counting import close_ballot, close_due_ballots, election_result, release_ballot

__all__ = [
    "add_question",
    "cancel_ballot",
    "cast_ballot",
    "close_ballot",
    "close_due_ballots",
    "create_council_ballot",
    "create_election",
    "decide_by_leaders",
    "election_result",
    "open_ballot",
    "record_written_opinion",
    "release_ballot",
    "start_next_round",
    "tied_candidates",
]
