"""Pure helpers for chains of years: runs, maternity leave, discipline periods, used initiatives.

They work on plain values so the database implementation can mirror each one set-wise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .history import Discipline, Honour


@dataclass(frozen=True)
class RatingView:
    """The rating that counts for a year; ``carried_from`` is set for a maternity year."""

    year: int
    code: str | None
    carried_from: int | None = None


def run_ending_at(end: int, holds: Callable[[int], bool]) -> list[int]:
    """The consecutive years ending at ``end`` for which ``holds`` is true (a gap ends the run)."""
    run: list[int] = []
    year = end
    while holds(year):
        run.append(year)
        year -= 1
    return sorted(run)


def effective_rating(
    ratings: dict[int, str],
    maternity_years: Iterable[int],
    year: int,
    counts: Callable[[int], bool],
) -> RatingView:
    """The rating of ``year``; a maternity year without one carries the last rating before it.

    The carried rating is the one the person had before the leave (several leave years in a
    row carry the same one); a year that does not count (discipline) yields no rating.
    """
    maternity = set(maternity_years)
    if not counts(year):
        return RatingView(year, None)
    if year in ratings:
        return RatingView(year, ratings[year])
    source = year
    while source in maternity and source not in ratings:
        source -= 1
        if not counts(source):
            return RatingView(year, None)
    if source == year or source not in ratings:
        return RatingView(year, None)
    return RatingView(year, ratings[source], carried_from=source)


def discipline_start(discipline: Discipline) -> int:
    """First year whose achievements count after this discipline.

    Evaluation years are whole calendar years, so a period ending on 31 December 2024 lets
    2025 count; one ending mid-2025 lets only 2026 count. Without an end date only the
    discipline year is known to be lost (the missing date is reported as unmet).
    """
    return (discipline.ended.year if discipline.ended else discipline.year) + 1


def counted_from(disciplines: Iterable[Discipline], year: int) -> int | None:
    """First year whose achievements count at the review of ``year`` (None: no discipline)."""
    starts = [discipline_start(d) for d in disciplines if d.year <= year]
    return max(starts) if starts else None


def used_ids(
    honours: Iterable[Honour], *, year: int, exclude: tuple[str, int]
) -> dict[str, Honour]:
    """Initiative and research ids already used as the basis of a title or form up to ``year``.

    The request itself (``exclude``: its code and year) does not use up its own basis, so a
    title already recorded can be checked again.
    """
    used: dict[str, Honour] = {}
    for honour in sorted(honours, key=lambda x: x.year):
        if honour.year > year or (honour.code, honour.year) == exclude:
            continue
        for ident in honour.based_on:
            used.setdefault(ident, honour)
    return used
