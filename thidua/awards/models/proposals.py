"""Award proposals (hồ sơ đề nghị khen thưởng) and their dossiers (Law art. 84).

A unit (its officer) or a cluster (its leader) drafts a ``Proposal`` to the board above: its
``ProposalItem`` rows name a recipient (exactly one person or unit) and the title or form asked
for, with the engine's last verdict. The proposal moves draft → filed → returned (with a reason,
then filed again) → approved (a ``Decision`` of the registry) or refused; every move is a
conditional update on ``status`` and ``version``.

The same achievement may not be proposed at two levels: while a proposal is filed, returned or
approved, each of its items holds a ``claim`` — the title's code, or ``"form"`` for any form of
commendation — and the database allows one claim per subject, year and key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .registry import MAX_YEAR, MIN_YEAR, SubjectRecord, exactly_one_subject, unique_per_subject


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
    FILED = "filed", pgettext_lazy("proposal status", "Filed")
    RETURNED = "returned", pgettext_lazy("proposal status", "Returned")
    APPROVED = "approved", pgettext_lazy("proposal status", "Approved")
    REFUSED = "refused", pgettext_lazy("proposal status", "Refused")


# While a proposal is in one of these, its items hold their claims.
CLAIMING = (ProposalStatus.FILED, ProposalStatus.RETURNED, ProposalStatus.APPROVED)
EDITABLE = (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    BLOCKED = "blocked", _("Blocked: a matter is pending")
    UNKNOWN = "unknown", _("Cannot be checked for this year")


class Proposal(models.Model):
    proposer = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("on behalf of the cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    board = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("sent to the board of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    title = models.CharField(_("subject"), max_length=500)
    number = models.CharField(_("number of the request letter"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="awards_proposal_year_range",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="awards_proposal_title"),
            models.CheckConstraint(
                condition=(Q(status=ProposalStatus.APPROVED) & Q(decision__isnull=False))
                | (~Q(status=ProposalStatus.APPROVED) & Q(decision__isnull=True)),
                name="awards_proposal_decision_when_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.RETURNED) | ~Q(return_reason=""),
                name="awards_proposal_returned_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.REFUSED) | ~Q(refusal_reason=""),
                name="awards_proposal_refused_with_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["board", "status"], name="awards_proposal_board"),
            models.Index(fields=["proposer", "year"], name="awards_proposal_proposer"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def voting_ref(self) -> str:
        """How a council ballot question names this proposal (voting.Question.proposal_ref)."""
        return f"awards.proposal:{self.pk}"


class ProposalItem(SubjectRecord):
    """One recipient (a person or a unit) and the title or form asked for."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="items"
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("title or form"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("evaluation year"), editable=False)
    achievements = models.TextField(_("summary of achievements"), blank=True)
    verdict = models.CharField(_("verdict"), max_length=15, choices=Verdict.choices, blank=True)
    result = models.JSONField(_("engine result"), null=True, blank=True, editable=False)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True, editable=False)
    # The title's code, or "form": set while the proposal is filed, returned or approved.
    claim = models.CharField(max_length=60, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("proposed recipient")
        verbose_name_plural = _("proposed recipients")
        ordering = ["award_type__position", "pk"]
        constraints = [
            exactly_one_subject("awards_proposal_item_exactly_one_subject"),
            *unique_per_subject("awards_proposal_item", "proposal", "award_type"),
            models.UniqueConstraint(
                fields=["person", "year", "claim"],
                condition=Q(person__isnull=False) & ~Q(claim=""),
                name="awards_proposal_claim_person_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "claim"],
                condition=Q(unit__isnull=False) & ~Q(claim=""),
                name="awards_proposal_claim_unit_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.award_type.code} {self.year}"


class DossierKind(models.TextChoices):
    SUBMISSION = "submission", _("Request letter (tờ trình)")
    REPORT = "report", _("Achievement report (báo cáo thành tích)")
    ASSESSMENT_MINUTES = "assessment_minutes", _("Minutes of the assessment (biên bản bình xét)")
    REVIEW_MINUTES = "review_minutes", _("Minutes of the award review (biên bản xét khen thưởng)")
    INITIATIVE = "initiative", _("Certificate of the initiative or research project")
    PROVINCE_OPINION = "province_opinion", _("Opinion of the province")
    OTHER = "other", _("Other document")


def dossier_path(instance: DossierDocument, filename: str) -> str:
    """A random name (the original is kept in the row), outside the web root."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"awards/proposals/{instance.proposal_id}/{uuid.uuid4().hex}.{extension}"


class DossierDocument(models.Model):
    """A file of the dossier; ``item`` names the recipient it is about (a report, a certificate)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="documents"
    )
    item = models.ForeignKey(
        ProposalItem,
        verbose_name=_("about the recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=DossierKind.choices)
    file = models.FileField(_("file"), upload_to=dossier_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
