"""The pledge's life: create (or copy last year's), edit the settings, amend, discard a draft."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.clusters.models import Cluster
from thidua.core import audit

from .. import validation
from ..models import Pledge, PledgeVersion, VersionStatus
from ._base import check_caps, check_version, leader_of, lock_version, raise_if
from ._copy import copy_content

SETTINGS_FIELDS = (
    "title",
    "theme",
    "commitments",
    "scale",
    "bonus_cap",
    "penalty_cap",
    "reason",
)


def _clean_settings(raw: dict, *, amendment: bool) -> dict:
    errors: dict = {}
    data = {
        "title": validation.text(raw.get("title")),
        "theme": validation.long_text(raw.get("theme")),
        "commitments": validation.long_text(raw.get("commitments")),
        "reason": validation.long_text(raw.get("reason")),
    }
    if not data["title"]:
        errors["title"] = _("This field cannot be empty.")
    elif len(data["title"]) > 255:
        errors["title"] = _("The title is at most 255 characters long.")
    try:
        scale = validation.parse_number(raw.get("scale"))
    except (ValueError, InvalidOperation):
        scale = None
    if scale is None or scale != scale.to_integral() or not 1 <= scale <= 100000:
        errors["scale"] = _("The scale is a whole number of points, e.g. 100 or 1000.")
    else:
        data["scale"] = int(scale)
    for cap in ("bonus_cap", "penalty_cap"):
        value, cap_errors = validation.score(raw.get(cap), cap, required=False)
        errors.update(cap_errors)
        data[cap] = Decimal(0) if value is None else value
    if amendment and not data["reason"]:
        errors["reason"] = _("Say why the pledge is amended.")
    raise_if(errors)
    return data


def _create(cluster: Cluster, data: dict, *, by, based_on=None, is_sample=False) -> PledgeVersion:
    if Pledge.objects.filter(cluster=cluster).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("This cluster already has a pledge.")})
    try:
        with transaction.atomic():
            pledge = Pledge.objects.create(cluster=cluster, created_by=by)
    except IntegrityError as exc:  # another editor created it a moment ago
        raise ValidationError({NON_FIELD_ERRORS: _("This cluster already has a pledge.")}) from exc
    return PledgeVersion.objects.create(
        pledge=pledge, number=1, created_by=by, based_on=based_on, is_sample=is_sample, **data
    )


@transaction.atomic
def create_pledge(
    *,
    cluster: Cluster,
    title: str,
    scale=100,
    theme: str | None = None,
    commitments: str = "",
    bonus_cap=0,
    penalty_cap=0,
    by,
    is_sample: bool = False,
) -> Pledge:
    """An empty draft pledge (version 1) for the cluster; the theme defaults to the year's."""
    data = _clean_settings(
        {
            "title": title,
            "theme": cluster.emulation_year.theme if theme is None else theme,
            "commitments": commitments,
            "scale": scale,
            "bonus_cap": bonus_cap,
            "penalty_cap": penalty_cap,
        },
        amendment=False,
    )
    version = _create(cluster, data, by=by, is_sample=is_sample)
    audit.record(
        actor=by,
        action="pledges.pledge.created",
        obj=version.pledge,
        after={"cluster": cluster.pk, **audit.snapshot(version, SETTINGS_FIELDS)},
        unit=cluster.leader,
    )
    return version.pledge


