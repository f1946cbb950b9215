"""Secret ballots: a cluster's election of its leading unit(s) and a council's vote on award
proposals, with their frozen electorate, turnout, anonymous votes, tally and the configured rules.

Secrecy lives in the shape of the tables: a `Turnout` row says *that* an elector voted (one per
ballot and elector, enforced by the database); a `Vote` row says *what* was chosen and has no
voter column, no timestamp and a random UUID key; the two share only the ballot. See
the "Voting" section of README.md ("Secrecy") for what this protects against and what it does not.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .catalog import AWARD_CHOICES, award_name

# --- the configured rules -----------------------------------------------------------------------


class Regime(models.TextChoices):
    """The legal regimes of shared/awards-catalog.json (codes unchanged)."""

    LAW_2013 = "luat_2013_nd_91_2017", _("Law 2003 (amended 2013) and Decree 91/2017")
    LAW_2022_ND98 = "luat_2022_nd_98_2023", _("Law 06/2022 and Decree 98/2023")
    LAW_2022_ND152 = "luat_2022_nd_152_2025", _("Law 06/2022 and Decree 152/2025")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")


class CouncilLevel(models.TextChoices):
    """The level of the council (the unit kind of its People's Committee)."""

    ANY = "", _("any level")
    PROVINCE = "tinh", _("province / city")
    DISTRICT = "huyen", _("district")
    COMMUNE = "xa", _("commune / ward")


class ShareRule(models.Model):
    """A share of a base (numerator / denominator) reached "at least" or "more than"."""

    numerator = models.PositiveSmallIntegerField(_("numerator"))
    denominator = models.PositiveSmallIntegerField(_("denominator"), default=100)
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    # None: the default of every province; a province's own row takes precedence over it.
    province = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "tinh"},
    )
    council_level = models.CharField(
        _("council level"), max_length=10, choices=CouncilLevel.choices, blank=True
    )
    article = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(denominator__gte=1) & Q(numerator__gte=1),
                name="%(app_label)s_%(class)s_share_positive",
            ),
            models.CheckConstraint(
                condition=Q(numerator__lte=F("denominator")),
                name="%(app_label)s_%(class)s_share_at_most_all",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_period_ordered",
            ),
        ]


class ApprovalThreshold(ShareRule):
    """How many "agree" votes a council question needs, per regime, level and award.

    Defaults (data migration): Nghị định 98/2023 art. 30.7, ≥ 90% of ALL council members for the
    provincial and national Emulation Fighter, ≥ 80% for the grassroots one and the two flags;
    from 01/07/2025 each province sets its own, defaulting to the same values."""

    regime = models.CharField(_("legal regime"), max_length=40, choices=Regime.choices)
    award_code = models.CharField(_("award"), max_length=60, choices=AWARD_CHOICES)
    of_all_members = models.BooleanField(
        _("share of all members"),
        default=True,
        help_text=_("Counted on all council members, not only on those who voted."),
    )

    class Meta(ShareRule.Meta):
        verbose_name = _("approval threshold")
        verbose_name_plural = _("approval thresholds")
        ordering = ["valid_from", "award_code", "pk"]

    def __str__(self) -> str:
        return f"{award_name(self.award_code)} · {self.numerator}/{self.denominator}"


class QuorumRule(ShareRule):
    """How many council members must be present for a council ballot to count (2/3 as the
    general model; 80% where a province says so)."""

    class Meta(ShareRule.Meta):
        verbose_name = _("quorum rule")
        verbose_name_plural = _("quorum rules")
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} · {self.article}"


# --- ballots ------------------------------------------------------------------------------------


class BallotKind(models.TextChoices):
    ELECTION = "election", _("Leading-unit election")
    COUNCIL = "council", _("Council vote on award proposals")


class BallotStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("ballot status", "Draft")
    OPEN = "open", pgettext_lazy("ballot status", "Open")
    CLOSED = "closed", _("Closed, result sealed")
    RELEASED = "released", _("Result released")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not counted yet")
    ELECTED = "elected", _("Elected")
    NO_MAJORITY = "no_majority", _("No candidate reached the majority")
    TIE = "tie", _("Tie")
    DECIDED = "decided", _("Decided by the leader and deputy")
    COUNTED = "counted", _("Counted")
    NO_QUORUM = "no_quorum", _("Quorum not reached")


