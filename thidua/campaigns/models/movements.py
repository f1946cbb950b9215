"""Movements (phong trào thi đua), peak campaigns (đợt thi đua cao điểm), targets and progress."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core import vn


class MovementKind(models.TextChoices):
    REGULAR = "thuong_xuyen", _("Regular")
    THEMATIC = "chuyen_de", _("Thematic")


class LaunchLevel(models.TextChoices):
    """Who launched a movement, as the award rules name it (a Prime-Minister movement …)."""

    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    CENTRAL = "central", _("Ministry or central agency")
    PROVINCE = "province", _("Province or centrally-run city")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Ward or commune")
    AGENCY = "agency", _("Agency or organisation")
    CLUSTER = "cluster", _("Emulation cluster or bloc")


def short_vn_date(day: datetime.date) -> str:
    """ "07/9/2020", "20/02/2020": day with a leading zero, month 1–2 too (Nghị định 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


class Movement(models.Model):
    """A regular or thematic emulation movement, launched by a unit (optionally for a cluster).

    Its scope is the cluster's members when launched for a cluster, else the launching unit's
    subtree. `level`, `start_year` and `years` are what the award rules ask about.
    """

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=15, choices=MovementKind.choices)
    description = models.TextField(_("description"), blank=True)
    launched_by = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("launched by"),
        on_delete=models.PROTECT,
        related_name="launched_movements",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    level = models.CharField(_("launched at level"), max_length=15, choices=LaunchLevel.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    years = models.PositiveSmallIntegerField(_("duration (years)"), default=1)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    sample_note = models.CharField(_("what is sample"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-start_year", "name"]
        indexes = [models.Index(fields=["level", "kind", "years"], name="movement_award_lookup")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="movement_name_not_empty"),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=100), name="movement_years_range"
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=1945) & Q(start_year__lte=2100),
                name="movement_start_year_range",
            ),
            models.UniqueConstraint(
                fields=["launched_by", "start_year", "name"],
                condition=Q(cluster__isnull=True),
                name="movement_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["cluster", "start_year", "name"],
                condition=Q(cluster__isnull=False),
                name="movement_unique_per_cluster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"

    @property
    def end_year(self) -> int:
        return self.start_year + self.years - 1

    @property
    def period(self) -> str:
        return str(self.start_year) if self.years == 1 else f"{self.start_year}–{self.end_year}"

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        return datetime.date(self.start_year, 1, 1), datetime.date(self.end_year, 12, 31)


class MovementLeader(models.Model):
    """A unit recognised as leading a movement in a year (sơ kết, tổng kết)."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.CASCADE, related_name="leaders"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="led_movements",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("leading unit of a movement")
        verbose_name_plural = _("leading units of movements")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "year"], name="movement_leader_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.movement.name} · {self.year}"


class PeakCampaign(models.Model):
    """A peak emulation campaign: a time window, an occasion, a plan reference and targets."""

    name = models.CharField(_("name"), max_length=255)
    occasion = models.TextField(_("occasion"), blank=True)
    description = models.TextField(_("description"), blank=True)
    launched_by = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("launched by"),
        on_delete=models.PROTECT,
        related_name="launched_campaigns",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="peak_campaigns",
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    plan_number = models.CharField(_("plan number"), max_length=60, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    sample_note = models.CharField(_("what is sample"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("peak campaign")
        verbose_name_plural = _("peak campaigns")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="campaign_name_not_empty"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(plan_number="", plan_date__isnull=True)
                | (~Q(plan_number="") & Q(plan_date__isnull=False)),
                name="campaign_plan_number_with_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        return self.starts_on, self.ends_on

    @property
    def plan_reference(self) -> str:
        """ "172/KH-UBND ngày 07/9/2020" (empty when no plan is recorded)."""
        if not self.plan_number or self.plan_date is None:
            return ""
        return f"{self.plan_number} ngày {short_vn_date(self.plan_date)}"


class MeasureKind(models.TextChoices):
    MONEY = "money", _("Amount of money (đồng)")
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percentage")


def format_measure(kind: str, value: Decimal | None, unit_of_measure: str = "") -> str:
    """ "14,6 tỷ đồng", "49 hộ thoát nghèo", "80%" — the Vietnamese way for each kind."""
    if value is None:
        return ""
    if kind == MeasureKind.MONEY:
        return vn.format_money(value)
    if kind == MeasureKind.PERCENT:
        return vn.format_percent(value)
    text = vn.format_number(value)
    return f"{text} {unit_of_measure}" if unit_of_measure else text


class Target(models.Model):
    """A quantity to reach (chỉ tiêu) or to report, of a peak campaign or of a movement."""

    campaign = models.ForeignKey(
        PeakCampaign,
        verbose_name=_("peak campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    name = models.CharField(_("name"), max_length=255)
    measure = models.CharField(_("kind of value"), max_length=10, choices=MeasureKind.choices)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60, blank=True)
    goal = models.DecimalField(_("goal"), max_digits=20, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(campaign__isnull=False, movement__isnull=True)
                | Q(campaign__isnull=True, movement__isnull=False),
                name="target_of_campaign_or_movement",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="target_name_not_empty"),
            models.CheckConstraint(
                condition=Q(goal__isnull=True) | Q(goal__gte=0), name="target_goal_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self) -> Movement | PeakCampaign:
        return self.campaign if self.campaign_id else self.movement

    def display(self, value: Decimal | None) -> str:
        return format_measure(self.measure, value, self.unit_of_measure)

    @property
    def goal_display(self) -> str:
        return self.display(self.goal)


class ProgressReport(models.Model):
    """A unit's figure for a target as of a date ("14,6 tỷ đồng", "49 hộ thoát nghèo")."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "unit", "as_of"], name="progress_report_one_per_day"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="progress_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.target} · {self.as_of}"

    @property
    def value_display(self) -> str:
        return self.target.display(self.value)

    @property
    def share_of_goal(self) -> Decimal | None:
        """The value as a percentage of the goal (None without a goal)."""
        goal = self.target.goal
        if not goal:
            return None
        return (self.value * 100 / goal).quantize(Decimal("0.1"))
