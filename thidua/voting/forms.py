"""Forms of the voting pages. They parse input; the actions check the rules."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.forms import BootstrapMixin
from thidua.organizations.models import Unit

from .actions.ballots import DEFAULT_MAJORITY_PERCENT, DEFAULT_MAX_ROUNDS
from .candidates import DEFAULT_TOP_N
from .catalog import AWARD_CHOICES
from .models import Elector

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, widget=DateTimeInput(), input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
    )


def default_times() -> dict:
    """Opening now (to the minute), closing in one day."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {"opens_at": now, "closes_at": now + datetime.timedelta(days=1)}


class TimesForm(BootstrapMixin, forms.Form):
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))


class ElectionForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("voting", "Title"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for the usual title."),
    )
    seats = forms.IntegerField(label=_("Units to elect"), min_value=1, max_value=20, initial=1)
    candidates = forms.ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    top_n = forms.IntegerField(
        label=_("Candidates from the top of the ranking"),
        min_value=1,
        max_value=50,
        initial=DEFAULT_TOP_N,
        required=False,
    )
    majority_percent = forms.IntegerField(
        label=_("Majority: more than … percent of the member units"),
        min_value=1,
        max_value=99,
        initial=DEFAULT_MAJORITY_PERCENT,
    )
    max_rounds = forms.IntegerField(
        label=_("Rounds at most, then the leader and deputy decide"),
        min_value=1,
        max_value=5,
        initial=DEFAULT_MAX_ROUNDS,
    )
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))

    def __init__(self, *args, members=None, ranked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ranked:
            del self.fields["candidates"]
        else:
            del self.fields["top_n"]
            self.fields["candidates"].queryset = (
                members if members is not None else Unit.objects.none()
            )
            self.fields["candidates"].help_text = _(
                "No published ranking yet: choose the candidates among the members."
            )


class CouncilBallotForm(BootstrapMixin, forms.Form):
    council_unit = forms.ModelChoiceField(label=_("Council of"), queryset=Unit.objects.none())
    title = forms.CharField(label=pgettext_lazy("voting", "Title"), max_length=255)
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_unit"].queryset = units if units is not None else Unit.objects.none()


class QuestionForm(BootstrapMixin, forms.Form):
    award_code = forms.ChoiceField(label=_("Award"), choices=AWARD_CHOICES)
    recipient = forms.CharField(
        label=_("Proposed for"),
        max_length=255,
        help_text=_("The person (name, position, unit) or the collective proposed."),
    )
    text = forms.CharField(
        label=_("Question as printed"),
        max_length=500,
        required=False,
        help_text=_("Leave empty for the usual wording."),
    )
    proposal_ref = forms.CharField(label=_("Proposal reference"), max_length=100, required=False)


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A POST with nothing to fill in: open, close, release."""


class DecisionForm(BootstrapMixin, forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units decided"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Reason (recorded in the minutes)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()


class ElectionVoteForm(BootstrapMixin, forms.Form):
    """The ballot paper of an election: up to `seats` candidates, or a blank ballot on purpose."""

    unit = forms.ModelChoiceField(label=_("Voting for"), queryset=Unit.objects.none())
    candidates = forms.ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    blank = forms.BooleanField(label=_("I cast a blank ballot"), required=False)

    def __init__(self, *args, units=None, candidates=None, seats: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        if units is not None and units.count() == 1:
            self.fields["unit"].initial = units.first().pk
        self.fields["candidates"].queryset = (
            candidates if candidates is not None else Unit.objects.none()
        )
        self.fields["candidates"].help_text = _("Choose at most %(n)s.") % {"n": seats}


CHOICE_LABELS = (("agree", _("Agree")), ("disagree", _("Disagree")), ("abstain", _("Abstain")))


class CouncilVoteForm(BootstrapMixin, forms.Form):
    """One agree / disagree / abstain per question (fields `q<id>`)."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=CHOICE_LABELS,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class WrittenOpinionForm(CouncilVoteForm):
    elector = forms.ModelChoiceField(label=_("Absent member"), queryset=Elector.objects.none())

    def __init__(self, *args, absent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elector"].queryset = absent if absent is not None else Elector.objects.none()
        self.order_fields(["elector"])


class ReceiptForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
