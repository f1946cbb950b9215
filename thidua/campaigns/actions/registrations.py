"""Writes to the cluster's registration rule and the members' registrations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster, ClusterMembership
from thidua.core import audit, vn
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Unit

from .. import queries
from ..catalog import AWARD_CODES
from ..models import ModelKind, RegisteredModel, RegisteredTitle, Registration, RegistrationRule
from ._common import long_text, optional_text, today_or

RULE_FIELDS = ("cluster", "min_models", "deadline", "note")


@transaction.atomic
def set_registration_rule(
    *,
    cluster: Cluster,
    min_models: int,
    deadline: datetime.date | None,
    note: str = "",
    version: int | None = None,
    is_sample: bool = False,
    sample_note: str = "",
    by,
) -> RegistrationRule:
    """Create the cluster's rule (version None) or change it (the version the editor saw)."""
    if not isinstance(min_models, int) or not 0 <= min_models <= 50:
        raise ValidationError({"min_models": _("Enter a number between 0 and 50.")})
    year = cluster.emulation_year.year
    if deadline is not None and not year - 1 <= deadline.year <= year:
        raise ValidationError(
            {
                "deadline": _("Choose a deadline in %(year)s (or late the year before).")
                % {"year": year}
            }
        )
    existing = RegistrationRule.objects.select_for_update().filter(cluster=cluster).first()
    if (existing is None) != (version is None) or (existing and existing.version != version):
        raise StaleEditError(current=existing)
    before = audit.snapshot(existing, RULE_FIELDS) if existing else None
    rule = existing or RegistrationRule(cluster=cluster)
    rule.min_models, rule.deadline, rule.note = min_models, deadline, long_text(note)
    if existing:
        rule.version += 1
        rule.save(update_fields=["min_models", "deadline", "note", "version"])
    else:
        rule.is_sample = is_sample
        rule.sample_note = optional_text(sample_note, "sample_note")
        try:
            with transaction.atomic():
                rule.save()
        except IntegrityError as exc:  # set concurrently by the other leader
            raise StaleEditError(current=None) from exc
    audit.record(
        actor=by,
        action="campaigns.registration_rule.updated"
        if existing
        else "campaigns.registration_rule.set",
        obj=rule,
        before=before,
        after=audit.snapshot(rule, RULE_FIELDS),
        unit=cluster.leader,
    )
    return rule


def _check_open(cluster: Cluster, today: datetime.date | None) -> None:
    rule = queries.rule_for(cluster)
    if rule.deadline is not None and today_or(today) > rule.deadline:
        raise ValidationError(
            _("The registration deadline (%(date)s) has passed; registrations are closed.")
            % {"date": vn.format_short_date(rule.deadline)}
        )


def _clean_entries(
    titles: Iterable[str], models: Iterable[tuple[str, str]]
) -> tuple[list[str], list[tuple[str, str]]]:
    codes = list(titles)
    unknown = [c for c in codes if c not in AWARD_CODES]
    if unknown:
        raise ValidationError(
            {"titles": _("Unknown title: %(code)s.") % {"code": ", ".join(unknown)}}
        )
    if len(codes) != len(set(codes)):
        raise ValidationError({"titles": _("A title is listed twice.")})
    entries = []
    for kind, name in models:
        if kind not in ModelKind.values:
            raise ValidationError({"models": _("Choose a valid kind.")})
        clean = vn.clean_text(name or "")
        if not clean:
            raise ValidationError(
                {"models": _("The name of a thematic emulation or new model cannot be empty.")}
            )
        if len(clean) > 255:
            raise ValidationError({"models": _("Enter at most %(n)s characters.") % {"n": 255}})
        entries.append((kind, clean))
    names = [vn.fold(name) for _kind, name in entries]
    if len(names) != len(set(names)):
        raise ValidationError({"models": _("A thematic emulation or new model is listed twice.")})
    if not codes and not entries:
        raise ValidationError(
            _("Register at least one title or one thematic emulation or new model.")
        )
    return codes, entries


def _save_entries(
    registration: Registration, codes: list[str], entries: list[tuple[str, str]], is_sample: bool
) -> None:
    registration.titles.all().delete()
    registration.new_models.all().delete()
    RegisteredTitle.objects.bulk_create(
        RegisteredTitle(registration=registration, code=code) for code in codes
    )
    RegisteredModel.objects.bulk_create(
        RegisteredModel(
            registration=registration, kind=kind, name=name, position=i, is_sample=is_sample
        )
        for i, (kind, name) in enumerate(entries, start=1)
    )


def _snapshot(registration: Registration, codes, entries) -> dict:
    return {
        **audit.snapshot(registration, ("cluster", "unit", "note")),
        "titles": list(codes),
        "models": [list(e) for e in entries],
    }


@transaction.atomic
def register_for_emulation(
    *,
    cluster: Cluster,
    unit: Unit,
    titles: Iterable[str],
    models: Iterable[tuple[str, str]],
    note: str = "",
    is_sample: bool = False,
    today: datetime.date | None = None,
    by,
) -> Registration:
    """A member registers the titles it aims for and its thematic emulations or new models."""
    if not ClusterMembership.objects.filter(cluster=cluster, unit=unit).exists():
        raise ValidationError({"unit": _("This unit is not a member of the cluster.")})
    _check_open(cluster, today)
    codes, entries = _clean_entries(titles, models)
    if Registration.objects.filter(cluster=cluster, unit=unit).exists():
        raise ValidationError(_("This unit has already registered; edit its registration."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                cluster=cluster,
                unit=unit,
                note=long_text(note),
                is_sample=is_sample,
                registered_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This unit has already registered; edit its registration.")
        ) from exc
    _save_entries(registration, codes, entries, is_sample)
    audit.record(
        actor=by,
        action="campaigns.registration.created",
        obj=registration,
        after=_snapshot(registration, codes, entries),
        unit=unit,
    )
    return registration


@transaction.atomic
def update_registration(
    *,
    registration: Registration,
    version: int,
    titles: Iterable[str],
    models: Iterable[tuple[str, str]],
    note: str = "",
    today: datetime.date | None = None,
    by,
) -> Registration:
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("cluster")
        .get(pk=registration.pk)
    )
    if locked.version != version:
        raise StaleEditError(current=locked)
    _check_open(locked.cluster, today)
    codes, entries = _clean_entries(titles, models)
    before = _snapshot(
        locked,
        locked.titles.values_list("code", flat=True),
        locked.new_models.values_list("kind", "name"),
    )
    locked.note = long_text(note)
    locked.version += 1
    locked.save(update_fields=["note", "version", "updated_at"])
    _save_entries(locked, codes, entries, locked.is_sample)
    audit.record(
        actor=by,
        action="campaigns.registration.updated",
        obj=locked,
        before=before,
        after=_snapshot(locked, codes, entries),
        unit=locked.unit,
    )
    return locked
