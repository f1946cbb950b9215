"""The voting rows of the project's permission table (core/tests/test_permission_table)."""

from thidua.voting.tests import factories as vf

# fmt: off
ROWS = [
    ("voting:index", None, "get", "L A A A A A A A"),
    ("voting:threshold_list", None, "get", "L A A A A A A A"),
    ("voting:election_create", lambda f: [f["cluster"].pk], "get", "L A A A F F F N"),
    ("voting:council_create", None, "get", "L A F F F F F F"),
    ("voting:ballot_detail", lambda f: [vf.draft_election(f)], "get", "L A A A A A A N"),
    ("voting:question_add", lambda f: [vf.draft_council(f)], "get", "L A N N N F F N"),
    ("voting:ballot_open", lambda f: [vf.draft_election(f)], "get", "L A A A F F F N"),
    ("voting:ballot_close", lambda f: [vf.open_election(f)], "get", "L A A A F F F N"),
    ("voting:ballot_release", lambda f: [vf.closed_election(f)], "get", "L A A A F F F N"),
    ("voting:ballot_cancel", lambda f: [vf.open_election(f)], "get", "L A A A F F F N"),
    ("voting:next_round", lambda f: [vf.released_election(f)], "get", "L A A A F F F N"),
    ("voting:ballot_decide", lambda f: [vf.released_election(f)], "get", "L F A A F F F N"),
    ("voting:cast", lambda f: [vf.open_election(f)], "get", "L F A A A F F N"),
    ("voting:written_opinion", lambda f: [vf.open_council(f)], "get", "L A N N N F F N"),
    ("voting:receipt_check", lambda f: [vf.open_election(f)], "get", "L A A A A A A N"),
    ("voting:minutes", lambda f: [vf.released_election(f), "pdf"], "get", "L A A A A A A N"),
    ("api:list_ballots", None, "get", "L A A A A A A A"),
    ("api:get_ballot", lambda f: [vf.open_election(f)], "get", "L A A A A A A N"),
    ("api:cast_vote", lambda f: [vf.open_election(f)], "post", "L F A A A F F N"),
    ("api:check_receipt", lambda f: [vf.open_election(f)], "post", "L A A A A A A A"),
    # No body to read: access is checked first (organisers: the leader, deputy and board).
    ("api:open_ballot", lambda f: [vf.draft_election(f)], "post", "L A A A F F F N"),
    ("api:close_ballot", lambda f: [vf.open_election(f)], "post", "L A A A F F F N"),
    ("api:release_ballot", lambda f: [vf.closed_election(f)], "post", "L A A A F F F N"),
    # The body "{}" lacks required fields: every signed-in role gets 400 before any object is read.
    ("api:cancel_ballot", lambda f: [vf.open_election(f)], "post", "L A A A A A A A"),
    ("api:decide_ballot", lambda f: [vf.released_election(f)], "post", "L A A A A A A A"),
]
# fmt: on
