"""Check an uploaded history workbook against the registry, streamed a chunk of rows at a time.

``build_plan(fileobj, user)`` reads the workbook (``excel.py``) lazily, converts legacy text,
matches every row to a unit or person the user may record for, and returns a summary of what
would be written: counters, the first ``MAX_ERRORS`` problems (each naming its sheet, row and
column in Vietnamese; all are counted), the first ``PREVIEW_ROWS`` planned rows of each sheet
and the first ``MAX_CONVERSIONS`` converted cells. Memory does not grow with the file except
for one integer key per row, kept to find a row repeated anywhere in the file, and one entry
per distinct decision.

``build_plan(..., write=writer)`` is the same pass handing each chunk's valid new rows to
``writer`` while the file has no error so far; the commit action runs it inside one transaction
and raises, rolling everything back, when any error is found (all or nothing).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.core import vn
from thidua.organizations.models import Person, Unit

from . import excel
from . import subjects as s
from .access import RATING, can_record
from .actions.decisions import clean_number
from .models import AwardBasis, AwardType, Decision, DecisionRecipient, Rating, YearlyRating
from .models.registry import MIN_YEAR
from .rules.catalog import CATALOG

RATING_WORDS = {
    **{vn.fold(code): code for code in CATALOG.ratings},
    **{vn.fold(r.vi): code for code, r in CATALOG.ratings.items()},
}
BASIS_WORDS = {
    "": AwardBasis.MERIT,
    "thuong xuyen": AwardBasis.MERIT,
    "merit": AwardBasis.MERIT,
    "dot xuat": AwardBasis.SUDDEN,
    "sudden": AwardBasis.SUDDEN,
    "chuyen de": AwardBasis.THEMATIC,
    "theo chuyen de": AwardBasis.THEMATIC,
    "thematic": AwardBasis.THEMATIC,
}


PREVIEW_ROWS = 200  # planned rows kept for the preview, per sheet (the page says 200)
MAX_ERRORS = 200  # problems listed; all are counted
MAX_CONVERSIONS = 200  # converted cells listed; all are counted


@dataclass(frozen=True)
class PlannedRating:
    row: int
    subject: Person | Unit
    year: int
    rating: str

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label


@dataclass(frozen=True)
class DecisionKey:
    recorded_in_id: int
    issuer_name: str
    number: str
    signed_on: datetime.date


@dataclass
class PlannedDecision:
    key: DecisionKey
    index: int  # number of the decision within the file, for compact keys
    signer_name: str = ""
    signer_position: str = ""
    existing: Decision | None = None
    looked_up: bool = False  # whether ``existing`` was searched for
    new_awards: int = 0  # recipients the file adds to it
    created_id: int | None = None  # set by the writer


@dataclass(frozen=True)
class PlannedAward:
    row: int
    subject: Person | Unit
    award_type: AwardType
    year: int
    basis: str
    decision: DecisionKey


@dataclass
class Plan:
    """What an import would write, bounded in size whatever the length of the file."""

    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS
    error_count: int = 0
    conversions: list[excel.CellConversion] = field(default_factory=list)  # the first ones
    conversion_count: int = 0
    ratings: list[PlannedRating] = field(default_factory=list)  # the first PREVIEW_ROWS
    rating_count: int = 0
    awards: list[PlannedAward] = field(default_factory=list)  # the first PREVIEW_ROWS
    award_count: int = 0
    decisions: dict[DecisionKey, PlannedDecision] = field(default_factory=dict)  # all named
    unchanged: int = 0  # rows already in the registry exactly as in the file

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def has_new_rows(self) -> bool:
        return bool(self.rating_count or self.award_count)

    @property
    def new_decisions(self) -> list[PlannedDecision]:
        return [d for d in self.decisions.values() if d.existing is None and d.new_awards]

    @property
    def rows_truncated(self) -> bool:
        return self.rating_count > len(self.ratings) or self.award_count > len(self.awards)

    @property
    def errors_truncated(self) -> bool:
        return self.error_count > len(self.errors)

    @property
    def conversions_truncated(self) -> bool:
        return self.conversion_count > len(self.conversions)

    def add_error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)

    def add_conversions(self, conversions: list[excel.CellConversion]) -> None:
        self.conversion_count += len(conversions)
        room = MAX_CONVERSIONS - len(self.conversions)
        if room > 0:
            self.conversions.extend(conversions[:room])


_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


class _RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn.clean_text(str(value))


def _year(value, column: str) -> int:
    this_year = timezone.localdate().year
    text = _text(value)
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not MIN_YEAR <= year <= this_year:
        raise _RowError(
            column,
            _("Enter a year between %(low)s and %(high)s (found “%(value)s”).")
            % {"low": MIN_YEAR, "high": this_year, "value": text},
        )
    return year


def _date(value, column: str, *, required: bool) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        if required:
            raise _RowError(column, _("This field cannot be empty."))
        return None
    found = _DMY.fullmatch(text)  # the usual dd/mm/yyyy, without strptime's cost on every row
    if found:
        try:
            return datetime.date(int(found[4]), int(found[3]), int(found[1]))
        except ValueError:
            pass  # 32/01/2025: refused below
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowError(
        column, _("Write the date as dd/mm/yyyy (found “%(value)s”).") % {"value": text}
    )


def _required(value, column: str) -> str:
    text = _text(value)
    if not text:
        raise _RowError(column, _("This field cannot be empty."))
    return text


class _Matcher:
    """Units by name and people by (unit, full name, date of birth), within the user's scope.

    Units are looked up by the names of each chunk and kept (there are few); people are looked
    up for each chunk and dropped with it.
    """

    def __init__(self, user):
        self.user = user
        scope = scope_of(user)
        self.in_scope = scope.subtree_q("path", Role.BOARD_OFFICER, Role.UNIT_OFFICER)
        self.queried: set[str] = set()
        self.units: dict[str, dict[int, Unit]] = defaultdict(dict)  # casefolded name → units
        self.people: dict[tuple, list[Person]] = {}
        self.grants = sorted(
            (g for g in scope.grants if g.role in (Role.BOARD_OFFICER, Role.UNIT_OFFICER)),
            key=lambda g: -len(g.path),
        )

    def load(self, rows: list[tuple[int, dict]]) -> None:
        """Fetch the units and people the rows of a chunk name."""
        names = {_text(values.get("unit")) for _, values in rows} - {""}
        missing = names - self.queried
        if missing:
            self.queried |= missing
            units = Unit.objects.filter(self.in_scope).filter(
                Q(short_name__in=missing) | Q(name__in=missing)
            )
            for unit in units:
                for name in {unit.short_name, unit.name}:
                    self.units[name.casefold()][unit.pk] = unit
        unit_ids = {pk for name in names for pk in self.units.get(name.casefold(), {})}
        folds = {vn.fold(_text(values.get("name"))) for _, values in rows} - {""}
        self.people = defaultdict(list)
        if not unit_ids or not folds:
            return
        people = Person.objects.filter(unit_id__in=unit_ids).filter(
            Q(search_text__in=folds) | Q(search_text="")  # bulk-loaded people may lack it
        )
        for person in people.select_related("unit"):
            key = (person.unit_id, person.full_name.casefold(), person.birth_date)
            self.people[key].append(person)

    def unit(self, value) -> Unit:
        letter = excel.column_letter(excel.RATINGS_SHEET, "unit")[0]
        name = _required(value, letter)
        found = self.units.get(name.casefold(), {})
        if not found:
            raise _RowError(
                letter, _("No unit named “%(name)s” among the units you work for.") % {"name": name}
            )
        if len(found) > 1:
            raise _RowError(
                letter,
                _("Several units are named “%(name)s”: write the full name.") % {"name": name},
            )
        return next(iter(found.values()))

    def subject(self, values: dict) -> Person | Unit:
        unit = self.unit(values.get("unit"))
        name = _text(values.get("name"))
        birth_letter = excel.column_letter(excel.RATINGS_SHEET, "birth_date")[0]
        birth = _date(values.get("birth_date"), birth_letter, required=False)
        if not name:
            if birth is not None:
                raise _RowError(
                    excel.column_letter(excel.RATINGS_SHEET, "name")[0],
                    _("A date of birth without a name: write the person's full name."),
                )
            subject: Person | Unit = unit
        else:
            found = self.people.get((unit.pk, name.casefold(), birth), [])
            letter = excel.column_letter(excel.RATINGS_SHEET, "name")[0]
            if not found:
                born = vn.format_short_date(birth) if birth else _("no date of birth")
                raise _RowError(
                    letter,
                    _(
                        "No person “%(name)s” (%(born)s) in %(unit)s. Add the person to the unit "
                        "first: an import never creates people."
                    )
                    % {"name": name, "born": born, "unit": unit.name},
                )
            if len(found) > 1:
                raise _RowError(
                    letter,
                    _("Several people “%(name)s” with this date of birth in %(unit)s.")
                    % {"name": name, "unit": unit.name},
                )
            subject = found[0]
        if not can_record(self.user, subject, RATING):
            raise _RowError(
                excel.column_letter(excel.RATINGS_SHEET, "unit")[0],
                _("You may not record the history of %(name)s.") % {"name": s.name_of(subject)},
            )
        return subject

    def recorded_in(self, subject: Person | Unit) -> int:
        """The deepest unit where the user works that contains the subject."""
        path = s.home_unit(subject).path
        return next(g.unit_id for g in self.grants if path.startswith(g.path))


def _ids(subject) -> tuple[int | None, int | None]:
    """(person_id, unit_id) of a recipient or rated subject."""
    return (subject.pk, None) if isinstance(subject, Person) else (None, subject.pk)


def _compact(person_id: int | None, unit_id: int | None, *small: int) -> int:
    """One integer for (subject, numbers < 2**32): an int takes far less memory than a tuple,
    and the import keeps one per row to find rows repeated anywhere in the file."""
    key = (person_id << 1) if person_id is not None else (unit_id << 1 | 1)
    for part in small:
        key = key << 32 | part
    return key


def _existing_ratings(ratings: list[tuple]) -> dict[tuple, str]:
    """Ratings already recorded for the subjects and years of a chunk: (person, unit, year)."""
    people = {r[1].pk for r in ratings if isinstance(r[1], Person)}
    units = {r[1].pk for r in ratings if isinstance(r[1], Unit)}
    years = {r[2] for r in ratings}
    rows = YearlyRating.objects.filter(
        Q(person_id__in=people) | Q(unit_id__in=units), year__in=years
    ).values_list("person_id", "unit_id", "year", "rating")
    return {(person, unit, year): rating for person, unit, year, rating in rows}


def _award_types() -> dict[str, AwardType]:
    words = {}
    for award_type in AwardType.objects.all():
        for word in (award_type.code, award_type.name, award_type.name_hanoi):
            if word:
                words[vn.clean_text(word).casefold()] = award_type
    return words


class _Pass:
    """One streamed pass over a workbook: validation, and the writer's calls when given."""

    def __init__(self, user, write: Callable | None):
        self.plan = Plan()
        self.write = write
        self.matcher = _Matcher(user)
        self.types: dict[str, AwardType] | None = None
        self.rated: dict[int, int] = {}  # compact (person, unit, year) → first row
        self.awarded: dict[int, int] = {}  # compact (decision, person, unit, type) → first row

    def fail(self, sheet: str, row: int, error: _RowError) -> None:
        headers = {excel.column_letter(sheet, c.key)[0]: c.header for c in excel.COLUMNS[sheet]}
        self.plan.add_error(
            _("Sheet “%(sheet)s”, row %(row)s, column %(column)s (%(header)s): %(message)s")
            % {
                "sheet": sheet,
                "row": row,
                "column": error.column,
                "header": headers[error.column],
                "message": error.message,
            }
        )

    def run(self, fileobj) -> Plan:
        try:
            with excel.open_workbook(fileobj) as book:
                for chunk in book.chunks():
                    self.plan.add_conversions(chunk.conversions)
                    self.matcher.load(chunk.rows)
                    if chunk.sheet == excel.RATINGS_SHEET:
                        self.ratings(chunk.rows)
                    else:
                        self.awards(chunk.rows)
        except ValidationError as error:
            for message in error.messages:
                self.plan.add_error(message)
        return self.plan

    # --- Yearly ratings ---------------------------------------------------------------------

    def ratings(self, rows: list[tuple[int, dict]]) -> None:
        sheet = excel.RATINGS_SHEET
        letter = {c.key: excel.column_letter(sheet, c.key)[0] for c in excel.COLUMNS[sheet]}
        valid = []
        for row, values in rows:
            try:
                subject = self.matcher.subject(values)
                year = _year(values.get("year"), letter["year"])
                word = _required(values.get("rating"), letter["rating"])
                rating = RATING_WORDS.get(vn.fold(word))
                if rating is None:
                    raise _RowError(
                        letter["rating"],
                        _("Unknown rating “%(value)s”: use HTXSNV, HTTNV, HTNV or KHTNV.")
                        % {"value": word},
                    )
            except _RowError as error:
                self.fail(sheet, row, error)
                continue
            valid.append((row, subject, year, rating))
        if not valid:
            return
        # Against the registry and within the file: one rating per subject and year.
        existing = _existing_ratings(valid)
        new = []
        for row, subject, year, rating in valid:
            person_id, unit_id = _ids(subject)
            key = _compact(person_id, unit_id, year - MIN_YEAR)
            if key in self.rated:
                self.fail(
                    sheet,
                    row,
                    _RowError(
                        letter["rating"],
                        _("%(name)s is already rated for %(year)s on row %(row)s.")
                        % {"name": s.name_of(subject), "year": year, "row": self.rated[key]},
                    ),
                )
                continue
            self.rated[key] = row
            current = existing.get((person_id, unit_id, year))
            if current is not None:
                if current == rating:
                    self.plan.unchanged += 1
                    continue
                self.fail(
                    sheet,
                    row,
                    _RowError(
                        letter["rating"],
                        _(
                            "%(name)s already has the rating “%(current)s” for %(year)s; change "
                            "it on the history page if it is wrong."
                        )
                        % {
                            "name": s.name_of(subject),
                            "current": Rating(current).label,
                            "year": year,
                        },
                    ),
                )
                continue
            planned = PlannedRating(row, subject, year, rating)
            new.append(planned)
            if len(self.plan.ratings) < PREVIEW_ROWS:
                self.plan.ratings.append(planned)
        self.plan.rating_count += len(new)
        if self.write and self.plan.ok and new:
            self.write(ratings=new, awards=[], plan=self.plan)

    # --- Awards by decisions ----------------------------------------------------------------

    def awards(self, rows: list[tuple[int, dict]]) -> None:
        sheet = excel.AWARDS_SHEET
        letter = {c.key: excel.column_letter(sheet, c.key)[0] for c in excel.COLUMNS[sheet]}
        if self.types is None:
            self.types = _award_types()
        valid = []
        for row, values in rows:
            try:
                award = self.award(row, values, letter)
            except _RowError as error:
                self.fail(sheet, row, error)
                continue
            valid.append(award)
        if not valid:
            return
        self.find_decisions({a.decision for a in valid})
        # Recipients already in the decisions that were recorded before this import.
        known = set()
        existing = {self.plan.decisions[a.decision].existing for a in valid} - {None}
        if existing:
            people = {a.subject.pk for a in valid if isinstance(a.subject, Person)}
            units = {a.subject.pk for a in valid if isinstance(a.subject, Unit)}
            found = DecisionRecipient.objects.filter(
                Q(person_id__in=people) | Q(unit_id__in=units),
                decision_id__in={d.pk for d in existing},
            ).values_list("decision_id", "person_id", "unit_id", "award_type_id")
            known = set(found)
        new = []
        for award in valid:
            person_id, unit_id = _ids(award.subject)
            planned = self.plan.decisions[award.decision]
            key = _compact(person_id, unit_id, award.award_type.pk, planned.index)
            if key in self.awarded:
                self.fail(
                    sheet,
                    award.row,
                    _RowError(
                        letter["award"],
                        _("Same award as on row %(row)s.") % {"row": self.awarded[key]},
                    ),
                )
                continue
            self.awarded[key] = award.row
            if (
                planned.existing
                and (planned.existing.pk, person_id, unit_id, award.award_type.pk) in known
            ):
                self.plan.unchanged += 1
                continue
            planned.new_awards += 1
            new.append(award)
            if len(self.plan.awards) < PREVIEW_ROWS:
                self.plan.awards.append(award)
        self.plan.award_count += len(new)
        if self.write and self.plan.ok and new:
            self.write(ratings=[], awards=new, plan=self.plan)

    def award(self, row: int, values: dict, letter: dict[str, str]) -> PlannedAward:
        subject = self.matcher.subject(values)
        year = _year(values.get("year"), letter["year"])
        word = _required(values.get("award"), letter["award"])
        award_type = self.types.get(word.casefold())
        if award_type is None:
            raise _RowError(
                letter["award"],
                _("“%(value)s” is not a title or form of the catalogue.") % {"value": word},
            )
        if not award_type.applies_to(s.kind_of(subject)):
            message = (
                _("%(award)s is not awarded to individuals.")
                if isinstance(subject, Person)
                else _("%(award)s is not awarded to collectives.")
            )
            raise _RowError(letter["award"], message % {"award": award_type.display_name})
        try:
            number = clean_number(_required(values.get("number"), letter["number"]))
        except ValidationError as error:
            raise _RowError(letter["number"], error.messages[0]) from error
        signed_on = _date(values.get("signed_on"), letter["signed_on"], required=True)
        if signed_on > timezone.localdate():
            raise _RowError(letter["signed_on"], _("The date cannot be in the future."))
        if year > signed_on.year:
            raise _RowError(letter["year"], _("The evaluation year is after the decision's date."))
        issuer = _required(values.get("issuer"), letter["issuer"])
        basis = BASIS_WORDS.get(vn.fold(_text(values.get("basis"))))
        if basis is None:
            raise _RowError(
                letter["basis"],
                _("Write Thường xuyên, Đột xuất or Chuyên đề (found “%(value)s”).")
                % {"value": _text(values.get("basis"))},
            )
        key = DecisionKey(self.matcher.recorded_in(subject), issuer[:255], number, signed_on)
        decisions = self.plan.decisions
        planned = decisions.get(key)
        if planned is None:
            planned = decisions[key] = PlannedDecision(key, len(decisions))
        planned.signer_name = planned.signer_name or _text(values.get("signer_name"))[:150]
        planned.signer_position = (
            planned.signer_position or _text(values.get("signer_position"))[:200]
        )
        return PlannedAward(row, subject, award_type, year, basis, key)

    def find_decisions(self, keys: set[DecisionKey]) -> None:
        """Mark the decisions of a chunk that were recorded before the import (looked up once)."""
        keys = {k for k in keys if not self.plan.decisions[k].looked_up}
        if not keys:
            return
        found = Decision.objects.filter(
            recorded_in_id__in={k.recorded_in_id for k in keys},
            number__in={k.number for k in keys},
        )
        for decision in found:
            key = DecisionKey(
                decision.recorded_in_id, decision.issuer_name, decision.number, decision.signed_on
            )
            if key in keys:
                self.plan.decisions[key].existing = decision
        for key in keys:
            self.plan.decisions[key].looked_up = True


def build_plan(fileobj, user, *, write: Callable | None = None) -> Plan:
    """Validate the workbook a chunk at a time (see the module's docstring).

    ``write(ratings=[PlannedRating], awards=[PlannedAward], plan=Plan)`` is called with each
    chunk's new rows as long as no error has been found; the caller must roll back when the
    returned plan has errors.
    """
    return _Pass(user, write).run(fileobj)
