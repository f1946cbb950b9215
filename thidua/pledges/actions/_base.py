"""What every pledge action shares: locking the version, refusing stale or non-draft edits."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from thidua.core.errors import StaleEditError

from .. import caps as caps_module
from .. import queries
from ..models import PledgeVersion, VersionStatus
from ..validation import number_text


def lock_version(pledge_version: PledgeVersion, *, status: str | None = VersionStatus.DRAFT):
    """The version's row, locked for the transaction; refused unless it has `status`."""
    locked = (
        PledgeVersion.objects.select_for_update(of=("self",))
        .select_related("pledge__cluster__leader")
        .get(pk=pledge_version.pk)
    )
    if status == VersionStatus.DRAFT and locked.status != VersionStatus.DRAFT:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Only a draft can be changed: this version is open for signing or locked. "
                    "Withdraw it from signing, or draft an amendment."
                )
            }
        )
    return locked


def check_version(obj, expected: int | None) -> None:
    """Refuse an edit made against an older state of the row."""
    if expected is not None and obj.version != expected:
        raise StaleEditError(current=obj)


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def check_caps(pledge_version: PledgeVersion, *, bonus_field: str, penalty_field: str) -> None:
    """After a write (inside the transaction): every cap within the one above it, every rule
    within its cap. The error goes on the field that caused it; the transaction rolls back."""
    errors: dict = {}
    for kind, field in (("bonus", bonus_field), ("penalty", penalty_field)):
        found = caps_module.problems(queries.caps_of(pledge_version, kind))
        if found:
            errors.setdefault(field, []).extend(found)
    raise_if(errors)


def check_total(pledge_version: PledgeVersion, *, max_score, excluding=None) -> None:
    """A criterion's maximum may not push the total of maxima above the scale."""
    total = queries.criteria_total(pledge_version, excluding=excluding) + max_score
    if total > pledge_version.scale:
        raise ValidationError(
            {
                "max_score": _(
                    "The total of maximum scores would be %(total)s, above the scale of %(scale)s."
                )
                % {"total": number_text(total), "scale": pledge_version.scale}
            }
        )


def leader_of(pledge_version: PledgeVersion):
    """The unit an edit of the pledge is recorded against: the cluster's leader."""
    return pledge_version.pledge.cluster.leader