class CandidateSource(models.TextChoices):
    RANKING = "ranking", _("Top of the published ranking")
    LEADER = "leader", _("Chosen by the leader among the members")


class Ballot(models.Model):
    """One round of a secret ballot. A closed ballot is never edited; it is re-run as a new
    round (`previous` → this)."""

    kind = models.CharField(_("kind"), max_length=10, choices=BallotKind.choices)
    title = models.CharField(pgettext_lazy("voting", "title"), max_length=255)
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    council_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("council of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_ballots",
    )
    round = models.PositiveSmallIntegerField(pgettext_lazy("voting", "round"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_round",
    )
    # Elections: seats to fill, the majority of member units needed, the round limit.
    seats = models.PositiveSmallIntegerField(_("units to elect"), default=1)
    majority_numerator = models.PositiveSmallIntegerField(default=50)
    majority_denominator = models.PositiveSmallIntegerField(default=100)
    majority_comparison = models.CharField(
        max_length=10, choices=Comparison.choices, default=Comparison.MORE_THAN
    )
    max_rounds = models.PositiveSmallIntegerField(_("maximum rounds"), default=2)
    candidate_source = models.CharField(
        _("candidates"), max_length=10, choices=CandidateSource.choices, blank=True
    )
    # Council ballots: the quorum rule, frozen when the ballot opens.
    quorum_numerator = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum_denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum_comparison = models.CharField(max_length=10, choices=Comparison.choices, blank=True)
    quorum_basis = models.CharField(_("quorum basis"), max_length=255, blank=True)

    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"), max_length=10, choices=BallotStatus.choices, default=BallotStatus.DRAFT
    )
    outcome = models.CharField(
        pgettext_lazy("voting", "outcome"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.PENDING,
    )
    # Frozen when the ballot opens (electorate) and when it closes (turnout).
    electorate_size = models.PositiveIntegerField(_("electorate"), null=True, blank=True)
    turnout_total = models.PositiveIntegerField(_("votes cast"), null=True, blank=True)
    present_total = models.PositiveIntegerField(_("voted in person"), null=True, blank=True)

    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(pgettext_lazy("voting", "decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="election", cluster__isnull=False, council_unit__isnull=True)
                    | Q(kind="council", council_unit__isnull=False, cluster__isnull=True)
                ),
                name="voting_ballot_kind_matches_body",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="voting_ballot_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(round__gte=1) & Q(max_rounds__gte=1),
                name="voting_ballot_counts_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind="council") | Q(round__lte=F("max_rounds")),
                name="voting_ballot_round_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(majority_numerator__gte=1)
                & Q(majority_numerator__lte=F("majority_denominator")),
                name="voting_ballot_majority_share",
            ),
            models.CheckConstraint(
                condition=Q(turnout_total__isnull=True)
                | Q(turnout_total__lte=F("electorate_size")),
                name="voting_ballot_turnout_within_electorate",
            ),
        ]

    def __str__(self) -> str:
        if self.round > 1:
            return f"{self.title} ({pgettext_lazy('voting', 'round')} {self.round})"
        return self.title

    @property
    def is_election(self) -> bool:
        return self.kind == BallotKind.ELECTION

    @property
    def is_released(self) -> bool:
        return self.status == BallotStatus.RELEASED


