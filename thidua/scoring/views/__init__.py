"""Views of the scoring app, one module per topic."""

from .board import discrepancy_minutes, score_sheet, scoreboard
from .cross import cross_score, cross_sheet
from .public import public_index, public_scoreboard
from .review import discrepancies, resolve
from .rounds import (
    assign,
    close,
    cluster_rounds,
    progress,
    publish,
    remind,
    round_create,
    round_detail,
    round_edit,
    ties,
)
from .sheets import evidence_add, evidence_download, evidence_remove, self_score, sheet, submit

__all__ = [
    "assign",
    "close",
    "cluster_rounds",
    "cross_score",
    "cross_sheet",
    "discrepancies",
    "discrepancy_minutes",
    "evidence_add",
    "evidence_download",
    "evidence_remove",
    "progress",
    "public_index",
    "public_scoreboard",
    "publish",
    "remind",
    "resolve",
    "round_create",
    "round_detail",
    "round_edit",
    "score_sheet",
    "scoreboard",
    "self_score",
    "sheet",
    "submit",
    "ties",
]
