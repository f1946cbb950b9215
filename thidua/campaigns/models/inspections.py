"""Cross-inspection visits between cluster members, and advanced exemplars with replications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class Inspection(models.Model):
    """A cross-inspection (kiểm tra chéo): one member inspects another, never itself."""

    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="inspections",
    )
    inspecting = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("inspecting unit"),
        on_delete=models.PROTECT,
        related_name="inspections_made",
    )
    inspected = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("inspected unit"),
        on_delete=models.PROTECT,
        related_name="inspections_received",
    )
    planned_on = models.DateField(_("planned on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cross-inspection")
        verbose_name_plural = _("cross-inspections")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(inspecting=F("inspected")), name="inspection_not_itself"
            ),
            models.UniqueConstraint(
                fields=["cluster", "inspecting", "inspected"], name="inspection_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(status="planned")
                | (Q(status="done", held_on__isnull=False) & ~Q(findings="")),
                name="inspection_done_has_findings",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspecting} → {self.inspected}"


class Exemplar(models.Model):
    """An advanced exemplar (điển hình tiên tiến): a person or a unit held up as an example."""

    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    achievement = models.TextField(_("achievement"))
    movement = models.ForeignKey(
        "campaigns.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
    )
    recognised_by = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("recognised by"),
        on_delete=models.PROTECT,
        related_name="recognised_exemplars",
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    recognised_on = models.DateField(_("recognised on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-recognised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="exemplar_person_or_unit",
            ),
            models.CheckConstraint(
                condition=~Q(achievement=""), name="exemplar_achievement_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.subject_name

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


class Replication(models.Model):
    """Where an exemplar was replicated (nhân rộng): a unit, a date, a note."""

    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplar"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="replications",
    )
    replicated_on = models.DateField(_("replicated on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["replicated_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "unit"], name="replication_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.exemplar} → {self.unit}"
