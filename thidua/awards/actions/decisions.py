"""Decisions and their recipients: atomic, validated, audited; edits are version-checked."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit, vn
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import history_unit_ids

from .. import subjects as s
from ..models import AwardBasis, AwardType, Decision, DecisionRecipient, Initiative
from ..queries.catalog import regime_on
from ._common import check_version, choice, long_text, past_date, text

DECISION_FIELDS = (
    "recorded_in",
    "number",
    "signed_on",
    "issuer",
    "issuer_name",
    "signer_name",
    "signer_position",
    "regime",
    "note",
    "is_sample",
)
EDITABLE = (
    "number",
    "signed_on",
    "issuer",
    "issuer_name",
    "signer_name",
    "signer_position",
    "note",
)
RECIPIENT_FIELDS = ("decision", "person", "unit", "award_type", "year", "basis")
# "1234/QĐ-UBND", "75/QĐ-CTN", "07/2020/QĐ-UBND": a number, then "/" and the symbol.
NUMBER = re.compile(r"\d+[^\s/]*(/[^\s/]+)+")


def clean_number(value: str) -> str:
    number = re.sub(r"\s*/\s*", "/", vn.clean_text(value or ""))
    if not NUMBER.fullmatch(number):
        raise ValidationError(
            {"number": _("Write the decision number as on the paper, e.g. 1234/QĐ-UBND.")}
        )
    return number


def _clean(data: dict) -> dict:
    cleaned = dict(data)
    if "number" in data:
        cleaned["number"] = clean_number(data["number"])
    if "signed_on" in data:
        cleaned["signed_on"] = past_date(data["signed_on"], "signed_on")
    if "issuer_name" in data or "issuer" in data:
        name = text(data.get("issuer_name"), "issuer_name", max_length=255)
        issuer = data.get("issuer")
        if not name and issuer is not None:
            name = issuer.name
        if not name:
            raise ValidationError({"issuer_name": _("Name the issuing authority.")})
        cleaned["issuer_name"] = name
    for field in ("signer_name", "signer_position"):
        if field in data:
            cleaned[field] = text(data[field], field, max_length=200)
    if "note" in data:
        cleaned["note"] = long_text(data["note"])
    return cleaned


def _check_unique(*, recorded_in, issuer_name, number, signed_on, exclude=None) -> None:
    found = Decision.objects.filter(
        recorded_in=recorded_in, issuer_name=issuer_name, number=number, signed_on=signed_on
    )
    if exclude is not None:
        found = found.exclude(pk=exclude)
    if found.exists():
        raise ValidationError(
            {
                "number": _("Decision %(number)s of %(date)s is already recorded.")
                % {"number": number, "date": vn.format_short_date(signed_on)}
            }
        )


@transaction.atomic
def create_decision(
    *,
    recorded_in: Unit,
    number: str,
    signed_on: datetime.date,
    issuer_name: str = "",
    issuer: Unit | None = None,
    signer_name: str = "",
    signer_position: str = "",
    note: str = "",
    is_sample: bool = False,
    by,
) -> Decision:
    data = _clean(
        {
            "number": number,
            "signed_on": signed_on,
            "issuer": issuer,
            "issuer_name": issuer_name,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "note": note,
        }
    )
    _check_unique(
        recorded_in=recorded_in,
        **{k: data[k] for k in ("issuer_name", "number")},
        signed_on=data["signed_on"],
    )
    decision = Decision.objects.create(
        recorded_in=recorded_in,
        regime=regime_on(data["signed_on"]),
        is_sample=is_sample,
        **data,
    )
    audit.record(
        actor=by,
        action="awards.decision.created",
        obj=decision,
        after=audit.snapshot(decision, DECISION_FIELDS),
        unit=recorded_in,
    )
    return decision


@transaction.atomic
def update_decision(*, decision: Decision, version: int, by, **changes) -> Decision:
    """Change the fields in ``EDITABLE``; ``version`` is the one the editor saw."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    check_version(locked, version)
    before = audit.snapshot(locked, DECISION_FIELDS)
    if "issuer" in changes and "issuer_name" not in changes:
        changes["issuer_name"] = locked.issuer_name
    data = _clean(changes)
    merged = {f: data.get(f, getattr(locked, f)) for f in ("issuer_name", "number", "signed_on")}
    _check_unique(recorded_in=locked.recorded_in, exclude=locked.pk, **merged)
    if "signed_on" in data:
        later = locked.recipients.filter(year__gt=data["signed_on"].year)
        if later.exists():
            raise ValidationError(
                {"signed_on": _("Some recipients are awarded for a year after this date.")}
            )
        data["regime"] = regime_on(data["signed_on"])
    for field, value in data.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*data, "version"])
    audit.record(
        actor=by,
        action="awards.decision.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, DECISION_FIELDS),
        unit=locked.recorded_in,
    )
    return locked


