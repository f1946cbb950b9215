"""The documents URLs' rows of the project's permission table beyond the core table's own
(core/tests/test_permission_table): the registration list and the batches.

  A allowed · L sign in first · F forbidden (403) · N not found (404)

A batch is seen by whoever started it (the board here); readers may not start one.
"""


def _batch(f):
    from thidua.documents import actions
    from thidua.documents.papers.clusters import MEMBER_LISTS

    year = f["cluster"].emulation_year
    return actions.start_batch(
        kind=MEMBER_LISTS, scope=year, fmt="xlsx", title="x", by=f["cast"]["board"]
    ).pk


# fmt: off
ROWS = [
    ("documents:cluster_registrations", lambda f: [f["cluster"].pk, "xlsx"], "get", "L A A A A A A N"),
    ("documents:batch_list", None, "get", "L A A A A A A A"),
    ("documents:batch_start", lambda f: ["clusters.member_lists", f["cluster"].emulation_year_id], "get", "L A A A A F F N"),
    ("documents:batch_detail", lambda f: [_batch(f)], "get", "L A N N N N N N"),
    ("documents:batch_again", lambda f: [_batch(f)], "post", "L A N N N N N N"),
    ("documents:batch_download", lambda f: [_batch(f)], "get", "L N N N N N N N"),
]
# fmt: on
