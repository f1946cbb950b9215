"""Check an uploaded history workbook against the registry without writing anything.

``build_plan(fileobj, user)`` reads the workbook (``excel.py``), converts legacy text, matches
every row to a unit or person the user may record for, and returns what would be written and
every problem, each naming its sheet, row and column in Vietnamese. The preview page shows the
plan; the commit action builds it again inside its transaction and writes it only when it has no
error (all or nothing).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
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
    signer_name: str = ""
    signer_position: str = ""
    existing: Decision | None = None


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
    errors: list[str] = field(default_factory=list)
    conversions: list[excel.CellConversion] = field(default_factory=list)
    ratings: list[PlannedRating] = field(default_factory=list)
    awards: list[PlannedAward] = field(default_factory=list)
    decisions: dict[DecisionKey, PlannedDecision] = field(default_factory=dict)
    unchanged: int = 0  # rows already in the registry exactly as in the file

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_decisions(self) -> list[PlannedDecision]:
        return [d for d in self.decisions.values() if d.existing is None]


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
    """Units by name and people by (unit, full name, date of birth), within the user's scope."""

    def __init__(self, user, sheets: dict[str, excel.SheetData]):
        self.user = user
        scope = scope_of(user)
        names = {
            _text(values.get("unit"))
            for sheet in sheets.values()
            for _, values in sheet.rows
            if _text(values.get("unit"))
        }
        units = Unit.objects.filter(
            scope.subtree_q("path", Role.BOARD_OFFICER, Role.UNIT_OFFICER)
        ).filter(Q(short_name__in=names) | Q(name__in=names))
        self.units: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            for name in {unit.short_name, unit.name}:
                self.units[name.casefold()].append(unit)
        unit_ids = {u.pk for found in self.units.values() for u in found}
        self.people: dict[tuple, list[Person]] = defaultdict(list)
        for person in Person.objects.filter(unit_id__in=unit_ids).select_related("unit"):
            key = (person.unit_id, person.full_name.casefold(), person.birth_date)
            self.people[key].append(person)
        self.grants = sorted(
            (g for g in scope.grants if g.role in (Role.BOARD_OFFICER, Role.UNIT_OFFICER)),
            key=lambda g: -len(g.path),
        )

    def unit(self, value) -> Unit:
        letter = excel.column_letter(excel.RATINGS_SHEET, "unit")[0]
        name = _required(value, letter)
        found = {u.pk: u for u in self.units.get(name.casefold(), [])}
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


def _subject_key(subject) -> tuple[str, int]:
    return (s.kind_of(subject), subject.pk)


def _existing_ratings(subjects: list) -> dict[tuple, str]:
    people = [x.pk for x in subjects if isinstance(x, Person)]
    units = [x.pk for x in subjects if isinstance(x, Unit)]
    rows = YearlyRating.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units))
    return {
        (
            (s.INDIVIDUAL, r["person_id"]) if r["person_id"] else (s.COLLECTIVE, r["unit_id"]),
            r["year"],
        ): r["rating"]
        for r in rows.values("person_id", "unit_id", "year", "rating")
    }


def _award_types() -> dict[str, AwardType]:
    words = {}
    for award_type in AwardType.objects.all():
        for word in (award_type.code, award_type.name, award_type.name_hanoi):
            if word:
                words[vn.clean_text(word).casefold()] = award_type
    return words