def _check_initiatives(subject, initiatives: list[Initiative], year: int) -> None:
    if isinstance(subject, Person):
        own = {i.pk for i in initiatives if i.person_id == subject.pk}
    else:
        lineage = set(history_unit_ids(subject))
        own = {i.pk for i in initiatives if i.unit_id in lineage}
    for initiative in initiatives:
        if initiative.pk not in own:
            raise ValidationError(
                {
                    "based_on": _("“%(title)s” is not an initiative of this recipient.")
                    % {"title": initiative.title}
                }
            )
        if initiative.recognised_year > year:
            raise ValidationError(
                {
                    "based_on": _("“%(title)s” was recognised after the evaluation year.")
                    % {"title": initiative.title}
                }
            )
    used = (
        DecisionRecipient.based_on.through.objects.filter(initiative__in=initiatives)
        .select_related("initiative", "decisionrecipient__decision")
        .first()
    )
    if used is not None:
        raise ValidationError(
            {
                "based_on": _(
                    "“%(title)s” was already used for decision %(number)s: an initiative is "
                    "used once (Law art. 5.2.c)."
                )
                % {"title": used.initiative.title, "number": used.decisionrecipient.decision.number}
            }
        )


@transaction.atomic
def add_recipient(
    *,
    decision: Decision,
    subject: Person | Unit,
    award_type: AwardType,
    year: int,
    basis: str = AwardBasis.MERIT,
    based_on: Iterable[Initiative] = (),
    by,
) -> DecisionRecipient:
    locked = Decision.objects.select_for_update().select_related("recorded_in").get(pk=decision.pk)
    kind = s.kind_of(subject)
    choice(basis, AwardBasis, "basis")
    if not award_type.applies_to(kind):
        message = (
            _("%(award)s is not awarded to individuals.")
            if kind == s.INDIVIDUAL
            else _("%(award)s is not awarded to collectives.")
        )
        raise ValidationError({"award_type": message % {"award": award_type.display_name}})
    if not isinstance(year, int) or not 1945 <= year <= locked.signed_on.year:
        raise ValidationError(
            {
                "year": _(
                    "The evaluation year must be between 1945 and the decision's year (%(y)s)."
                )
                % {"y": locked.signed_on.year}
            }
        )
    if not s.home_unit(subject).path.startswith(locked.recorded_in.path):
        raise ValidationError(
            _("%(name)s is outside %(unit)s, where this decision is recorded.")
            % {"name": s.name_of(subject), "unit": locked.recorded_in.name}
        )
    if DecisionRecipient.objects.filter(
        s.q_of(subject), decision=locked, award_type=award_type
    ).exists():
        raise ValidationError(
            _("%(name)s already receives %(award)s in this decision.")
            % {"name": s.name_of(subject), "award": award_type.display_name}
        )
    initiatives = list(based_on)
    _check_initiatives(subject, initiatives, year)
    recipient = DecisionRecipient.objects.create(
        decision=locked, award_type=award_type, year=year, basis=basis, **s.fields_of(subject)
    )
    recipient.based_on.set(initiatives)
    audit.record(
        actor=by,
        action="awards.recipient.added",
        obj=recipient,
        after={
            **audit.snapshot(recipient, RECIPIENT_FIELDS),
            "based_on": [i.pk for i in initiatives],
        },
        unit=s.home_unit(subject),
    )
    return recipient


@transaction.atomic
def remove_recipient(*, recipient: DecisionRecipient, by) -> None:
    locked = DecisionRecipient.objects.select_for_update().get(pk=recipient.pk)
    before = {
        **audit.snapshot(locked, RECIPIENT_FIELDS),
        "based_on": list(locked.based_on.values_list("pk", flat=True)),
    }
    subject = locked.subject
    audit.record(
        actor=by,
        action="awards.recipient.removed",
        obj=locked,
        before=before,
        unit=s.home_unit(subject),
    )
    locked.based_on.clear()
    locked.delete()
