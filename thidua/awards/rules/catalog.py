"""The award catalogue: ratings, disciplines and scopes with their ranks, titles, forms, regimes.

Loaded once from ``awards/data/awards-catalog.json`` (a copy of the shared catalogue, codes
unchanged), so the engine, the registry and the pages all read the same codes and names.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOG_PATH = Path(__file__).resolve().parent.parent / "data" / "awards-catalog.json"

INDIVIDUAL = "individual"
COLLECTIVE = "collective"


@dataclass(frozen=True)
class Ranked:
    """A rating, discipline or scope: higher rank is better (rating, scope) or heavier."""

    code: str
    vi: str
    rank: int


@dataclass(frozen=True)
class AwardKind:
    """A title (danh hiệu thi đua) or a form (hình thức khen thưởng) of the catalogue."""

    code: str
    vi: str
    subject: str  # individual | collective | both
    kind: str  # title | form
    article: str

    def applies_to(self, subject_kind: str) -> bool:
        return self.subject in ("both", subject_kind)


@dataclass(frozen=True)
class Regime:
    """A legal regime (law + decree) with the dates it was in force (end None: still in force)."""

    code: str
    vi: str
    start: datetime.date
    end: datetime.date | None

    def in_force_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Catalog:
    ratings: dict[str, Ranked]
    disciplines: dict[str, Ranked]
    scopes: dict[str, Ranked]
    titles: dict[str, AwardKind]
    forms: dict[str, AwardKind]
    regimes: tuple[Regime, ...]

    def award(self, code: str) -> AwardKind:
        """The title or form with this code (KeyError when unknown)."""
        return self.titles[code] if code in self.titles else self.forms[code]

    def regime_on(self, day: datetime.date) -> Regime | None:
        return next((r for r in self.regimes if r.in_force_on(day)), None)


def _ranked(rows: list[dict]) -> dict[str, Ranked]:
    return {row["code"]: Ranked(row["code"], row["vi"], row["rank"]) for row in rows}


def _awards(rows: list[dict]) -> dict[str, AwardKind]:
    return {
        row["code"]: AwardKind(row["code"], row["vi"], row["subject"], row["kind"], row["article"])
        for row in rows
    }


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@lru_cache(maxsize=4)
def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    regimes = tuple(
        Regime(row["code"], row["vi"], _date(row["from"]), _date(row["to"]))
        for row in sorted(data["regimes"], key=lambda row: row["from"])
    )
    return Catalog(
        ratings=_ranked(data["ratings"]),
        disciplines=_ranked(data["disciplines"]),
        scopes=_ranked(data["scopes"]),
        titles=_awards(data["titles"]),
        forms=_awards(data["forms"]),
        regimes=regimes,
    )


CATALOG = load_catalog()


def rating_rank(code: str) -> int:
    return CATALOG.ratings[code].rank


def discipline_rank(code: str) -> int:
    return CATALOG.disciplines[code].rank


def scope_rank(code: str) -> int:
    return CATALOG.scopes[code].rank


def award_name(code: str) -> str:
    """Vietnamese name of a title or form: "Chiến sĩ thi đua cơ sở"."""
    return CATALOG.award(code).vi


def regime_on(day: datetime.date) -> Regime | None:
    """The regime in force on ``day``, or None before the earliest one of the catalogue."""
    return CATALOG.regime_on(day)


def regime_for_year(year: int) -> str | None:
    """Code of the regime in force at the end of ``year`` (31 December), when its review is held."""
    regime = regime_on(datetime.date(year, 12, 31))
    return regime.code if regime else None


def regime(code: str) -> Regime:
    return next(r for r in CATALOG.regimes if r.code == code)