def build_plan(fileobj, user) -> Plan:
    plan = Plan()
    try:
        sheets = excel.read_workbook(fileobj)
    except ValidationError as error:
        plan.errors.extend(error.messages)
        return plan
    for sheet in sheets.values():
        plan.conversions.extend(sheet.conversions)
    matcher = _Matcher(user, sheets)

    def fail(sheet: str, row: int, error: _RowError) -> None:
        headers = {excel.column_letter(sheet, c.key)[0]: c.header for c in excel.COLUMNS[sheet]}
        header = headers[error.column]
        plan.errors.append(
            _("Sheet “%(sheet)s”, row %(row)s, column %(column)s (%(header)s): %(message)s")
            % {
                "sheet": sheet,
                "row": row,
                "column": error.column,
                "header": header,
                "message": error.message,
            }
        )

    subjects: list = []
    rating_rows: list[tuple[int, object, int, str]] = []
    if excel.RATINGS_SHEET in sheets:
        sheet = excel.RATINGS_SHEET
        letter = {c.key: excel.column_letter(sheet, c.key)[0] for c in excel.COLUMNS[sheet]}
        for row, values in sheets[sheet].rows:
            try:
                subject = matcher.subject(values)
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
                fail(sheet, row, error)
                continue
            subjects.append(subject)
            rating_rows.append((row, subject, year, rating))

    award_rows = []
    if excel.AWARDS_SHEET in sheets:
        sheet = excel.AWARDS_SHEET
        letter = {c.key: excel.column_letter(sheet, c.key)[0] for c in excel.COLUMNS[sheet]}
        types = _award_types()
        for row, values in sheets[sheet].rows:
            try:
                subject = matcher.subject(values)
                year = _year(values.get("year"), letter["year"])
                word = _required(values.get("award"), letter["award"])
                award_type = types.get(word.casefold())
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
                    raise _RowError(
                        letter["year"],
                        _("The evaluation year is after the decision's date."),
                    )
                issuer = _required(values.get("issuer"), letter["issuer"])
                basis_word = vn.fold(_text(values.get("basis")))
                basis = BASIS_WORDS.get(basis_word)
                if basis is None:
                    raise _RowError(
                        letter["basis"],
                        _("Write Thường xuyên, Đột xuất or Chuyên đề (found “%(value)s”).")
                        % {"value": _text(values.get("basis"))},
                    )
            except _RowError as error:
                fail(sheet, row, error)
                continue
            key = DecisionKey(matcher.recorded_in(subject), issuer[:255], number, signed_on)
            planned = plan.decisions.setdefault(key, PlannedDecision(key))
            planned.signer_name = planned.signer_name or _text(values.get("signer_name"))[:150]
            planned.signer_position = (
                planned.signer_position or _text(values.get("signer_position"))[:200]
            )
            award_rows.append(PlannedAward(row, subject, award_type, year, basis, key))

    # Against the registry and within the file: one rating per subject and year.
    existing = _existing_ratings(subjects)
    first_row: dict[tuple, tuple[int, str]] = {}
    for row, subject, year, rating in rating_rows:
        key = (_subject_key(subject), year)
        letter = excel.column_letter(excel.RATINGS_SHEET, "rating")[0]
        if key in first_row:
            earlier, _rating = first_row[key]
            fail(
                excel.RATINGS_SHEET,
                row,
                _RowError(
                    letter,
                    _("%(name)s is already rated for %(year)s on row %(row)s.")
                    % {"name": s.name_of(subject), "year": year, "row": earlier},
                ),
            )
            continue
        first_row[key] = (row, rating)
        if key in existing:
            if existing[key] == rating:
                plan.unchanged += 1
                continue
            fail(
                excel.RATINGS_SHEET,
                row,
                _RowError(
                    letter,
                    _(
                        "%(name)s already has the rating “%(current)s” for %(year)s; change it "
                        "on the history page if it is wrong."
                    )
                    % {
                        "name": s.name_of(subject),
                        "current": Rating(existing[key]).label,
                        "year": year,
                    },
                ),
            )
            continue
        plan.ratings.append(PlannedRating(row, subject, year, rating))

    # Decisions already recorded, and recipients already in them.
    if plan.decisions:
        found = Decision.objects.filter(
            recorded_in_id__in={k.recorded_in_id for k in plan.decisions},
            number__in={k.number for k in plan.decisions},
        )
        for decision in found:
            key = DecisionKey(
                decision.recorded_in_id, decision.issuer_name, decision.number, decision.signed_on
            )
            if key in plan.decisions:
                plan.decisions[key].existing = decision
    known = set()
    existing_ids = [d.existing.pk for d in plan.decisions.values() if d.existing]
    if existing_ids:
        for r in DecisionRecipient.objects.filter(decision_id__in=existing_ids).values(
            "decision_id", "person_id", "unit_id", "award_type_id"
        ):
            known.add((r["decision_id"], r["person_id"], r["unit_id"], r["award_type_id"]))
    seen: dict[tuple, int] = {}
    for award in award_rows:
        fields = s.fields_of(award.subject)
        person_id = fields["person"].pk if fields["person"] else None
        unit_id = fields["unit"].pk if fields["unit"] else None
        key = (award.decision, person_id, unit_id, award.award_type.pk)
        letter = excel.column_letter(excel.AWARDS_SHEET, "award")[0]
        if key in seen:
            fail(
                excel.AWARDS_SHEET,
                award.row,
                _RowError(letter, _("Same award as on row %(row)s.") % {"row": seen[key]}),
            )
            continue
        seen[key] = award.row
        existing_decision = plan.decisions[award.decision].existing
        if (
            existing_decision
            and (
                existing_decision.pk,
                person_id,
                unit_id,
                award.award_type.pk,
            )
            in known
        ):
            plan.unchanged += 1
            continue
        plan.awards.append(award)
    used = {a.decision for a in plan.awards}  # decisions with nothing new are left alone
    plan.decisions = {k: d for k, d in plan.decisions.items() if k in used}
    return plan
