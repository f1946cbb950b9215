"""The award catalogue as data: titles and forms, legal regimes, and the dated money settings.

Loaded from ``awards/data/awards-catalog.json`` by a data migration (codes unchanged), so that
decrees changing the base salary or the multiples become new dated rows, never code changes.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of commendation")


class AwardSubject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuals")
    COLLECTIVE = "collective", _("Collectives")
    BOTH = "both", _("Individuals and collectives")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class Regime(models.Model):
    """A legal regime (law + decree) with the dates it was in force."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal regime")
        verbose_name_plural = _("legal regimes")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="awards_regime_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AwardType(models.Model):
    """A title (danh hiệu thi đua) or a form (hình thức khen thưởng) of the catalogue."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices)
    subject = models.CharField(_("awarded to"), max_length=12, choices=AwardSubject.choices)
    name = models.CharField(_("Vietnamese name"), max_length=255)
    name_hanoi = models.CharField(_("name in Hà Nội"), max_length=255, blank=True)
    article = models.CharField(_("article"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The Hà Nội wording where there is one ("Cờ thi đua của Ủy ban nhân dân Thành phố")."""
        return self.name_hanoi or self.name

    def applies_to(self, subject_kind: str) -> bool:
        return self.subject in (AwardSubject.BOTH, subject_kind)


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date, as set by a decree."""

    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="awards_base_salary_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from})"


class BonusMultiple(models.Model):
    """How many base salaries a title or form is worth for one kind of subject, from a date."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.CASCADE,
        related_name="bonus_multiples",
    )
    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    valid_from = models.DateField(_("valid from"))
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=6, decimal_places=2)
    basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("bonus multiple")
        verbose_name_plural = _("bonus multiples")
        ordering = ["award_type", "subject_kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "subject_kind", "valid_from"],
                name="awards_bonus_multiple_unique",
            ),
            models.CheckConstraint(
                condition=Q(multiple__gt=0), name="awards_bonus_multiple_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code} · {self.subject_kind} · {self.multiple}"