@transaction.atomic
def copy_pledge(*, cluster: Cluster, source: PledgeVersion, by, title: str = "") -> Pledge:
    """Start the cluster's pledge from an earlier one (last year's): same content and settings,
    this year's theme and title; the copy is a draft to edit before signing."""
    source = PledgeVersion.objects.select_related("pledge__cluster__emulation_year").get(
        pk=source.pk
    )
    if source.pledge.cluster_id == cluster.pk:
        raise ValidationError({"source": _("Choose a pledge of another cluster or year.")})
    old_year = str(source.pledge.cluster.emulation_year.year)
    new_year = str(cluster.emulation_year.year)
    data = _clean_settings(
        {
            "title": title or source.title.replace(old_year, new_year),
            "theme": cluster.emulation_year.theme or source.theme,
            "commitments": source.commitments.replace(old_year, new_year),
            "scale": source.scale,
            "bonus_cap": source.bonus_cap,
            "penalty_cap": source.penalty_cap,
        },
        amendment=False,
    )
    version = _create(cluster, data, by=by, based_on=source, is_sample=source.is_sample)
    counts = copy_content(source, version)
    audit.record(
        actor=by,
        action="pledges.pledge.copied",
        obj=version.pledge,
        after={
            "cluster": cluster.pk,
            "source_version": source.pk,
            **counts,
            **audit.snapshot(version, SETTINGS_FIELDS),
        },
        unit=cluster.leader,
    )
    return version.pledge


@transaction.atomic
def update_settings(
    *,
    pledge_version: PledgeVersion,
    version: int,
    title: str,
    scale,
    theme: str = "",
    commitments: str = "",
    bonus_cap=0,
    penalty_cap=0,
    reason: str = "",
    by,
) -> PledgeVersion:
    """Title, theme, commitments, scale, pledge-wide caps (and the reason of an amendment)."""
    locked = lock_version(pledge_version)
    check_version(locked, version)
    data = _clean_settings(
        {
            "title": title,
            "theme": theme,
            "commitments": commitments,
            "scale": scale,
            "bonus_cap": bonus_cap,
            "penalty_cap": penalty_cap,
            "reason": reason,
        },
        amendment=locked.is_amendment,
    )
    if locked.grades.filter(min_score__gt=data["scale"]).exists():
        raise ValidationError({"scale": _("A grade's threshold is above this scale.")})
    before = audit.snapshot(locked, SETTINGS_FIELDS)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save(update_fields=[*data, "version"])
    check_caps(locked, bonus_field="bonus_cap", penalty_field="penalty_cap")
    audit.record(
        actor=by,
        action="pledges.version.updated",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, SETTINGS_FIELDS),
        unit=leader_of(locked),
    )
    return locked


@transaction.atomic
def amend_pledge(*, pledge: Pledge, reason: str, by) -> PledgeVersion:
    """Draft an amendment: a new version copying the locked one, to be signed again by all."""
    locked_pledge = Pledge.objects.select_for_update().select_related("cluster").get(pk=pledge.pk)
    latest = locked_pledge.versions.order_by("-number").first()
    if latest.status != VersionStatus.LOCKED:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The current version is not locked yet: change it directly, or wait until "
                    "every member has signed."
                )
            }
        )
    reason = validation.long_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the pledge is amended.")})
    amendment = PledgeVersion.objects.create(
        pledge=locked_pledge,
        number=latest.number + 1,
        title=latest.title,
        theme=latest.theme,
        commitments=latest.commitments,
        scale=latest.scale,
        bonus_cap=latest.bonus_cap,
        penalty_cap=latest.penalty_cap,
        reason=reason,
        based_on=latest,
        created_by=by,
    )
    counts = copy_content(latest, amendment)
    audit.record(
        actor=by,
        action="pledges.amendment.created",
        obj=amendment,
        after={"number": amendment.number, "based_on": latest.pk, "reason": reason, **counts},
        unit=locked_pledge.cluster.leader,
    )
    return amendment


@transaction.atomic
def discard_draft(*, pledge_version: PledgeVersion, by) -> None:
    """Drop a draft: an amendment is deleted; an unsigned original deletes the whole pledge."""
    locked = lock_version(pledge_version)
    if locked.number == 1:
        pledge = locked.pledge
        audit.record(
            actor=by,
            action="pledges.pledge.discarded",
            obj=pledge,
            before={"cluster": pledge.cluster_id, **audit.snapshot(locked, SETTINGS_FIELDS)},
            unit=leader_of(locked),
        )
        pledge.delete()
        return
    audit.record(
        actor=by,
        action="pledges.amendment.discarded",
        obj=locked,
        before={"number": locked.number, **audit.snapshot(locked, SETTINGS_FIELDS)},
        unit=leader_of(locked),
    )
    locked.delete()
