"""A case's history as it counts at the review of the requested year.

Records after the year under review are ignored; records before the end of a discipline
period do not count; sudden and thematic awards never count in a chain (NĐ 152 art. 4.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import chains
from .catalog import Regime, regime, regime_for_year, scope_rank
from .history import Case, History, Honour, Innovation, Members, Subject
from .text import BASIS_VI, name


@dataclass(frozen=True)
class Context:
    case: Case

    @property
    def year(self) -> int:
        return self.case.request.year

    @property
    def subject(self) -> Subject:
        return self.case.subject

    @property
    def history(self) -> History:
        return self.case.history

    @cached_property
    def regime(self) -> Regime:
        return regime(regime_for_year(self.year))

    @cached_property
    def counted_from(self) -> int | None:
        return chains.counted_from(self.history.disciplines, self.year)

    @cached_property
    def disciplines(self):
        return sorted((d for d in self.history.disciplines if d.year <= self.year), key=_year)

    def counts(self, year: int) -> bool:
        """Whether a record of ``year`` counts at this review."""
        return year <= self.year and (self.counted_from is None or year >= self.counted_from)

    def rating(self, year: int) -> chains.RatingView:
        h = self.history
        return chains.effective_rating(h.ratings, h.maternity_years, year, self.counts)

    def honours(self, code: str) -> list[Honour]:
        """Honours of ``code`` that count in chains, oldest first."""
        return sorted((x for x in self.history.honours if self._counts_honour(x, code)), key=_year)

    def _counts_honour(self, honour: Honour, code: str) -> bool:
        return honour.code == code and honour.counts_in_chains and self.counts(honour.year)

    def honour_years(
        self, code: str, first: int | None = None, last: int | None = None
    ) -> list[int]:
        last = self.year if last is None else last
        return sorted(
            {
                x.year
                for x in self.honours(code)
                if (first is None or x.year >= first) and x.year <= last
            }
        )

    def uncounted(self, codes: tuple[str, ...], first: int | None = None) -> list[str]:
        """Sudden and thematic awards of ``codes`` left out of the chain, for messages."""
        return [
            f"không tính {name(x.code)} năm {x.year} ({BASIS_VI[x.basis]})"
            for x in sorted(self.history.honours, key=_year)
            if x.code in codes
            and not x.counts_in_chains
            and x.year <= self.year
            and (first is None or x.year >= first)
        ]

    def discipline_cut(self, code: str) -> list[int]:
        """Years of merit awards of ``code`` that no longer count after a discipline."""
        return sorted(
            {
                x.year
                for x in self.history.honours
                if x.code == code
                and x.counts_in_chains
                and x.year <= self.year
                and not self.counts(x.year)
            }
        )

    def has_fact(self, fact: str, year: int) -> bool:
        return self.counts(year) and (year, fact) in self.history.facts

    def members(self, year: int) -> Members | None:
        return self.history.members.get(year) if self.counts(year) else None

    def clusters(self, year: int):
        return [c for c in self.history.clusters if c.year == year and self.counts(year)]

    def movements(self, year: int):
        return [m for m in self.history.movements if m.year == year and self.counts(year)]

    @cached_property
    def used_ids(self) -> dict[str, Honour]:
        request = self.case.request
        return chains.used_ids(
            self.history.honours, year=self.year, exclude=(request.code, request.year)
        )

    def innovations(
        self, first: int, last: int, min_scope: str, kinds: tuple[str, ...]
    ) -> tuple[list[Innovation], list[Innovation]]:
        """(unused, used) items of ``kinds``, scope ≥ ``min_scope``, recognised first…last."""
        found = [
            i
            for i in sorted(self.history.innovations, key=lambda i: (i.year, i.id))
            if i.kind in kinds
            and first <= i.year <= last
            and self.counts(i.year)
            and scope_rank(i.scope) >= scope_rank(min_scope)
        ]
        return (
            [i for i in found if i.id not in self.used_ids],
            [i for i in found if i.id in self.used_ids],
        )

    def discipline_note(self, first: int) -> str:
        """A suffix for a window starting at ``first`` that reaches into a discipline period."""
        if self.counted_from is not None and first < self.counted_from:
            return f"; thành tích chỉ được tính từ năm {self.counted_from} (sau thời hạn kỷ luật)"
        return ""


def _year(item) -> int:
    return item.year
