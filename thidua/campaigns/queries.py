"""Reads of movements, campaigns, progress, registrations, inspections and exemplars.

Pages and the API start from a `*_visible_to(user)` queryset. The functions at the end
(`movement_leadership`, `movements_active_in`, `progress_figures`, `registered_titles`) are the
set-wise reads other apps (awards, reports, documents) build on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from thidua.accounts.models import Role, RoleAssignment
from thidua.accounts.scope import scope_of
from thidua.clusters.models import Cluster, ClusterMembership
from thidua.clusters.queries import clusters_visible_to
from thidua.core.db import vi
from thidua.organizations.models import Unit
from thidua.organizations.queries import units_visible_to

from .models import (
    DEFAULT_MIN_MODELS,
    Exemplar,
    Inspection,
    Movement,
    MovementLeader,
    Notification,
    PeakCampaign,
    ProgressReport,
    RegisteredModel,
    RegisteredTitle,
    Registration,
    RegistrationRule,
    Target,
)

# --- visibility ------------------------------------------------------------------------------


def _launched_visible_q(user) -> Q:
    """Launched within the user's subtrees, by a unit above them, or for a cluster they see."""
    scope = scope_of(user)
    reach = Unit.objects.filter(scope.subtree_q("path"))
    return (
        Q(launched_by__in=reach)
        | Q(launched_by_id__in=scope.ancestor_ids())
        | Q(cluster__in=clusters_visible_to(user))
    )


def movements_visible_to(user) -> QuerySet[Movement]:
    if scope_of(user).is_empty:
        return Movement.objects.none()
    return Movement.objects.filter(_launched_visible_q(user))


def campaigns_visible_to(user) -> QuerySet[PeakCampaign]:
    if scope_of(user).is_empty:
        return PeakCampaign.objects.none()
    return PeakCampaign.objects.filter(_launched_visible_q(user))


def targets_visible_to(user) -> QuerySet[Target]:
    return Target.objects.filter(
        Q(campaign__in=campaigns_visible_to(user)) | Q(movement__in=movements_visible_to(user))
    )


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(target__in=targets_visible_to(user))


def inspections_visible_to(user) -> QuerySet[Inspection]:
    return Inspection.objects.filter(cluster__in=clusters_visible_to(user))


def exemplars_visible_to(user) -> QuerySet[Exemplar]:
    """Exemplars are meant to spread: visible wherever their recognising unit is visible."""
    if scope_of(user).is_empty:
        return Exemplar.objects.none()
    return Exemplar.objects.filter(recognised_by__in=units_visible_to(user))


# --- scope of a movement or campaign --------------------------------------------------------


def scope_units(owner: Movement | PeakCampaign) -> QuerySet[Unit]:
    """The units a movement or campaign reaches: the cluster's members, or the launcher's tree."""
    if owner.cluster_id:
        return Unit.objects.filter(cluster_memberships__cluster_id=owner.cluster_id)
    return Unit.objects.filter(path__startswith=owner.launched_by.path)


def in_scope(owner: Movement | PeakCampaign, unit: Unit) -> bool:
    if owner.cluster_id:
        return ClusterMembership.objects.filter(cluster_id=owner.cluster_id, unit=unit).exists()
    return unit.path.startswith(owner.launched_by.path)


def reporting_units(user, owner: Movement | PeakCampaign) -> QuerySet[Unit]:
    """The user's own units (as their officer) that may report against the owner's targets."""
    officer_units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
    return scope_units(owner).filter(pk__in=officer_units).order_by(vi("short_name"), "pk")


# --- pages -----------------------------------------------------------------------------------


def movement_list(user, *, year: int | None = None, kind: str | None = None) -> QuerySet[Movement]:
    movements = movements_visible_to(user).select_related("launched_by", "cluster__emulation_year")
    if year:
        movements = movements.annotate(
            last_year=ExpressionWrapper(
                F("start_year") + F("years") - 1, output_field=IntegerField()
            )
        ).filter(start_year__lte=year, last_year__gte=year)
    if kind:
        movements = movements.filter(kind=kind)
    return movements.order_by("-start_year", vi("name"), "pk")


