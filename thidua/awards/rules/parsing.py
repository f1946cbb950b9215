"""Strict parsing of the contract input into the history model (``history.py``).

Every string is NFC-normalised first. Anything the contract does not allow (unknown codes or
fields, an item with zero or two kinds, a bad year, a wrong type, a missing request) raises
:class:`ContractError` naming the case and the field, so nothing is evaluated on a guess.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from thidua.core.vn import normalize_data

from . import history as h
from .catalog import CATALOG, COLLECTIVE, INDIVIDUAL, regime_for_year
from .errors import ContractError

MIN_YEAR, MAX_YEAR = 1900, 2100
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ITEM_KINDS = (
    "rating",
    "title",
    "award",
    "initiative",
    "research",
    "discipline",
    "maternity_leave",
    "members",
    "cluster",
    "movement",
    "fact",
)
_EXTRA_KEYS = {"title": {"basis", "based_on"}, "award": {"basis", "based_on"}}
_EXTRA_KEYS["discipline"] = {"ended"}
_ONLY_FOR = {"maternity_leave": INDIVIDUAL, "members": COLLECTIVE, "cluster": COLLECTIVE}
_KIND_VI = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể"}


class _Reader:
    """Type checks that raise ContractError for one case."""

    def __init__(self, case: str | int | None):
        self.case = case

    def fail(self, path: str, message: str):
        raise ContractError(self.case, path, message)

    def obj(self, value: Any, path: str, required: Iterable[str], optional: Iterable[str] = ()):
        if not isinstance(value, dict):
            self.fail(path, "phải là một đối tượng JSON")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"trường không được hỗ trợ: '{key}'")
        for key in required:
            if key not in value:
                self.fail(f"{path}.{key}", "thiếu trường bắt buộc")
        return value

    def integer(self, value: Any, path: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "phải là số nguyên")
        if not low <= value <= high:
            self.fail(path, f"phải từ {low} đến {high}, nhận được {value}")
        return value

    def year(self, value: Any, path: str) -> int:
        return self.integer(value, path, MIN_YEAR, MAX_YEAR)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, "phải là true hoặc false")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "phải là một chuỗi không rỗng")
        return value

    def code(self, value: Any, path: str, allowed: Iterable[str]) -> str:
        allowed = tuple(allowed)
        if not isinstance(value, str) or value not in allowed:
            self.fail(path, f"mã không hợp lệ {value!r}; cho phép: {', '.join(allowed)}")
        return value

    def date(self, value: Any, path: str) -> datetime.date:
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(path, f"phải là ngày dạng YYYY-MM-DD, nhận được {value!r}")

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(path, "phải là một danh sách")
        return tuple(self.text(item, f"{path}[{i}]") for i, item in enumerate(value))


def parse_payload(payload: Any) -> list[h.Case]:
    """The cases of a contract input, validated; raises ContractError on the first problem."""
    payload = normalize_data(payload)
    top = _Reader(None)
    top.obj(payload, "payload", required=["cases"])
    cases = payload["cases"]
    if not isinstance(cases, list):
        top.fail("cases", "phải là một danh sách")
    return [parse_case(raw, index) for index, raw in enumerate(cases)]


def parse_case(raw: Any, index: int) -> h.Case:
    path = f"cases[{index}]"
    label = raw.get("id") if isinstance(raw, dict) else None
    r = _Reader(label if isinstance(label, str) else index)
    if isinstance(raw, dict) and "id" in raw and not isinstance(label, str):
        r.fail(f"{path}.id", "phải là một chuỗi")
    r.obj(raw, path, required=["id", "subject", "history", "request"])
    subject = _subject(r, raw["subject"], f"{path}.subject")
    request = _request(r, raw["request"], f"{path}.request", subject)
    items = raw["history"]
    if not isinstance(items, list):
        r.fail(f"{path}.history", "phải là một danh sách")
    history = _history(r, items, f"{path}.history", subject)
    return h.Case(id=raw["id"], subject=subject, history=history, request=request)


def _subject(r: _Reader, raw: Any, path: str) -> h.Subject:
    r.obj(raw, path, required=["kind"], optional=["founded", "can_receive_flag", "pending"])
    kind = r.code(raw["kind"], f"{path}.kind", (INDIVIDUAL, COLLECTIVE))
    if kind == INDIVIDUAL:
        for key in ("founded", "can_receive_flag"):
            if key in raw:
                r.fail(f"{path}.{key}", "chỉ dùng cho tập thể")
    founded = r.date(raw["founded"], f"{path}.founded") if "founded" in raw else None
    flag = r.boolean(raw.get("can_receive_flag", True), f"{path}.can_receive_flag")
    pending = raw.get("pending", [])
    if not isinstance(pending, list):
        r.fail(f"{path}.pending", "phải là một danh sách")
    matters = tuple(
        r.code(m, f"{path}.pending[{i}]", h.PENDING_MATTERS) for i, m in enumerate(pending)
    )
    return h.Subject(kind=kind, founded=founded, can_receive_flag=flag, pending=matters)


def _request(r: _Reader, raw: Any, path: str, subject: h.Subject) -> h.Request:
    from .registry import known_routes  # the registry imports the rules, which import us

    r.obj(raw, path, required=["code", "year"], optional=["route"])
    code = r.code(raw["code"], f"{path}.code", (*CATALOG.titles, *CATALOG.forms))
    if not CATALOG.award(code).applies_to(subject.kind):
        r.fail(f"{path}.code", f"{CATALOG.award(code).vi} không xét cho {_KIND_VI[subject.kind]}")
    year = r.year(raw["year"], f"{path}.year")
    if regime_for_year(year) is None:
        first = CATALOG.regimes[0].start.year
        r.fail(f"{path}.year", f"năm {year} trước chế độ sớm nhất được hỗ trợ (năm {first})")
    route = raw.get("route")
    if route is not None:
        route = r.code(route, f"{path}.route", known_routes(code, subject.kind))
    return h.Request(code=code, year=year, route=route)


def _history(r: _Reader, items: list, path: str, subject: h.Subject) -> h.History:
    acc: dict[str, Any] = {
        "ratings": {},
        "maternity_years": set(),
        "honours": [],
        "innovations": [],
        "disciplines": [],
        "members": {},
        "clusters": [],
        "movements": [],
        "facts": set(),
    }
    seen_ids: set[str] = set()
    for i, raw in enumerate(items):
        item_path = f"{path}[{i}]"
        if not isinstance(raw, dict):
            r.fail(item_path, "phải là một đối tượng JSON")
        kinds = [k for k in ITEM_KINDS if k in raw]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "không có"
            r.fail(
                item_path, f"mỗi mục phải có đúng một loại ({', '.join(ITEM_KINDS)}); có: {found}"
            )
        kind = kinds[0]
        r.obj(raw, item_path, required=["year", kind], optional=_EXTRA_KEYS.get(kind, ()))
        if kind in _ONLY_FOR and subject.kind != _ONLY_FOR[kind]:
            r.fail(f"{item_path}.{kind}", f"chỉ dùng cho {_KIND_VI[_ONLY_FOR[kind]]}")
        year = r.year(raw["year"], f"{item_path}.year")
        _item(r, kind, raw, year, f"{item_path}.{kind}", acc, seen_ids)
    return h.History(
        ratings=acc["ratings"],
        maternity_years=frozenset(acc["maternity_years"]),
        honours=tuple(acc["honours"]),
        innovations=tuple(acc["innovations"]),
        disciplines=tuple(acc["disciplines"]),
        members=acc["members"],
        clusters=tuple(acc["clusters"]),
        movements=tuple(acc["movements"]),
        facts=frozenset(acc["facts"]),
    )


def _item(r: _Reader, kind: str, raw: dict, year: int, path: str, acc: dict, seen_ids: set):
    value = raw[kind]
    if kind == "rating":
        if year in acc["ratings"]:
            r.fail(path, f"năm {year} đã có một xếp loại khác")
        acc["ratings"][year] = r.code(value, path, CATALOG.ratings)
    elif kind in ("title", "award"):
        codes = CATALOG.titles if kind == "title" else (*CATALOG.titles, *CATALOG.forms)
        code = r.code(value, path, codes)
        base = path.rsplit(".", 1)[0]
        basis = r.code(raw.get("basis", h.MERIT), f"{base}.basis", h.AWARD_BASES)
        based_on = r.strings(raw.get("based_on", []), f"{base}.based_on")
        acc["honours"].append(h.Honour(year, code, basis, based_on))
    elif kind in (h.INITIATIVE, h.RESEARCH):
        r.obj(value, path, required=["id", "scope"])
        ident = r.text(value["id"], f"{path}.id")
        if ident in seen_ids:
            r.fail(f"{path}.id", f"mã '{ident}' đã khai báo ở một mục khác")
        seen_ids.add(ident)
        scope = r.code(value["scope"], f"{path}.scope", CATALOG.scopes)
        acc["innovations"].append(h.Innovation(year, ident, scope, kind))
    elif kind == "discipline":
        code = r.code(value, path, CATALOG.disciplines)
        ended = None
        if "ended" in raw:
            ended_path = path.rsplit(".", 1)[0] + ".ended"
            ended = r.date(raw["ended"], ended_path)
            if ended.year < year:
                r.fail(ended_path, f"ngày hết thời hạn trước năm bị kỷ luật ({year})")
        acc["disciplines"].append(h.Discipline(year, code, ended))
    elif kind == "maternity_leave":
        if value is not True:
            r.fail(path, "chỉ ghi khi có nghỉ thai sản, với giá trị true")
        acc["maternity_years"].add(year)
    elif kind == "members":
        acc["members"][year] = _members(r, value, year, path, acc["members"])
    elif kind == "cluster":
        r.obj(value, path, required=["leading", "organised_by"])
        leading = r.boolean(value["leading"], f"{path}.leading")
        organiser = r.code(value["organised_by"], f"{path}.organised_by", h.CLUSTER_ORGANISERS)
        acc["clusters"].append(h.ClusterResult(year, leading, organiser))
    elif kind == "movement":
        r.obj(value, path, required=["leading", "launched_by", "years"], optional=["thematic"])
        acc["movements"].append(
            h.MovementResult(
                year,
                leading=r.boolean(value["leading"], f"{path}.leading"),
                launched_by=r.code(
                    value["launched_by"], f"{path}.launched_by", h.MOVEMENT_LAUNCHERS
                ),
                years=r.integer(value["years"], f"{path}.years", 1, 100),
                thematic=r.boolean(value.get("thematic", False), f"{path}.thematic"),
            )
        )
    else:  # fact
        acc["facts"].add((year, r.code(value, path, h.FACTS)))


def _members(r: _Reader, value: Any, year: int, path: str, known: dict) -> h.Members:
    if year in known:
        r.fail(path, f"năm {year} đã có số liệu thành viên")
    r.obj(value, path, required=h.MEMBER_COUNTS)
    total = r.integer(value["total"], f"{path}.total", 1, 10_000_000)
    counts = {
        key: r.integer(value[key], f"{path}.{key}", 0, total)
        for key in h.MEMBER_COUNTS
        if key != "total"
    }
    return h.Members(year=year, total=total, **counts)
