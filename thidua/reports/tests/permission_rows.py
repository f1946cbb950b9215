"""The reports URLs' rows of the project's permission table (core/tests/test_permission_table),
which checks them for every role of the cast.

  A allowed · L sign in first · F forbidden (403) · N not found (404)

A report covers a unit's whole subtree, so it is shown to roles held in that unit or above it
(the city's report: board, council and viewer; Thanh Xuân's: the officer of Thanh Xuân too).
Drafting the annual summary is for board and unit officers.
"""

# fmt: off
ROWS = [
    ("reports:index", None, "get", "L A A A A A A A"),
    ("reports:unit_report", lambda f: [f["tree"]["d2"].pk, 2024], "get", "L A N A N A A N"),
    ("reports:unit_report_file", lambda f: [f["tree"]["d2"].pk, 2024, "xlsx"], "get", "L A N A N A A N"),
    ("reports:unit_summary", lambda f: [f["tree"]["d2"].pk, 2024], "get", "L A N A N F F N"),
    ("reports:unit_summary_file", lambda f: [f["tree"]["d2"].pk, 2024, "docx"], "get", "L A N A N F F N"),
    ("reports:cluster_report", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
    ("reports:cluster_report_file", lambda f: [f["cluster"].pk, "xlsx"], "get", "L A A A A A A N"),
    ("reports:cluster_summary", lambda f: [f["cluster"].pk], "get", "L A A A F F F N"),
    ("reports:cluster_summary_file", lambda f: [f["cluster"].pk, "docx"], "get", "L A A A F F F N"),
    # The same figures through the API (401 for anonymous reads as "L").
    ("api:get_unit_report", lambda f: [f["tree"]["d2"].pk, 2024], "get", "L A N A N A A N"),
    ("api:get_cluster_report", lambda f: [f["cluster"].pk], "get", "L A A A A A A N"),
]
# fmt: on
