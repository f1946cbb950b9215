"""The emulation pledge (giao ước thi đua) of a cluster and its versions.

A pledge belongs to one cluster (hence one year). Its content lives in versions: number 1 is the
original, 2, 3 … are amendments. Each version holds its own key tasks, content groups, criteria,
bonus and penalty rules, grades and tie-break chain, and is signed by every member; the last
signature locks it. A locked version never changes, so scores point at its criteria safely.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCORE = {"max_digits": 8, "decimal_places": 2}
QUANTITY = {"max_digits": 16, "decimal_places": 2}


class Pledge(models.Model):
    cluster = models.OneToOneField(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="pledge",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return _("Pledge of %(cluster)s") % {"cluster": self.cluster}


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNING = "signing", _("Open for signing")
    LOCKED = "locked", _("Signed by all members, locked")


class PledgeVersion(models.Model):
    """One signed text of the pledge: the original (number 1) or an amendment (2, 3 …)."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=255)
    theme = models.TextField(_("theme of the year"), blank=True)
    commitments = models.TextField(_("general commitments and rules"), blank=True)
    scale = models.PositiveIntegerField(_("scale (total of maximum scores)"), default=100)
    bonus_cap = models.DecimalField(_("maximum bonus for the pledge"), default=0, **SCORE)
    penalty_cap = models.DecimalField(_("maximum penalty for the pledge"), default=0, **SCORE)
    reason = models.TextField(_("reason for the amendment"), blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(_("opened for signing"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    # Edit counter of the settings, grades and tie-breaks (a stale save is refused).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("pledge version")
        verbose_name_plural = _("pledge versions")
        ordering = ["pledge", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="pledge_version_number"),
            models.UniqueConstraint(
                fields=["pledge"],
                condition=~Q(status="locked"),
                name="pledge_one_open_version",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="pledge_version_number_gte_1"),
            models.CheckConstraint(condition=Q(scale__gte=1), name="pledge_version_scale_gte_1"),
            models.CheckConstraint(
                condition=Q(bonus_cap__gte=0) & Q(penalty_cap__gte=0),
                name="pledge_version_caps_not_negative",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="pledge_version_title_not_empty"),
            models.CheckConstraint(
                condition=Q(status="locked", locked_at__isnull=False, in_force_from__isnull=False)
                | (~Q(status="locked") & Q(locked_at__isnull=True)),
                name="pledge_version_locked_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s (version %(number)s)") % {"title": self.title, "number": self.number}

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_locked(self) -> bool:
        return self.status == VersionStatus.LOCKED

    @property
    def is_amendment(self) -> bool:
        return self.number > 1


class VersionPart(models.Model):
    """What every row of a version's content shares: its version, order, identity and flags.

    `key` stays the same when a version is copied (an amendment, next year's pledge), so two
    versions can be compared row by row.
    """

    pledge_version = models.ForeignKey(PledgeVersion, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class KeyTask(VersionPart):
    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="key_tasks"
    )
    text = models.TextField(_("key task"))

    class Meta(VersionPart.Meta):
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        constraints = [
            models.UniqueConstraint(fields=["pledge_version", "key"], name="key_task_key_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="key_task_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ContentGroup(VersionPart):
    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="groups"
    )
    title = models.CharField(_("content group"), max_length=255)
    bonus_cap = models.DecimalField(
        _("maximum bonus for the group"), null=True, blank=True, **SCORE
    )
    penalty_cap = models.DecimalField(
        _("maximum penalty for the group"), null=True, blank=True, **SCORE
    )

    class Meta(VersionPart.Meta):
        verbose_name = _("content group")
        verbose_name_plural = _("content groups")
        constraints = [
            models.UniqueConstraint(fields=["pledge_version", "key"], name="group_key_unique"),
            models.UniqueConstraint(fields=["pledge_version", "title"], name="group_title_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="group_title_not_empty"),
            models.CheckConstraint(
                condition=(Q(bonus_cap__isnull=True) | Q(bonus_cap__gte=0))
                & (Q(penalty_cap__isnull=True) | Q(penalty_cap__gte=0)),
                name="group_caps_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ScoringMethod(models.TextChoices):
    TARGET = "target", _("Quantitative target")
    YES_NO = "yes_no", _("Yes / no")
    LEVELS = "levels", _("Graded levels")
    FREE = "free", _("Free score up to the maximum")


class Criterion(VersionPart):
    """A scored line of the pledge. Scores refer to a criterion of a locked version."""

    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="criteria"
    )
    group = models.ForeignKey(
        ContentGroup,
        verbose_name=_("content group"),
        on_delete=models.RESTRICT,
        related_name="criteria",
    )
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("criterion"))
    max_score = models.DecimalField(_("maximum score"), **SCORE)
    method = models.CharField(_("scoring method"), max_length=10, choices=ScoringMethod.choices)
    target_value = models.DecimalField(_("target"), null=True, blank=True, **QUANTITY)
    target_unit = models.CharField(_("unit of the target"), max_length=60, blank=True)
    threshold_value = models.DecimalField(
        _("threshold (below it the criterion scores 0)"), null=True, blank=True, **QUANTITY
    )
    # Graded levels, best first: [{"label": "Tốt", "score": "10"}, …]; scores as strings.
    levels = models.JSONField(_("levels"), default=list, blank=True)
    evidence = models.TextField(_("evidence required"), blank=True)
    bonus_cap = models.DecimalField(
        _("maximum bonus for the criterion"), null=True, blank=True, **SCORE
    )
    penalty_cap = models.DecimalField(
        _("maximum penalty for the criterion"), null=True, blank=True, **SCORE
    )

    class Meta(VersionPart.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["pledge_version", "key"], name="criterion_key_unique"),
            models.UniqueConstraint(
                fields=["pledge_version", "code"], name="criterion_code_unique"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="criterion_text_not_empty"),
            models.CheckConstraint(condition=~Q(code=""), name="criterion_code_not_empty"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(
                condition=~Q(method="target") | Q(target_value__isnull=False),
                name="criterion_target_has_value",
            ),
            models.CheckConstraint(
                condition=(Q(bonus_cap__isnull=True) | Q(bonus_cap__gte=0))
                & (Q(penalty_cap__isnull=True) | Q(penalty_cap__gte=0)),
                name="criterion_caps_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class AdjustmentKind(models.TextChoices):
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")


class AdjustmentRule(VersionPart):
    """A bonus or penalty rule: points per occurrence, attached to a criterion, a group or the
    whole pledge; the caps of the criterion, its group and the pledge bound what it can add."""

    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AdjustmentKind.choices)
    text = models.TextField(_("rule"))
    points = models.DecimalField(_("points each time"), **SCORE)
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
    )
    group = models.ForeignKey(
        ContentGroup,
        verbose_name=_("content group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
    )

    class Meta(VersionPart.Meta):
        verbose_name = _("bonus or penalty rule")
        verbose_name_plural = _("bonus and penalty rules")
        constraints = [
            models.UniqueConstraint(fields=["pledge_version", "key"], name="rule_key_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="rule_text_not_empty"),
            models.CheckConstraint(condition=Q(points__gt=0), name="rule_points_positive"),
            models.CheckConstraint(
                condition=Q(criterion__isnull=True) | Q(group__isnull=True),
                name="rule_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class GradeThreshold(models.Model):
    """A grade (xếp loại) reached from `min_score` points; scoring evaluates, the pledge stores."""

    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="grades"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("grade"), max_length=80)
    min_score = models.DecimalField(_("from (points)"), **SCORE)
    excluded_by_zero_criterion = models.BooleanField(
        _("ruled out when a criterion scores 0"), default=False
    )

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["pledge_version", "label"], name="grade_label_unique"),
            models.UniqueConstraint(
                fields=["pledge_version", "position"], name="grade_position_unique"
            ),
            models.CheckConstraint(condition=Q(min_score__gte=0), name="grade_min_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.min_score}"


class TieBreakKind(models.TextChoices):
    BASE_SCORE = "base", _("Higher score before bonus and penalty")
    GROUP_SCORE = "group", _("Higher score in a content group")
    FEWER_PENALTIES = "fewer_penalty", _("Fewer penalty points")
    MORE_BONUS = "more_bonus", _("More bonus points")
    FEWER_ZERO = "fewer_zero", _("Fewer criteria scored 0")
    ASSESSING_BODY = "body", _("Decided by the assessing body")


class TieBreakStep(models.Model):
    """One link of the tie-break chain applied, in order, to units with the same total."""

    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="tie_breaks"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("rule"), max_length=20, choices=TieBreakKind.choices)
    group = models.ForeignKey(
        ContentGroup,
        verbose_name=_("content group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tie-break step")
        verbose_name_plural = _("tie-break chain")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge_version", "position"], name="tie_break_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="group", group__isnull=False)
                | (~Q(kind="group") & Q(group__isnull=True)),
                name="tie_break_group_only_for_group_score",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label}: {self.group}" if self.group_id else str(label)


class Signature(models.Model):
    """A member unit's signature on one version, given by that unit's officer."""

    pledge_version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="signatures"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_on", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge_version", "unit"], name="signature_one_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.pledge_version}"
