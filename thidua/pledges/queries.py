"""Reads of pledges: lists, the pledge page, totals, signatures, the version in force, diffs."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.clusters.models import Cluster
from thidua.clusters.queries import clusters_visible_to, members_in_vietnamese_order
from thidua.core.db import vi
from thidua.organizations.models import Unit

from . import diff
from .caps import Caps
from .models import (
    AdjustmentRule,
    ContentGroup,
    Criterion,
    Pledge,
    PledgeVersion,
    ScoringMethod,
    Signature,
    VersionStatus,
)
from .validation import METHOD_LABELS_VI, format_levels, number_text

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


def pledges_visible_to(user) -> QuerySet[Pledge]:
    """Pledges of the clusters the user can see."""
    return Pledge.objects.filter(cluster__in=clusters_visible_to(user))


def versions_visible_to(user) -> QuerySet[PledgeVersion]:
    return PledgeVersion.objects.filter(pledge__cluster__in=clusters_visible_to(user))


def _latest(field: str) -> Subquery:
    return Subquery(
        PledgeVersion.objects.filter(pledge=OuterRef("pk")).order_by("-number").values(field)[:1]
    )


def pledge_list(user, *, year: int | None = None) -> QuerySet[Pledge]:
    """Visible pledges with their latest version's number, status and signature count."""
    pledges = (
        pledges_visible_to(user)
        .select_related("cluster__emulation_year__unit", "cluster__leader")
        .annotate(
            latest_number=_latest("number"),
            latest_status=_latest("status"),
            latest_title=_latest("title"),
            member_count=Count("cluster__memberships", distinct=True),
            signed_count=Subquery(
                Signature.objects.filter(
                    pledge_version__pledge=OuterRef("pk"),
                    pledge_version__number=OuterRef("latest_number"),
                )
                .values("pledge_version")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
    )
    if year:
        pledges = pledges.filter(cluster__emulation_year__year=year)
    return pledges.order_by(
        "-cluster__emulation_year__year", vi("cluster__emulation_year__unit__short_name"), "pk"
    )


def editor_q(user) -> Q:
    """Clusters whose pledge the user drafts: officers of the leader or deputy, or the board."""
    scope = scope_of(user)
    officer_units = scope.unit_ids(Role.UNIT_OFFICER)
    return (
        Q(leader_id__in=officer_units)
        | Q(deputy_id__in=officer_units)
        | scope.subtree_q("emulation_year__unit__path", Role.BOARD_OFFICER)
    )


def clusters_awaiting_pledge(user) -> QuerySet[Cluster]:
    """Clusters the user may draft a pledge for and which have none yet."""
    if scope_of(user).is_empty:
        return Cluster.objects.none()
    return (
        clusters_visible_to(user)
        .filter(editor_q(user), pledge__isnull=True)
        .select_related("emulation_year__unit")
        .order_by("-emulation_year__year", vi("name"), "pk")
    )


def available_years(user) -> list[int]:
    years = pledges_visible_to(user).values_list("cluster__emulation_year__year", flat=True)
    return sorted(set(years), reverse=True)


# --- one pledge -------------------------------------------------------------------------------


def versions_of(pledge: Pledge) -> list[PledgeVersion]:
    return list(pledge.versions.annotate(signed_count=Count("signatures")).order_by("number"))


def criteria_total(version: PledgeVersion, *, excluding: int | None = None) -> Decimal:
    criteria = Criterion.objects.filter(pledge_version=version)
    if excluding is not None:
        criteria = criteria.exclude(pk=excluding)
    return criteria.aggregate(total=Coalesce(Sum("max_score"), ZERO))["total"]


def running_total(
    version: PledgeVersion, *, criterion_id: int | None = None, max_score: Decimal | None = None
) -> dict:
    """The total of maxima as it would be with one criterion at `max_score` (new or edited)."""
    total = criteria_total(version, excluding=criterion_id)
    if max_score is not None:
        total += max_score
    return {"total": total, "scale": version.scale, "matches": total == version.scale}


def version_content(version: PledgeVersion) -> dict:
    """Everything the pledge page shows of one version, in a fixed number of queries."""
    groups = list(
        ContentGroup.objects.filter(pledge_version=version)
        .annotate(total=Coalesce(Sum("criteria__max_score"), ZERO))
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=Criterion.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("rules", queryset=AdjustmentRule.objects.order_by("position", "pk"))
                ),
            )
        )
        .order_by("position", "pk")
    )
    rules = list(
        AdjustmentRule.objects.filter(pledge_version=version)
        .select_related("criterion", "group")
        .order_by("kind", "position", "pk")
    )
    total = sum((g.total for g in groups), Decimal(0))
    return {
        "key_tasks": list(version.key_tasks.order_by("position", "pk")),
        "groups": groups,
        "criteria_count": sum(len(g.criteria.all()) for g in groups),
        "rules": rules,
        "grades": list(version.grades.order_by("position")),
        "tie_breaks": list(version.tie_breaks.select_related("group").order_by("position")),
        "total": {"total": total, "scale": version.scale, "matches": total == version.scale},
    }