def campaign_list(user, *, year: int | None = None) -> QuerySet[PeakCampaign]:
    campaigns = campaigns_visible_to(user).select_related("launched_by", "cluster")
    if year and not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        campaigns = campaigns.none()  # no date has that year (a year lookup would fail on it)
    elif year:
        campaigns = campaigns.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    return campaigns.annotate(target_count=Count("targets")).order_by("-starts_on", "pk")


def available_years(user) -> list[int]:
    starts = movements_visible_to(user).values_list("start_year", flat=True)
    campaign_years = campaigns_visible_to(user).values_list("starts_on__year", flat=True)
    return sorted(set(starts) | set(campaign_years), reverse=True)


def latest_reports(targets: QuerySet[Target], year: int | None = None) -> QuerySet[ProgressReport]:
    """Each unit's latest report per target (one row per target and unit), optionally of a year."""
    reports = ProgressReport.objects.filter(target__in=targets)
    newest = ProgressReport.objects.filter(target=OuterRef("target"), unit=OuterRef("unit"))
    if year is not None and not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        reports = reports.none()  # no date has that year
    elif year is not None:
        reports = reports.filter(as_of__year=year)
        newest = newest.filter(as_of__year=year)
    return (
        reports.filter(as_of=Subquery(newest.order_by("-as_of").values("as_of")[:1]))
        .select_related("unit", "target")
        .order_by("target__position", "target_id", vi("unit__short_name"), "unit_id")
    )


def targets_with_latest(owner: Movement | PeakCampaign) -> list[Target]:
    """The owner's targets, each with `.latest` (its units' latest reports) — three queries."""
    targets = list(owner.targets.all())
    by_target: dict[int, list[ProgressReport]] = {t.pk: [] for t in targets}
    for report in latest_reports(owner.targets.all()):
        by_target[report.target_id].append(report)
    for target in targets:
        target.latest = by_target[target.pk]
    return targets


def report_history(owner: Movement | PeakCampaign, limit: int = 50) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(target__in=owner.targets.all())
        .select_related("unit", "target")
        .order_by("-as_of", "-pk")[:limit]
    )


def exemplar_list(user) -> QuerySet[Exemplar]:
    return (
        exemplars_visible_to(user)
        .select_related("person__unit", "unit", "recognised_by", "movement")
        .annotate(replication_count=Count("replications"))
        .order_by("-recognised_on", "-pk")
    )


def cluster_inspections(cluster: Cluster) -> QuerySet[Inspection]:
    return cluster.inspections.select_related("inspecting", "inspected").order_by(
        "planned_on", "pk"
    )


def clusters_for_registration(user, limit: int = 20) -> list[Cluster]:
    """Clusters the user belongs to or leads (through an officer role), newest first; for a
    board officer or viewer without such a cluster, the newest clusters they can see."""
    officer_units = scope_of(user).unit_ids(Role.UNIT_OFFICER)
    visible = clusters_visible_to(user).select_related("emulation_year")
    own = visible.filter(
        Q(memberships__unit_id__in=officer_units)
        | Q(leader_id__in=officer_units)
        | Q(deputy_id__in=officer_units)
    ).distinct()
    order = ("-emulation_year__year", "pk")
    return list(own.order_by(*order)[:limit]) or list(visible.order_by(*order)[:limit])


# --- registrations ---------------------------------------------------------------------------


def rule_for(cluster: Cluster) -> RegistrationRule:
    """The cluster's rule, or an unsaved default (at least one model, no deadline)."""
    rule = RegistrationRule.objects.filter(cluster=cluster).first()
    return rule or RegistrationRule(cluster=cluster, min_models=DEFAULT_MIN_MODELS)