class Question(models.Model):
    """What is voted on. An election has one question whose options are its candidates; a
    council ballot has one question per proposal: agree, disagree or abstain."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("voting", "position"))
    text = models.CharField(_("question"), max_length=500)
    award_code = models.CharField(_("award"), max_length=60, choices=AWARD_CHOICES, blank=True)
    recipient = models.CharField(_("proposed for"), max_length=255, blank=True)
    # Set by the awards app to tie the question to its proposal ("awards.proposal:<pk>").
    proposal_ref = models.CharField(_("proposal reference"), max_length=100, blank=True)
    # The approval threshold, frozen from the configuration when the ballot opens.
    regime = models.CharField(_("legal regime"), max_length=40, choices=Regime.choices, blank=True)
    threshold_numerator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_comparison = models.CharField(max_length=10, choices=Comparison.choices, blank=True)
    threshold_of_all_members = models.BooleanField(default=True)
    threshold_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    approved = models.BooleanField(pgettext_lazy("voting", "approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="voting_question_position"),
            models.CheckConstraint(condition=~Q(text=""), name="voting_question_text_not_empty"),
        ]
        indexes = [models.Index(fields=["proposal_ref"], name="voting_question_proposal")]

    def __str__(self) -> str:
        return self.text


class ElectedBy(models.TextChoices):
    VOTE = "vote", _("by the vote")
    TIE_BREAK = "tie_break", _("by the vote, tie broken in favour of women")
    LEADERS = "leaders", _("by the decision of the leader and deputy")


class Candidate(models.Model):
    """A member unit standing in an election, from the published ranking or the leader's pick."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="candidates"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("voting", "position"))
    published_rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    # The recorded share of women in the unit, frozen when the ballot opens (tie-break).
    women_share = models.PositiveSmallIntegerField(_("share of women (%)"), null=True, blank=True)
    elected = models.BooleanField(_("elected"), default=False)
    elected_by = models.CharField(max_length=10, choices=ElectedBy.choices, blank=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "unit"], name="voting_candidate_once"),
            models.CheckConstraint(
                condition=Q(elected=False, elected_by="") | Q(elected=True) & ~Q(elected_by=""),
                name="voting_candidate_elected_how",
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)


class Elector(models.Model):
    """One entry of the electorate, frozen when the ballot opens: a member unit (elections, cast
    by its officer) or a council member (council ballots)."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="electors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("council member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("member unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electorate")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, unit__isnull=False)
                | Q(user__isnull=False, unit__isnull=True),
                name="voting_elector_user_or_unit",
            ),
            models.UniqueConstraint(fields=["ballot", "user"], name="voting_elector_user_once"),
            models.UniqueConstraint(fields=["ballot", "unit"], name="voting_elector_unit_once"),
        ]

    def __str__(self) -> str:
        return self.name


class TurnoutMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Secret ballot")
    WRITTEN = "written", _("Written opinion (absent)")


class Turnout(models.Model):
    """That an elector voted, and how. Never what: the choice is in `Vote`, unlinked."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="turnouts"
    )
    elector = models.ForeignKey(
        Elector, verbose_name=_("elector"), on_delete=models.CASCADE, related_name="+"
    )
    method = models.CharField(
        _("how"), max_length=10, choices=TurnoutMethod.choices, default=TurnoutMethod.IN_PERSON
    )
    # The officer who cast a unit's vote, or the organiser who recorded a written opinion.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("turnout")
        verbose_name_plural = _("turnout")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "elector"], name="voting_turnout_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} · {self.elector_id}"


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")
    CANDIDATE = "candidate", _("For a candidate")
    BLANK = "blank", _("Blank ballot")


COUNCIL_CHOICES = (Choice.AGREE, Choice.DISAGREE, Choice.ABSTAIN)


class Vote(models.Model):
    """One mark on one question. No voter, no time, a random key; listed by (question, choice),
    never in the order of casting. `receipt_hash` lets the voter check it was counted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_sample = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["question", "choice", "candidate", "receipt_hash"]
        constraints = [
            models.CheckConstraint(
                condition=Q(choice="candidate", candidate__isnull=False)
                | ~Q(choice="candidate") & Q(candidate__isnull=True),
                name="voting_vote_candidate_when_chosen",
            )
        ]

    def __str__(self) -> str:
        return str(self.pk)


class TallyRow(models.Model):
    """The count of one choice on one question, written by the database's GROUP BY at close."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="tally")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tally")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.PROTECT, related_name="tally"
    )
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("tally row")
        verbose_name_plural = _("tally")
        ordering = ["question", "choice", "candidate"]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.choice} · {self.count}"