def signing_status(version: PledgeVersion) -> list[dict]:
    """Each member of the cluster, in Vietnamese order, with its signature on `version` or None."""
    signatures = {
        s.unit_id: s
        for s in Signature.objects.filter(pledge_version=version).select_related("signed_by")
    }
    members = members_in_vietnamese_order(version.pledge.cluster)
    return [{"unit": unit, "signature": signatures.get(unit.pk)} for unit in members]


def signing_units(user, version: PledgeVersion) -> list[Unit]:
    """Member units of the version's cluster for which the user signs (they are its officer)."""
    officer_units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
    return list(members_in_vietnamese_order(version.pledge.cluster).filter(pk__in=officer_units))


def unsigned_units(user, signing: list[dict]) -> list[Unit]:
    """From `signing_status` rows: the user's member units that have not signed yet."""
    officer_units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
    return [r["unit"] for r in signing if not r["signature"] and r["unit"].pk in officer_units]


# --- for scoring --------------------------------------------------------------------------------


def version_in_force(pledge: Pledge, on: datetime.date | None = None) -> PledgeVersion | None:
    """The locked version that governs scoring on `on` (default today): the latest version signed
    by every member by that date. None before the original was signed by all."""
    on = on or timezone.localdate()
    return (
        PledgeVersion.objects.filter(
            pledge=pledge, status=VersionStatus.LOCKED, in_force_from__lte=on
        )
        .order_by("-in_force_from", "-number")
        .first()
    )


def criteria_of(version: PledgeVersion) -> QuerySet[Criterion]:
    """The criteria of a version in pledge order, with their group (what scores point at)."""
    return (
        Criterion.objects.filter(pledge_version=version)
        .select_related("group")
        .order_by("group__position", "group_id", "position", "pk")
    )


def caps_of(version: PledgeVersion, kind: str) -> Caps:
    """The cap tree of bonus ("bonus") or penalty ("penalty") points of a version."""
    cap_field = f"{kind}_cap"
    groups = list(
        ContentGroup.objects.filter(pledge_version=version).values("pk", "title", cap_field)
    )
    criteria = Criterion.objects.filter(pledge_version=version).values_list(
        "pk", "group_id", cap_field, "code"
    )
    rules = AdjustmentRule.objects.filter(pledge_version=version, kind=kind).values_list(
        "pk", "criterion_id", "group_id", "points", "text"
    )
    return Caps(
        kind=kind,
        pledge=getattr(version, cap_field),
        groups={g["pk"]: g[cap_field] for g in groups},
        group_titles={g["pk"]: g["title"] for g in groups},
        criteria={pk: (group_id, cap, code) for pk, group_id, cap, code in criteria},
        rules={pk: (c, g, points, text) for pk, c, g, points, text in rules},
    )


# --- copies and comparisons -------------------------------------------------------------------


def copy_sources(user, cluster: Cluster) -> QuerySet[PledgeVersion]:
    """Locked versions of earlier years' pledges the user can see, same organiser, newest first;
    the same cluster number first within a year ("copy last year's pledge")."""
    return (
        versions_visible_to(user)
        .filter(
            status=VersionStatus.LOCKED,
            pledge__cluster__emulation_year__unit=cluster.emulation_year.unit_id,
            pledge__cluster__emulation_year__year__lt=cluster.emulation_year.year,
        )
        .exclude(
            Exists(
                PledgeVersion.objects.filter(
                    pledge=OuterRef("pledge"),
                    status=VersionStatus.LOCKED,
                    number__gt=OuterRef("number"),
                )
            )
        )
        .select_related("pledge__cluster__emulation_year")
        .order_by("-pledge__cluster__emulation_year__year", "pledge__cluster__number", "pk")
    )