@dataclass
class MemberStatus:
    """One row of the leader's registration overview."""

    unit: Unit
    registration: Registration | None
    min_models: int
    titles: list[RegisteredTitle] = field(default_factory=list)
    models: list[RegisteredModel] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.registration is None

    @property
    def model_count(self) -> int:
        return len(self.models)

    @property
    def below_minimum(self) -> bool:
        return self.registration is not None and self.model_count < self.min_models

    @property
    def needs_reminder(self) -> bool:
        return self.missing or self.below_minimum


def registration_status(
    cluster: Cluster, rule: RegistrationRule | None = None
) -> list[MemberStatus]:
    """Every member in Vietnamese order with its registration, flagged when below the minimum."""
    rule = rule or rule_for(cluster)
    members = Unit.objects.filter(cluster_memberships__cluster=cluster).order_by(
        vi("short_name"), "pk"
    )
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(cluster=cluster).prefetch_related(
            Prefetch("titles", queryset=RegisteredTitle.objects.order_by("pk")),
            Prefetch("new_models", queryset=RegisteredModel.objects.order_by("position", "pk")),
        )
    }
    rows = []
    for unit in members:
        reg = registrations.get(unit.pk)
        rows.append(
            MemberStatus(
                unit=unit,
                registration=reg,
                min_models=rule.min_models,
                titles=list(reg.titles.all()) if reg else [],
                models=list(reg.new_models.all()) if reg else [],
            )
        )
    return rows


def registration_of(cluster: Cluster, unit: Unit) -> Registration | None:
    return (
        Registration.objects.filter(cluster=cluster, unit=unit)
        .prefetch_related("titles", "new_models")
        .first()
    )


def unit_officers(unit_ids) -> QuerySet[RoleAssignment]:
    """The officer roles of these units, with their users (the reminders' recipients)."""
    return (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role=Role.UNIT_OFFICER)
        .select_related("user", "unit")
        .order_by("unit_id", "user_id")
    )


def unread_notifications(user, limit: int = 10) -> list[Notification]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("unit", "cluster")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- for other apps (awards, reports, documents) --------------------------------------------


def movements_active_in(year: int) -> QuerySet[Movement]:
    """Movements running in `year` (start_year ≤ year ≤ start_year + years − 1)."""
    return (
        Movement.objects.annotate(
            last_year=ExpressionWrapper(
                F("start_year") + F("years") - 1, output_field=IntegerField()
            )
        )
        .filter(start_year__lte=year, last_year__gte=year)
        .select_related("launched_by", "cluster")
    )


def movement_leadership(unit_ids, year: int | None = None) -> QuerySet:
    """Rows (unit_id, year, level, years, kind, movement_id) of movements these units led.

    For the award rules: "leads a thematic movement of the province lasting ≥ 3 years" is
    `.filter(level="province", kind="chuyen_de", years__gte=3)` on this queryset.
    """
    rows = MovementLeader.objects.filter(unit_id__in=unit_ids)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.annotate(
        level=F("movement__level"), years=F("movement__years"), kind=F("movement__kind")
    ).values("unit_id", "year", "level", "years", "kind", "movement_id")


def progress_figures(*, unit_ids=None, year: int | None = None) -> QuerySet[ProgressReport]:
    """Latest figure per target and unit (for reports): of a year when given, for some units."""
    figures = latest_reports(Target.objects.all(), year=year).select_related(
        "target__campaign", "target__movement"
    )
    if unit_ids is not None:
        figures = figures.filter(unit_id__in=unit_ids)
    return figures


def registered_titles(cluster: Cluster) -> QuerySet[RegisteredTitle]:
    """Every member's registered titles, for the cluster's registration list (documents)."""
    return (
        RegisteredTitle.objects.filter(registration__cluster=cluster)
        .select_related("registration__unit")
        .order_by(vi("registration__unit__short_name"), "registration__unit_id", "pk")
    )
