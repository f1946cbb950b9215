"""Scoring of a cluster's pledge: rounds, self and cross scores, evidence, published results.

A round scores one locked pledge version for the members of its cluster. Each member unit has one
`ScoreLine` per criterion and per bonus or penalty rule of that version (made when the round is
created): the unit's own score sits on it, and so does the validated score the leader sets when a
discrepancy is resolved. Cross scores given by other units are rows of their own. When the round
is published, the consolidated standing of every unit is stored as a `UnitResult`, so a published
ranking never changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

SCORE = {"max_digits": 8, "decimal_places": 2}
QUANTITY = {"max_digits": 16, "decimal_places": 2}


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for self-scoring")
    CLOSED = "closed", _("Closed: cross-scoring and review")
    PUBLISHED = "published", _("Published")


class CrossMode(models.TextChoices):
    DERANGEMENT = "derangement", _("Each unit scores one other unit (a cycle)")
    ALL = "all", _("Every unit scores every other unit")


class ScoringRound(models.Model):
    """The year-end scoring of one cluster against one locked version of its pledge."""

    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="scoring_rounds",
    )
    pledge_version = models.ForeignKey(
        "pledges.PledgeVersion",
        verbose_name=_("pledge version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    opens_on = models.DateField(_("self-scoring opens on"))
    closes_on = models.DateField(_("self-scoring closes on"))
    grace_days = models.PositiveSmallIntegerField(_("grace period (days)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    discrepancy_threshold = models.DecimalField(
        _("discrepancy threshold (points)"), default=0, **SCORE
    )
    cross_mode = models.CharField(
        _("cross-scoring"), max_length=12, choices=CrossMode.choices, blank=True
    )
    cross_seed = models.PositiveIntegerField(_("seed of the assignment"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("scoring round")
        verbose_name_plural = _("scoring rounds")
        constraints = [
            models.UniqueConstraint(fields=["cluster"], name="scoring_round_one_per_cluster"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="scoring_round_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(grace_days__lte=60), name="scoring_round_grace_at_most_60"
            ),
            models.CheckConstraint(
                condition=Q(discrepancy_threshold__gte=0),
                name="scoring_round_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="scoring_round_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="scoring_round_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="scoring_round_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class RoundUnit(models.Model):
    """A member unit taking part in a round: whether it has handed in its self-scoring, and the
    assessing body's order among units that nothing else separates."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="units"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("self-scoring handed in"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tie_order = models.PositiveSmallIntegerField(
        _("order decided by the assessing body"), null=True, blank=True
    )
    tie_reason = models.TextField(_("reason of the assessing body"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("unit of a round")
        verbose_name_plural = _("units of a round")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="round_unit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.round}"


class ScoreLine(models.Model):
    """One unit's line for one criterion or one bonus or penalty rule: its self score and, once a
    difference is resolved, the validated score. The final score is the validated one, else the
    self score, else 0."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="lines"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        "pledges.Criterion",
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule = models.ForeignKey(
        "pledges.AdjustmentRule",
        verbose_name=_("bonus or penalty rule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the unit entered: a quantity (target), a number of occurrences (rule), or a choice
    # ("yes" / "no", a level's label); and the points they give.
    self_value = models.DecimalField(_("value"), null=True, blank=True, **QUANTITY)
    self_choice = models.CharField(_("choice"), max_length=80, blank=True)
    self_points = models.DecimalField(_("self score"), null=True, blank=True, **SCORE)
    self_note = models.TextField(_("explanation"), blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_at = models.DateTimeField(_("self-scored at"), null=True, blank=True)
    validated_points = models.DecimalField(_("validated score"), null=True, blank=True, **SCORE)
    validated_reason = models.TextField(_("reason of the validated score"), blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("score line")
        verbose_name_plural = _("score lines")
        indexes = [models.Index(fields=["round", "unit"], name="score_line_round_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(criterion__isnull=True, rule__isnull=False)
                | Q(criterion__isnull=False, rule__isnull=True),
                name="score_line_criterion_or_rule",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "criterion"],
                condition=Q(criterion__isnull=False),
                name="score_line_one_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "rule"],
                condition=Q(rule__isnull=False),
                name="score_line_one_per_rule",
            ),
            models.CheckConstraint(
                condition=(Q(self_points__isnull=True) | Q(self_points__gte=0))
                & (Q(validated_points__isnull=True) | Q(validated_points__gte=0)),
                name="score_line_points_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(validated_points__isnull=True) | ~Q(validated_reason=""),
                name="score_line_validated_has_reason",
            ),
        ]

    def __str__(self) -> str:
        what = self.criterion if self.criterion_id else self.rule
        return f"{self.unit} · {what}"

    @property
    def final_points(self):
        if self.validated_points is not None:
            return self.validated_points
        return self.self_points if self.self_points is not None else 0


class CrossAssignment(models.Model):
    """`scorer` cross-scores `scored` in a round."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    scorer = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("cross-scoring unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit scored"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cross-scoring assignment")
        verbose_name_plural = _("cross-scoring assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "scorer", "scored"], name="cross_assignment_once"
            ),
            models.CheckConstraint(
                condition=~Q(scorer=F("scored")), name="cross_assignment_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} → {self.scored}"


class CrossScore(models.Model):
    """Another unit's score of one line, with the reason for any difference from the self score."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="+"
    )
    line = models.ForeignKey(
        ScoreLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="cross_scores"
    )
    scorer = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("cross-scoring unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(_("value"), null=True, blank=True, **QUANTITY)
    choice = models.CharField(_("choice"), max_length=80, blank=True)
    points = models.DecimalField(_("cross score"), **SCORE)
    reason = models.TextField(_("reason for the difference"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(_("cross-scored at"), auto_now=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cross score")
        verbose_name_plural = _("cross scores")
        constraints = [
            models.UniqueConstraint(fields=["line", "scorer"], name="cross_score_once"),
            models.CheckConstraint(condition=Q(points__gte=0), name="cross_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} → {self.line}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name (the original name is kept in the row), outside the web root."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (
        f"scoring/{instance.line.round_id}/{instance.line.unit_id}/{uuid.uuid4().hex}.{extension}"
    )


class Evidence(models.Model):
    """A file a unit attaches to one of its lines (minh chứng)."""

    line = models.ForeignKey(
        ScoreLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class UnitResult(models.Model):
    """A unit's consolidated standing as published (frozen when the round is published)."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="results"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    base = models.DecimalField(_("score before bonus and penalty"), **SCORE)
    bonus = models.DecimalField(_("bonus"), **SCORE)
    penalty = models.DecimalField(_("penalty"), **SCORE)
    total = models.DecimalField(_("total"), **SCORE)
    self_total = models.DecimalField(_("self-scored total"), **SCORE)
    zero_count = models.PositiveSmallIntegerField(_("criteria scored 0"))
    at_max_count = models.PositiveSmallIntegerField(_("criteria at their maximum"))
    grade = models.CharField(_("grade"), max_length=80, blank=True)
    tie_kind = models.CharField(_("tie broken by"), max_length=20, blank=True)
    tie_group = models.ForeignKey(
        "pledges.ContentGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    groups = models.JSONField(_("score per content group"), default=dict)
    scale = models.PositiveIntegerField(_("scale"))
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        ordering = ["round", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="unit_result_once"),
            models.UniqueConstraint(fields=["round", "rank"], name="unit_result_rank_once"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="unit_result_unit_year")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit} · {self.round}"
