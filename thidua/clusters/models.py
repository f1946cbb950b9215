from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class EmulationYear(models.Model):
    """An organising unit's emulation year (a city, a district) with its theme of the year."""

    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="emulation_years",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    theme = models.TextField(_("theme of the year"), blank=True)

    class Meta:
        verbose_name = _("emulation year")
        verbose_name_plural = _("emulation years")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="emulation_year_unique"),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100), name="emulation_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.unit.short_name}"


class ClusterKind(models.TextChoices):
    CLUSTER = "cum", _("Cluster (by area)")
    BLOC = "khoi", _("Bloc (by sector)")


class Cluster(models.Model):
    """A cluster (cụm) or bloc (khối) of units of one level for one organiser's year."""

    emulation_year = models.ForeignKey(
        EmulationYear,
        verbose_name=_("emulation year"),
        on_delete=models.PROTECT,
        related_name="clusters",
    )
    kind = models.CharField(_("kind"), max_length=4, choices=ClusterKind.choices)
    number = models.CharField(_("number"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("leader unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_clusters",
    )
    deputy = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("deputy unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deputy_clusters",
    )
    # Chosen at the year-end review; becomes the leader when next year's cluster is set up.
    next_leader = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("next year's leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cluster or bloc")
        verbose_name_plural = _("clusters and blocs")
        constraints = [
            models.UniqueConstraint(
                fields=["emulation_year", "kind", "number"], name="cluster_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(leader__isnull=True) | Q(deputy__isnull=True) | ~Q(leader=F("deputy")),
                name="cluster_leader_not_deputy",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="cluster_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.emulation_year.year})"


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="cluster_memberships",
    )
    # Copied from the cluster so the database can forbid a unit in two clusters of one year.
    emulation_year = models.ForeignKey(
        EmulationYear, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(
                fields=["emulation_year", "unit"], name="membership_one_cluster_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.cluster}"


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Plan (Kế hoạch)")
    RULES = "rules", _("Operating rules (Quy chế hoạt động)")


def cluster_document_path(instance, filename: str) -> str:
    return f"clusters/{instance.cluster_id}/{filename}"


class ClusterDocument(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    number = models.CharField(_("number and symbol"), max_length=60)
    issued_on = models.DateField(_("date issued"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=cluster_document_path, max_length=255)
    content_type = models.CharField(max_length=100, editable=False)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cluster document")
        verbose_name_plural = _("cluster documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} · {self.title}"
