"""Registrations for the year (đăng ký thi đua): titles aimed for and thematic emulations or new
models, the cluster's rule (at least N per member, a deadline), and in-app reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..catalog import AWARD_CHOICES, award_name

DEFAULT_MIN_MODELS = 1  # Cụm 4 (2019): "ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới"


class RegistrationRule(models.Model):
    """The cluster's registration rule, one per cluster (set by its leader or deputy)."""

    cluster = models.OneToOneField(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="registration_rule",
    )
    min_models = models.PositiveSmallIntegerField(
        _("minimum thematic emulations or new models per member"), default=DEFAULT_MIN_MODELS
    )
    deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    note = models.TextField(_("rule as written"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    sample_note = models.CharField(_("what is sample"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("registration rule")
        verbose_name_plural = _("registration rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_models__lte=50), name="registration_rule_min_models_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · ≥ {self.min_models}"


class Registration(models.Model):
    """A member unit's registration in its cluster for the cluster's year."""

    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="emulation_registrations",
    )
    note = models.TextField(_("note"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="registration_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.cluster}"


class RegisteredTitle(models.Model):
    """A title or form of commendation a unit aims for (a catalogue code)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="titles",
    )
    code = models.CharField(_("title"), max_length=60, choices=AWARD_CHOICES)

    class Meta:
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "code"], name="registered_title_unique")
        ]

    def __str__(self) -> str:
        return award_name(self.code)


class ModelKind(models.TextChoices):
    THEMATIC = "chuyen_de", _("Thematic emulation")
    NEW_MODEL = "mo_hinh_moi", _("New model")


class RegisteredModel(models.Model):
    """A thematic emulation (chuyên đề thi đua) or new model (mô hình mới) a unit commits to."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="new_models",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=ModelKind.choices)
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveSmallIntegerField(default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("thematic emulation or new model")
        verbose_name_plural = _("thematic emulations and new models")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="registered_model_name_not_empty")
        ]

    def __str__(self) -> str:
        return self.name


class NotificationKind(models.TextChoices):
    REGISTRATION_REMINDER = "registration_reminder", _("Registration reminder")


class Notification(models.Model):
    """An in-app message to one user (shown on the home page until read)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="campaign_notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
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
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message[:80]
