"""Condition types: each is data (article, thresholds) plus a small evaluation function."""

from .base import Condition
from .innovations import (
    ExcellenceOrInnovation,
    InnovationInWindow,
    TitleRunOrExcellenceWithInnovations,
)
from .members import MemberCount, MemberShare
from .runs import AwardCombos, Combo, Prerequisite, RatingCount, TitleCount, TitleRun, YearlyRun
from .yearly import (
    ClusterLeading,
    FactInYear,
    FoundedYearsBefore,
    HeldInYears,
    LabourStandard,
    MovementLeading,
    RatingInYear,
)

__all__ = [
    "AwardCombos",
    "ClusterLeading",
    "Combo",
    "Condition",
    "ExcellenceOrInnovation",
    "FactInYear",
    "FoundedYearsBefore",
    "HeldInYears",
    "InnovationInWindow",
    "LabourStandard",
    "MemberCount",
    "MemberShare",
    "MovementLeading",
    "Prerequisite",
    "RatingCount",
    "RatingInYear",
    "TitleCount",
    "TitleRun",
    "TitleRunOrExcellenceWithInnovations",
    "YearlyRun",
]
