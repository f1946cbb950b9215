"""Build contract input in code, one history item per call, and read results back.

For tests, demo data and examples::

    individual().rating(2025, "httnv").fact(2025, "active_in_movements")
        .request("lao_dong_tien_tien", 2025).payload()
"""

from __future__ import annotations

import copy
from typing import Any, Self

from .contract import evaluate_payload


class CaseBuilder:
    def __init__(self, kind: str, case_id: str, **subject: Any):
        self._case: dict[str, Any] = {
            "id": case_id,
            "subject": {"kind": kind, **subject},
            "history": [],
        }

    def item(self, year: int, **fields: Any) -> Self:
        self._case["history"].append({"year": year, **fields})
        return self

    def rating(self, year: int, code: str) -> Self:
        return self.item(year, rating=code)

    def ratings(self, code: str, *years: int) -> Self:
        for year in years:
            self.rating(year, code)
        return self

    def title(self, year: int, code: str, *, basis: str | None = None, based_on=None) -> Self:
        return self.item(year, title=code, **_extras(basis, based_on))

    def titles(self, code: str, *years: int, basis: str | None = None) -> Self:
        for year in years:
            self.title(year, code, basis=basis)
        return self

    def award(self, year: int, code: str, *, basis: str | None = None, based_on=None) -> Self:
        return self.item(year, award=code, **_extras(basis, based_on))

    def awards(self, code: str, *years: int, basis: str | None = None) -> Self:
        for year in years:
            self.award(year, code, basis=basis)
        return self

    def initiative(self, year: int, ident: str, scope: str = "co_so") -> Self:
        return self.item(year, initiative={"id": ident, "scope": scope})

    def research(self, year: int, ident: str, scope: str = "co_so") -> Self:
        return self.item(year, research={"id": ident, "scope": scope})

    def discipline(self, year: int, code: str, ended: str | None = None) -> Self:
        return self.item(year, discipline=code, **({"ended": ended} if ended else {}))

    def maternity(self, year: int) -> Self:
        return self.item(year, maternity_leave=True)

    def members(
        self,
        year: int,
        total: int,
        *,
        completed: int | None = None,
        lao_dong_tien_tien: int = 0,
        chien_si_thi_dua_co_so: int = 0,
        disciplined: int = 0,
    ) -> Self:
        counts = {
            "total": total,
            "completed": total if completed is None else completed,
            "lao_dong_tien_tien": lao_dong_tien_tien,
            "chien_si_thi_dua_co_so": chien_si_thi_dua_co_so,
            "disciplined_canh_cao_or_heavier": disciplined,
        }
        return self.item(year, members=counts)

    def cluster(self, year: int, *, leading: bool = True, organised_by: str = "province") -> Self:
        return self.item(year, cluster={"leading": leading, "organised_by": organised_by})

    def movement(
        self,
        year: int,
        *,
        leading: bool = True,
        launched_by: str = "province",
        years: int = 3,
        thematic: bool = False,
    ) -> Self:
        movement = {
            "leading": leading,
            "launched_by": launched_by,
            "years": years,
            "thematic": thematic,
        }
        return self.item(year, movement=movement)

    def fact(self, year: int, *facts: str) -> Self:
        for fact in facts:
            self.item(year, fact=fact)
        return self

    def pending(self, *matters: str) -> Self:
        self._case["subject"]["pending"] = list(matters)
        return self

    def request(self, code: str, year: int, route: str | None = None) -> Self:
        self._case["request"] = {"code": code, "year": year, **({"route": route} if route else {})}
        return self

    def without(self, **fields: Any) -> Self:
        """Drop the history items whose fields equal all of ``fields`` (to break one condition)."""
        self._case["history"] = [
            item
            for item in self._case["history"]
            if not all(item.get(key) == value for key, value in fields.items())
        ]
        return self

    def build(self) -> dict:
        return copy.deepcopy(self._case)

    def payload(self) -> dict:
        return {"cases": [self.build()]}

    def evaluate(self) -> dict:
        """The contract result of this one case."""
        return evaluate_payload(self.payload())["results"][0]


def route_result(result: dict, route: str) -> dict:
    """The route ``route`` of one case's result."""
    return next(r for r in result["routes"] if r["route"] == route)


def unmet(result: dict, route: str | None = None) -> list[dict]:
    """Conditions not met, in one route or in all of them."""
    routes = [route_result(result, route)] if route else result["routes"]
    return [c for r in routes for c in r["conditions"] if not c["met"]]


def _extras(basis: str | None, based_on) -> dict:
    extras: dict[str, Any] = {}
    if basis is not None:
        extras["basis"] = basis
    if based_on is not None:
        extras["based_on"] = list(based_on)
    return extras


def individual(case_id: str = "ca-nhan", **subject: Any) -> CaseBuilder:
    return CaseBuilder("individual", case_id, **subject)


def collective(case_id: str = "tap-the", **subject: Any) -> CaseBuilder:
    return CaseBuilder("collective", case_id, **subject)
