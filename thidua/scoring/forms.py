"""Forms of scoring pages. They only shape the input: numbers arrive as text (Vietnamese "2,5"
is fine) and the actions decide what is valid, with Vietnamese messages."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import REQUIRED_MESSAGE, BootstrapMixin, DateInput
from thidua.pledges.models import ScoringMethod
from thidua.pledges.validation import number_text

from .models import CrossMode, ScoreLine
from .points import NO, YES, level_choices


def as_text(value) -> str | None:
    """A stored number as a person types it: 2.50 → "2,5" (None stays None)."""
    if value is None or isinstance(value, str):
        return value
    return number_text(Decimal(value))


def _number(label, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=30,
        help_text=help_text,
        error_messages={"required": REQUIRED_MESSAGE},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class RoundForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=255)
    opens_on = forms.DateField(label=_("Self-scoring opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Self-scoring closes on"), widget=DateInput())
    grace_days = forms.IntegerField(
        label=_("Grace period (days)"),
        min_value=0,
        max_value=60,
        initial=0,
        help_text=_("Days after the closing date during which units can still self-score."),
    )
    discrepancy_threshold = _number(
        _("Discrepancy threshold (points)"),
        required=True,
        help_text=_(
            "Self and cross scores differing by more than this are listed for resolution; "
            "0 lists every difference."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_on", "closes_on", "grace_days"):
            self.fields[name].error_messages["required"] = REQUIRED_MESSAGE


class RoundEditForm(RoundForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LineForm(BootstrapMixin, forms.Form):
    """The input of one line, shaped by the criterion's method (or a rule's occurrences)."""

    value = _number(_("Value"))
    choice = forms.ChoiceField(label=_("Choice"), required=False, choices=())
    points = _number(_("Score"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, line: ScoreLine, **kwargs):
        kwargs.setdefault("prefix", f"line-{line.pk}")
        super().__init__(*args, **kwargs)
        self.line = line
        criterion = line.criterion
        keep = {"version"}
        if criterion is None:
            keep.add("value")
            self.fields["value"].label = _("Times")
        elif criterion.method == ScoringMethod.TARGET:
            keep.add("value")
            self.fields["value"].label = _("Figure reached")
            if criterion.target_unit:
                self.fields["value"].help_text = criterion.target_unit
        elif criterion.method == ScoringMethod.YES_NO:
            keep.add("choice")
            self.fields["choice"].choices = [("", "—"), (YES, _("Yes")), (NO, _("No"))]
        elif criterion.method == ScoringMethod.LEVELS:
            keep.add("choice")
            self.fields["choice"].choices = [("", "—"), *level_choices(criterion)]
        else:
            keep.add("points")
        for name in list(self.fields):
            if name not in keep and name not in self.extra_fields:
                del self.fields[name]

    extra_fields: tuple[str, ...] = ()

    def entry(self) -> dict:
        data = self.cleaned_data
        return {
            "value": data.get("value") or None,
            "choice": data.get("choice") or "",
            "points": data.get("points") or None,
        }


class SelfScoreForm(LineForm):
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    extra_fields = ("note",)


class CrossScoreForm(LineForm):
    reason = forms.CharField(
        label=_("Reason for the difference"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    extra_fields = ("reason",)


class ValidateForm(BootstrapMixin, forms.Form):
    points = _number(_("Validated score"), required=True)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REQUIRED_MESSAGE},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EvidenceForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, Word, Excel, PNG or JPEG."),
        error_messages={"required": _("Choose a file to upload.")},
    )


class AssignForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("Cross-scoring"),
        choices=CrossMode.choices,
        initial=CrossMode.DERANGEMENT,
        widget=forms.RadioSelect,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The same seed gives the same assignment; leave blank to use the round's."),
    )


class TiesForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Decision of the assessing body"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REQUIRED_MESSAGE},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for unit in self.units:
            self.fields[f"unit_{unit.pk}"] = forms.IntegerField(
                label=unit.name,
                min_value=1,
                max_value=999,
                error_messages={"required": REQUIRED_MESSAGE},
            )
            self.fields[f"unit_{unit.pk}"].widget.attrs["class"] = "form-control"

    def orders(self) -> dict[int, int]:
        return {unit.pk: self.cleaned_data[f"unit_{unit.pk}"] for unit in self.units}


class PublicSearchForm(BootstrapMixin, forms.Form):
    """The public index's filters; a bad value answers 400 with the form's message."""

    q = forms.CharField(label=_("Unit"), required=False, max_length=100)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={"invalid": _("Enter a year as a whole number, e.g. 2020.")},
    )
