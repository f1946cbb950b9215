"""The reports app reads other apps' data; it stores only the officer's edited draft of the
annual summary (one per unit or cluster and year), with a version against lost updates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SummaryDraft(models.Model):
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("annual summary draft")
        verbose_name_plural = _("annual summary drafts")
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(cluster__isnull=True))
                | (Q(unit__isnull=True) & Q(cluster__isnull=False)),
                name="reports_summary_unit_or_cluster",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="reports_summary_unit_year",
            ),
            models.UniqueConstraint(
                fields=["cluster"],
                condition=Q(cluster__isnull=False),
                name="reports_summary_cluster",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100), name="reports_summary_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.cluster} · {self.year}"
