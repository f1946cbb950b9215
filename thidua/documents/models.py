"""Batches of papers made in the background: one row per batch and one per document in it.

A batch is a kind (``batches.BatchKind``: which paper, for which items of a scope), a format and
its items. The worker renders the pending items one by one; each finished file is moved into place
whole before its item is marked done, so a batch interrupted midway (the worker killed) resumes
where it stopped and never leaves half a file or half an archive behind.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Batch(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    scope_id = models.PositiveBigIntegerField(_("about (id)"))
    fmt = models.CharField(_("format"), max_length=4)
    title = models.CharField(_("title"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    archive = models.CharField(_("archive"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("batch of documents")
        verbose_name_plural = _("batches of documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fmt__in=["docx", "pdf", "xlsx"]), name="documents_batch_format"
            ),
            models.CheckConstraint(
                condition=~Q(status=BatchStatus.DONE) | ~Q(archive=""),
                name="documents_batch_done_has_archive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BatchItem(models.Model):
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(_("document"), max_length=255)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("document of a batch")
        verbose_name_plural = _("documents of a batch")
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="documents_item_position"),
        ]
        indexes = [models.Index(fields=["batch", "status"], name="documents_item_status")]

    def __str__(self) -> str:
        return self.label
