"""The scoring rows of the project's permission table (thidua/core/tests/test_permission_table.py),
in its format: name, args from the fixtures {"tree", "cast", "cluster"}, method, and the answer of
anonymous, board, leader, officer (the deputy, d2), member (d3), council, viewer, outsider.

The round is open; d2 is assigned to cross-score d3 (all-to-all); lines and evidence are d3's.
"""

from thidua.scoring.tests import factories as sf

LEADS = "L F A A F F F N"  # the leader's and deputy's officers run the round
OVERSEE = "L A A A F F F N"  # they and the board follow it before publication
SEEN = "L A A A A A A N"  # whoever sees the cluster
OWN = "L F F F A F F N"  # the officer of the unit itself (d3)

# fmt: off
PERMISSION_ROWS = [
    ("scoring:cluster_rounds", lambda f: [f["cluster"].pk], "get", SEEN),
    ("scoring:round_create", lambda f: [f["cluster"].pk], "get", LEADS),
    ("scoring:round_detail", lambda f: [sf.round_id(f)], "get", SEEN),
    ("scoring:round_edit", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:progress", lambda f: [sf.round_id(f)], "get", OVERSEE),
    ("scoring:remind", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:assign", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:close", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:ties", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:publish", lambda f: [sf.round_id(f)], "get", LEADS),
    ("scoring:sheet", lambda f: [sf.round_id(f), f["tree"]["d3"].pk], "get", "L A A A A F F N"),
    ("scoring:submit", lambda f: [sf.round_id(f), f["tree"]["d3"].pk], "get", OWN),
    ("scoring:cross_sheet", lambda f: list(sf.assigned(f)), "get", OVERSEE),
    ("scoring:discrepancies", lambda f: [sf.round_id(f)], "get", OVERSEE),
    ("scoring:scoreboard", lambda f: [sf.round_id(f)], "get", OVERSEE),
    # The public pages: anyone; an open round is not published, so nobody finds it there.
    ("scoring:public_index", None, "get", "A A A A A A A A"),
    ("scoring:public_scoreboard", lambda f: [sf.round_id(f)], "get", "N N N N N N N N"),
    ("scoring:score_sheet", lambda f: [sf.round_id(f), "xlsx"], "get", OVERSEE),
    ("scoring:discrepancy_minutes", lambda f: [sf.round_id(f), "docx"], "get", OVERSEE),
    ("scoring:self_score", lambda f: [sf.line_of(f)], "get", OWN),
    ("scoring:cross_score", lambda f: [sf.line_of(f), sf.assigned(f)[1]], "get", "L F F A F F F N"),
    ("scoring:resolve", lambda f: [sf.line_of(f)], "get", "L F A F F F F N"),
    ("scoring:evidence_add", lambda f: [sf.line_of(f)], "get", OWN),
    ("scoring:evidence_download", lambda f: [sf.evidence_of(f)], "get", "L A A A A F F N"),
    ("scoring:evidence_remove", lambda f: [sf.evidence_of(f)], "get", OWN),
]
API_PERMISSION_ROWS = [
    ("api:get_cluster_scoring_round", lambda f: [sf.round_id(f) and f["cluster"].pk], "get", SEEN),
    ("api:get_scoring_round", lambda f: [sf.round_id(f)], "get", SEEN),
    ("api:get_scoring_ranking", lambda f: [sf.round_id(f)], "get", OVERSEE),
    ("api:list_unit_score_lines", lambda f: [sf.round_id(f), f["tree"]["d3"].pk], "get", "L A A A A F F N"),
    ("api:list_scoring_discrepancies", lambda f: [sf.round_id(f)], "get", OVERSEE),
    # The body "{}" lacks required fields: every signed-in role gets 400 before any object is read.
    ("api:save_self_score", lambda f: [sf.line_of(f)], "post", "L A A A A A A A"),
    ("api:save_cross_score", lambda f: [sf.line_of(f)], "post", "L A A A A A A A"),
    ("api:validate_score", lambda f: [sf.line_of(f)], "post", "L A A A A A A A"),
    ("api:publish_scoring_round", lambda f: [sf.round_id(f)], "post", "L A A A A A A A"),
    ("api:assign_cross_scorers", lambda f: [sf.round_id(f)], "post", "L A A A A A A A"),
    # No body to read: access is checked first; the leader and deputy close the round.
    ("api:close_scoring_round", lambda f: [sf.round_id(f)], "post", LEADS),
]
# fmt: on

ROWS = PERMISSION_ROWS + API_PERMISSION_ROWS
