"""Open a version for signing, withdraw it, and sign it; the last member's signature locks it.

Locking is race-free: `sign_pledge` locks the version's row (SELECT … FOR UPDATE), inserts the
signature (unique per version and unit) and counts the signatures inside the lock, and the
state change is a conditional update (signing → locked) whose row count is checked. Two members
signing at the same moment are serialised on the row: exactly one of them sees the full count
and locks the version, and one "locked" audit row is written.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.models import ClusterMembership
from thidua.core import audit
from thidua.organizations.models import Unit

from .. import caps, queries
from ..models import PledgeVersion, Signature, VersionStatus
from ..validation import number_text
from ._base import leader_of, lock_version


def _members(pledge_version: PledgeVersion) -> set[int]:
    return set(
        ClusterMembership.objects.filter(cluster_id=pledge_version.pledge.cluster_id).values_list(
            "unit_id", flat=True
        )
    )


@transaction.atomic
def open_for_signing(*, pledge_version: PledgeVersion, by) -> PledgeVersion:
    """Freeze a complete draft and open it for the members' signatures."""
    locked = lock_version(pledge_version)
    errors: list[str] = []
    content = queries.version_content(locked)
    total = content["total"]["total"]
    if not content["criteria_count"]:
        errors.append(_("The pledge has no criteria yet."))
    elif total != locked.scale:
        errors.append(
            _("The total of maximum scores is %(total)s, not the scale of %(scale)s.")
            % {"total": number_text(total), "scale": locked.scale}
        )
    empty = [g.title for g in content["groups"] if not g.criteria.all()]
    if empty:
        errors.append(
            _("These content groups have no criteria: %(groups)s.") % {"groups": "; ".join(empty)}
        )
    if locked.is_amendment and not locked.reason:
        errors.append(_("Say why the pledge is amended."))
    for kind in ("bonus", "penalty"):
        errors.extend(caps.problems(queries.caps_of(locked, kind)))
    if not _members(locked):
        errors.append(_("The cluster has no members to sign."))
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    opened_at = timezone.now()
    changed = PledgeVersion.objects.filter(pk=locked.pk, status=VersionStatus.DRAFT).update(
        status=VersionStatus.SIGNING, opened_at=opened_at, version=F("version") + 1
    )
    if changed != 1:
        raise ValidationError({NON_FIELD_ERRORS: _("This version is no longer a draft.")})
    locked.refresh_from_db()
    audit.record(
        actor=by,
        action="pledges.version.opened",
        obj=locked,
        before={"status": VersionStatus.DRAFT},
        after={"status": locked.status, "total": total, "criteria": content["criteria_count"]},
        unit=leader_of(locked),
    )
    return locked


@transaction.atomic
def withdraw_from_signing(*, pledge_version: PledgeVersion, by) -> PledgeVersion:
    """Back to draft (to correct the text); the signatures given so far are cancelled."""
    locked = lock_version(pledge_version, status=None)
    signatures = [
        {"unit": s.unit_id, "signed_by": s.signed_by_id, "signed_on": s.signed_on}
        for s in locked.signatures.all()
    ]
    changed = PledgeVersion.objects.filter(pk=locked.pk, status=VersionStatus.SIGNING).update(
        status=VersionStatus.DRAFT, opened_at=None, version=F("version") + 1
    )
    if changed != 1:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Only a version open for signing can be withdrawn.")}
        )
    Signature.objects.filter(pledge_version=locked).delete()
    locked.refresh_from_db()
    audit.record(
        actor=by,
        action="pledges.version.withdrawn",
        obj=locked,
        before={"status": VersionStatus.SIGNING, "signatures": signatures},
        after={"status": locked.status},
        unit=leader_of(locked),
    )
    return locked


@transaction.atomic
def sign_pledge(
    *, pledge_version: PledgeVersion, unit: Unit, by, signed_on: datetime.date | None = None
) -> Signature:
    """`by`, an officer of the member `unit`, signs `pledge_version` for it (on `signed_on`, the
    day of the signing ceremony, default today). The last member's signature locks the version:
    it comes into force from the day of the last signature."""
    locked = lock_version(pledge_version, status=None)
    if by is None or not scope_of(by).holds_in(unit, Role.UNIT_OFFICER):
        raise PermissionDenied(_("Only an officer of %(unit)s signs for it.") % {"unit": unit})
    members = _members(locked)
    if unit.pk not in members:
        raise ValidationError(
            {"unit": _("%(unit)s is not a member of this cluster.") % {"unit": unit.name}}
        )
    if locked.status != VersionStatus.SIGNING:
        message = (
            _("This version is already signed by every member and locked.")
            if locked.status == VersionStatus.LOCKED
            else _("This version is not open for signing yet.")
        )
        raise ValidationError({NON_FIELD_ERRORS: message})
    today = timezone.localdate()
    signed_on = signed_on or today
    if signed_on > today:
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                pledge_version=locked, unit=unit, signed_by=by, signed_on=signed_on
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"unit": _("%(unit)s has already signed this version.") % {"unit": unit.name}}
        ) from exc
    audit.record(
        actor=by,
        action="pledges.pledge.signed",
        obj=locked,
        after={"unit": unit.pk, "signed_on": signed_on, "number": locked.number},
        unit=unit,
    )
    signed = Signature.objects.filter(pledge_version=locked, unit_id__in=members)
    if signed.count() == len(members):
        _lock(locked, signed.aggregate(last=Max("signed_on"))["last"], by=by)
    return signature


def _lock(locked: PledgeVersion, in_force_from: datetime.date, *, by) -> None:
    changed = PledgeVersion.objects.filter(pk=locked.pk, status=VersionStatus.SIGNING).update(
        status=VersionStatus.LOCKED,
        locked_at=timezone.now(),
        in_force_from=in_force_from,
        version=F("version") + 1,
    )
    if changed != 1:  # cannot happen under the row lock; never lock twice
        return
    audit.record(
        actor=by,
        action="pledges.pledge.locked",
        obj=locked,
        before={"status": VersionStatus.SIGNING},
        after={"status": VersionStatus.LOCKED, "in_force_from": in_force_from},
        unit=leader_of(locked),
    )
