"""The award registry: what every person and unit achieved, year by year.

Every model about "a person or a unit" carries two nullable foreign keys with a database check that
exactly one is set (``SubjectRecord``), and indexes on (person, year) and (unit, year): histories
are read per subject and year, and counted set-wise over millions of people.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1945, 2100


class Rating(models.TextChoices):
    """Yearly rating (mức độ hoàn thành nhiệm vụ), best first; codes of the catalogue."""

    HTXSNV = "htxsnv", _("Completed tasks excellently")
    HTTNV = "httnv", _("Completed tasks well")
    HTNV = "htnv", _("Completed tasks")
    KHTNV = "khtnv", _("Did not complete tasks")


class AwardBasis(models.TextChoices):
    MERIT = "merit", _("Regular merit")
    SUDDEN = "sudden", _("Sudden achievement")
    THEMATIC = "thematic", _("Thematic")


class InnovationKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    RESEARCH = "research", _("Research project")


class Scope(models.TextChoices):
    CO_SO = "co_so", _("Grassroots scope")
    CAP_TINH = "cap_tinh", _("Provincial scope")
    TOAN_QUOC = "toan_quoc", _("Nationwide scope")


class DisciplineCode(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Reprimand")
    CANH_CAO = "canh_cao", _("Warning")
    HA_BAC_LUONG = "ha_bac_luong", _("Salary downgrade")
    GIANG_CHUC = "giang_chuc", _("Demotion")
    CACH_CHUC = "cach_chuc", _("Dismissal from office")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Forced resignation")


class MatterKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Discipline under review")
    INVESTIGATION = "investigation", _("Under investigation")
    INSPECTION = "inspection", _("Under inspection")
    COMPLAINT = "complaint", _("Complaint or denunciation being handled")


class MatterStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Fact(models.TextChoices):
    """Judgements a person records; the engine never invents them."""

    EXEMPLARY = "exemplary", _("Outstandingly exemplary")
    UNITED = "united", _("Internally united")
    EXCEEDED_TARGETS = "exceeded_targets", _("Exceeded the emulation targets and tasks")
    PARTY_CLEAN_STRONG = "party_clean_strong", _("Party organisation clean and strong")
    THRIFT_ANTICORRUPTION_LEAD = (
        "thrift_anticorruption_lead",
        _("Leading in thrift, against waste and corruption"),
    )
    GRASSROOTS_DEMOCRACY = "grassroots_democracy", _("Implements grassroots democracy well")
    ACTIVE_IN_MOVEMENTS = "active_in_movements", _("Active in emulation movements")
    EXCELLENT_IN_MOVEMENT = "excellent_in_movement", _("Excellent result in a movement")


def _year_range(name: str, field: str = "year") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": MIN_YEAR}) & Q(**{f"{field}__lte": MAX_YEAR}),
        name=name,
    )


def exactly_one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(unit__isnull=True))
        | (Q(person__isnull=True) & Q(unit__isnull=False)),
        name=name,
    )


def unique_per_subject(prefix: str, *fields: str) -> list[models.UniqueConstraint]:
    """Uniqueness for people and for units separately (a NULL never collides)."""
    return [
        models.UniqueConstraint(
            fields=["person", *fields],
            condition=Q(person__isnull=False),
            name=f"{prefix}_person_unique",
        ),
        models.UniqueConstraint(
            fields=["unit", *fields],
            condition=Q(unit__isnull=False),
            name=f"{prefix}_unit_unique",
        ),
    ]


class SubjectRecord(models.Model):
    """About exactly one person or one unit (checked by the database)."""

    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def subject_kind(self) -> str:
        return "individual" if self.person_id else "collective"


class Decision(models.Model):
    """A numbered, dated, signed decision (Quyết định) awarding titles or forms."""

    recorded_in = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("recorded by the board of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("number and symbol"), max_length=60)
    signed_on = models.DateField(_("date signed"))
    issuer = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("issuing authority (unit)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer_name = models.CharField(_("issuing authority"), max_length=255)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    # Computed from signed_on by the actions (rules.catalog.regime_on); NULL before 31/07/2017.
    regime = models.ForeignKey(
        "awards.Regime",
        verbose_name=_("legal regime"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_in", "issuer_name", "number", "signed_on"],
                name="awards_decision_unique",
            ),
            models.CheckConstraint(condition=~Q(number=""), name="awards_decision_number"),
            models.CheckConstraint(condition=~Q(issuer_name=""), name="awards_decision_issuer"),
        ]
        indexes = [models.Index(fields=["signed_on"], name="awards_decision_signed")]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class DecisionRecipient(SubjectRecord):
    """One person or unit awarded a title or form by a decision, for an evaluation year."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="recipients"
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("title or form"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    basis = models.CharField(
        _("basis"), max_length=10, choices=AwardBasis.choices, default=AwardBasis.MERIT
    )
    based_on = models.ManyToManyField(
        "awards.Initiative",
        verbose_name=_("initiatives and projects used"),
        blank=True,
        related_name="used_by",
    )

    class Meta:
        verbose_name = _("award recipient")
        verbose_name_plural = _("award recipients")
        constraints = [
            exactly_one_subject("awards_recipient_exactly_one_subject"),
            _year_range("awards_recipient_year_range"),
            *unique_per_subject("awards_recipient", "decision", "award_type"),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="awards_recipient_person_year"),
            models.Index(fields=["unit", "year"], name="awards_recipient_unit_year"),
            models.Index(fields=["award_type", "year"], name="awards_recipient_type_year"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.award_type.code} {self.year}"


class YearlyRating(SubjectRecord):
    """A subject's rating for one year (one per subject and year)."""

    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("yearly rating")
        verbose_name_plural = _("yearly ratings")
        constraints = [
            exactly_one_subject("awards_rating_exactly_one_subject"),
            _year_range("awards_rating_year_range"),
            # Also the (person, year) and (unit, year) indexes.
            *unique_per_subject("awards_rating", "year"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.year}: {self.rating}"


class Initiative(SubjectRecord):
    """A recognised initiative (sáng kiến) or accepted research project (đề tài) of its author."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=InnovationKind.choices, default=InnovationKind.INITIATIVE
    )
    title = models.CharField(_("name of the initiative"), max_length=500)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    recognised_year = models.PositiveSmallIntegerField(_("year recognised"))
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    reference = models.CharField(_("certificate or decision"), max_length=120, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("initiative or research project")
        verbose_name_plural = _("initiatives and research projects")
        constraints = [
            exactly_one_subject("awards_initiative_exactly_one_subject"),
            _year_range("awards_initiative_year_range", "recognised_year"),
            models.CheckConstraint(condition=~Q(title=""), name="awards_initiative_title"),
        ]
        indexes = [
            models.Index(fields=["person", "recognised_year"], name="awards_initiative_person"),
            models.Index(fields=["unit", "recognised_year"], name="awards_initiative_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def contract_id(self) -> str:
        """The id the eligibility contract uses: "SK-12" (initiative) or "DT-7" (project)."""
        return f"{'SK' if self.kind == InnovationKind.INITIATIVE else 'DT'}-{self.pk}"


class Discipline(SubjectRecord):
    """A disciplinary measure with its period (achievements count again after it ends)."""

    code = models.CharField(_("measure"), max_length=20, choices=DisciplineCode.choices)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)  # of decided_on
    decided_on = models.DateField(_("decided on"))
    ends_on = models.DateField(_("period ends on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            exactly_one_subject("awards_discipline_exactly_one_subject"),
            _year_range("awards_discipline_year_range"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("decided_on")),
                name="awards_discipline_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="awards_discipline_person_year"),
            models.Index(fields=["unit", "year"], name="awards_discipline_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.code} {self.decided_on}"


class PendingMatter(SubjectRecord):
    """A discipline review, investigation, inspection or complaint: while open, nothing is awarded
    or proposed (NĐ 152/2025 art. 4.4)."""

    kind = models.CharField(_("kind"), max_length=20, choices=MatterKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("pending matter")
        verbose_name_plural = _("pending matters")
        constraints = [
            exactly_one_subject("awards_matter_exactly_one_subject"),
            models.CheckConstraint(
                condition=(Q(status=MatterStatus.OPEN) & Q(closed_on__isnull=True))
                | (
                    Q(status=MatterStatus.CLOSED)
                    & Q(closed_on__isnull=False)
                    & Q(closed_on__gte=F("opened_on"))
                ),
                name="awards_matter_closed_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="awards_matter_person"),
            models.Index(fields=["unit", "status"], name="awards_matter_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.kind} ({self.status})"


class JudgementFact(SubjectRecord):
    """A judgement recorded for a subject and year ("nội bộ đoàn kết", "tiêu biểu xuất sắc" …)."""

    year = models.PositiveSmallIntegerField(_("year"))
    fact = models.CharField(_("judgement"), max_length=40, choices=Fact.choices)
    note = models.CharField(_("source (minutes, report)"), max_length=255, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("recorded judgement")
        verbose_name_plural = _("recorded judgements")
        constraints = [
            exactly_one_subject("awards_fact_exactly_one_subject"),
            _year_range("awards_fact_year_range"),
            *unique_per_subject("awards_fact", "year", "fact"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.year}: {self.fact}"


class MaternityLeave(models.Model):
    """A year of maternity leave: counts as a year of the rating the person had before it."""

    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("maternity leave")
        verbose_name_plural = _("maternity leaves")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="awards_maternity_unique"),
            _year_range("awards_maternity_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.year}"
