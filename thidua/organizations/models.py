from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core import vn


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Province / centrally-run city")
    DISTRICT = "huyen", _("Urban district / rural district / town")
    COMMUNE = "xa", _("Ward / commune / township")
    DEPARTMENT = "so_nganh", _("Department / agency")
    MASS_ORGANISATION = "doan_the", _("Front / mass organisation")
    OFFICE = "co_quan", _("Office / affiliated unit")
    ENTERPRISE = "doanh_nghiep", _("Enterprise")


class Unit(models.Model):
    """A collective in the one tree: city → district / department / organisation → ward / office."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    short_name = models.CharField(_("short name"), max_length=120)
    name = models.CharField(_("full name"), max_length=255)
    # Materialised path "/1/5/23/": subtree = path__startswith, depth = number of ancestors.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    women_share = models.PositiveSmallIntegerField(
        _("share of women (%)"), null=True, blank=True, help_text=_("Recorded fact, if known.")
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_period_ordered",
            ),
            models.CheckConstraint(condition=~Q(short_name=""), name="unit_short_name_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="unit_name_not_empty"),
            models.CheckConstraint(
                condition=Q(women_share__isnull=True) | Q(women_share__lte=100),
                name="unit_women_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived columns only; rules live in actions.
        self.search_text = vn.fold(f"{self.short_name} {self.name}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.valid_to is None


class SuccessionKind(models.TextChoices):
    MERGER = "merger", _("Merger")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Renaming")


class UnitSuccession(models.Model):
    """Lineage of the 2025 reform: an ended unit names the units that took over its history."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("ended unit"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("successor"), on_delete=models.PROTECT, related_name="predecessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("effective on"))
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Sex(models.TextChoices):
    FEMALE = "nu", _("Female")
    MALE = "nam", _("Male")


class Person(models.Model):
    """An individual who may be rated, proposed and awarded; belongs to one unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    family_name = models.CharField(_("family name"), max_length=50)
    middle_name = models.CharField(_("middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    search_text = models.CharField(max_length=300, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(condition=~Q(given_name=""), name="person_given_name_not_empty"),
            models.CheckConstraint(
                condition=~Q(family_name=""), name="person_family_name_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = vn.fold(self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)
