"""Excel imports staged between upload and confirmation: the file stays on the server, keyed by a
random token that only its uploader can use (never in the session cookie)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Waiting for confirmation")
    COMMITTED = "committed", _("Imported")
    DISCARDED = "discarded", _("Discarded")


def import_path(instance, filename: str) -> str:
    return f"awards/imports/{instance.token}.xlsx"


class ImportUpload(models.Model):
    token = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    file = models.FileField(_("file"), upload_to=import_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.STAGED
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        verbose_name = _("history import")
        verbose_name_plural = _("history imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"