def last_years_version(user, cluster: Cluster) -> PledgeVersion | None:
    """The locked version of the same cluster's pledge last year (same organiser, kind, number)."""
    return (
        copy_sources(user, cluster)
        .filter(
            pledge__cluster__emulation_year__year=cluster.emulation_year.year - 1,
            pledge__cluster__kind=cluster.kind,
            pledge__cluster__number=cluster.number,
        )
        .first()
    )


def _money(value) -> str:
    return number_text(value) if value is not None else ""


def snapshot(version: PledgeVersion) -> dict:
    """A version as plain values (for diffs and the export)."""
    groups = list(ContentGroup.objects.filter(pledge_version=version).order_by("position", "pk"))
    titles = {g.pk: g.title for g in groups}
    criteria = list(criteria_of(version))
    codes = {c.pk: c.code for c in criteria}
    rules = AdjustmentRule.objects.filter(pledge_version=version).order_by("kind", "position", "pk")

    def target(c: Criterion) -> str:
        if c.method != ScoringMethod.TARGET:
            return ""
        return f"{_money(c.target_value)} {c.target_unit}".strip()

    def scope(r: AdjustmentRule) -> str:
        if r.criterion_id:
            return codes[r.criterion_id]
        return titles.get(r.group_id, "")

    return {
        "settings": {
            "title": version.title,
            "theme": version.theme,
            "commitments": version.commitments,
            "scale": version.scale,
            "bonus_cap": _money(version.bonus_cap),
            "penalty_cap": _money(version.penalty_cap),
        },
        "key_tasks": [
            {"key": t.key, "order": i, "label": t.text, "text": t.text}
            for i, t in enumerate(version.key_tasks.order_by("position", "pk"))
        ],
        "groups": [
            {
                "key": g.key,
                "order": i,
                "label": g.title,
                "title": g.title,
                "bonus_cap": _money(g.bonus_cap),
                "penalty_cap": _money(g.penalty_cap),
            }
            for i, g in enumerate(groups)
        ],
        "criteria": [
            {
                "key": c.key,
                "order": i,
                "label": f"{c.code}. {c.text}",
                "code": c.code,
                "group": c.group.title,
                "text": c.text,
                "max_score": _money(c.max_score),
                "method": METHOD_LABELS_VI[c.method],
                "target": target(c),
                "threshold_value": _money(c.threshold_value),
                "levels": format_levels(c.levels),
                "evidence": c.evidence,
                "bonus_cap": _money(c.bonus_cap),
                "penalty_cap": _money(c.penalty_cap),
                "object": c,
            }
            for i, c in enumerate(criteria)
        ],
        "rules": [
            {
                "key": r.key,
                "order": i,
                "label": r.text,
                "kind": r.get_kind_display(),
                "text": r.text,
                "points": _money(r.points),
                "scope": scope(r),
            }
            for i, r in enumerate(rules)
        ],
        "grades": [
            (g.label, _money(g.min_score), g.excluded_by_zero_criterion)
            for g in version.grades.order_by("position")
        ],
        "tie_breaks": [
            (str(s.get_kind_display()), titles.get(s.group_id, ""))
            for s in version.tie_breaks.order_by("position")
        ],
    }


def compare_versions(old: PledgeVersion, new: PledgeVersion) -> diff.VersionDiff:
    """The difference between two versions (of one pledge, or of two years)."""
    a, b = snapshot(old), snapshot(new)
    for rows in (a["criteria"], b["criteria"]):
        for row in rows:
            row.pop("object")
    return diff.compare(a, b)


def previous_version(version: PledgeVersion) -> PledgeVersion | None:
    return (
        PledgeVersion.objects.filter(pledge_id=version.pledge_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


# --- the cluster page ---------------------------------------------------------------------------


def cluster_pledge_summary(cluster: Cluster, user) -> dict:
    """For the cluster page: its pledge, the latest version, and who has not signed yet."""
    from .access import can_edit_pledge

    pledge = Pledge.objects.filter(cluster=cluster).first()
    summary: dict = {
        "cluster": cluster,
        "pledge": pledge,
        "can_edit": can_edit_pledge(user, cluster),
    }
    if pledge is None:
        return summary
    version = pledge.versions.order_by("-number").first()
    rows = signing_status(version)
    summary.update(
        version=version,
        in_force=version_in_force(pledge),
        signed=[r for r in rows if r["signature"]],
        unsigned=[r["unit"] for r in rows if not r["signature"]],
        member_count=len(rows),
    )
    return summary
