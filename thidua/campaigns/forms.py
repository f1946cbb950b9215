"""Forms of the campaigns pages. They parse input; the rules live in the actions."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.clusters.models import Cluster
from thidua.core import vn
from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm
from thidua.organizations.models import Person, Unit

from .catalog import AWARD_CHOICES
from .models import LaunchLevel, MeasureKind, ModelKind, Movement, MovementKind

_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_vn_decimal(text: str) -> Decimal:
    """Read a number as Vietnamese write it: "14,6", "1.300.000", "14,6 tỷ", "50%", "1.234,5".

    The comma is the decimal separator and the dot groups thousands; a lone dot followed by
    something other than three-digit groups ("14.6") is read as a decimal point.
    """
    words = vn.clean_text(text).lower().replace("đồng", "").replace("%", "").split()
    scale = 1
    if words and words[-1] in _SCALES:
        scale = _SCALES[words.pop()]
    number = "".join(words)
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif _GROUPED.match(number):
        number = number.replace(".", "")
    try:
        value = Decimal(number) * scale
    except InvalidOperation as exc:
        raise ValidationError(_("Enter a number, e.g. 14,6 or 1.300.000.")) from exc
    if not value.is_finite():
        raise ValidationError(_("Enter a number, e.g. 14,6 or 1.300.000."))
    return value


class VnDecimalField(forms.CharField):
    """A decimal typed the Vietnamese way; the sign is kept so the action can refuse it."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_vn_decimal(value)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _units(queryset=None):
    return queryset if queryset is not None else Unit.objects.none()


class MovementForm(BootstrapMixin, forms.Form):
    launched_by = forms.ModelChoiceField(label=_("Launched by"), queryset=Unit.objects.none())
    cluster = forms.ModelChoiceField(
        label=_("For the cluster (optional)"), queryset=Cluster.objects.none(), required=False
    )
    name = forms.CharField(label=_("Name of the movement"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    level = forms.ChoiceField(
        label=_("Launched at level"),
        choices=[("", _("As the launching unit")), *LaunchLevel.choices],
        required=False,
    )
    start_year = forms.IntegerField(label=_("Start year"), min_value=1945, max_value=2100)
    years = forms.IntegerField(label=_("Duration (years)"), min_value=1, max_value=100, initial=1)
    launched_on = forms.DateField(label=_("Launched on"), required=False, widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=_textarea())

    def __init__(self, *args, units=None, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launched_by"].queryset = _units(units)
        self.fields["cluster"].queryset = (
            clusters if clusters is not None else Cluster.objects.none()
        )


class MovementEditForm(BootstrapMixin, VersionedForm):
    name = forms.CharField(label=_("Name of the movement"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    start_year = forms.IntegerField(label=_("Start year"), min_value=1945, max_value=2100)
    years = forms.IntegerField(label=_("Duration (years)"), min_value=1, max_value=100)
    launched_on = forms.DateField(label=_("Launched on"), required=False, widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=_textarea())


class MovementLeaderForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Leading unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)


class CampaignFields(forms.Form):
    name = forms.CharField(label=_("Name of the peak campaign"), max_length=255)
    occasion = forms.CharField(label=_("Occasion"), required=False, widget=_textarea(2))
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    launched_on = forms.DateField(label=_("Launched on"), required=False, widget=DateInput())
    plan_number = forms.CharField(
        label=_("Plan number"), max_length=60, required=False, help_text=_("e.g. 172/KH-UBND")
    )
    plan_date = forms.DateField(label=_("Plan date"), required=False, widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=_textarea())


class CampaignForm(BootstrapMixin, CampaignFields):
    launched_by = forms.ModelChoiceField(label=_("Launched by"), queryset=Unit.objects.none())
    cluster = forms.ModelChoiceField(
        label=_("For the cluster (optional)"), queryset=Cluster.objects.none(), required=False
    )
    movement = forms.ModelChoiceField(
        label=_("Within the movement (optional)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    field_order = ["launched_by", "cluster", "movement"]

    def __init__(self, *args, units=None, clusters=None, movements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launched_by"].queryset = _units(units)
        self.fields["cluster"].queryset = (
            clusters if clusters is not None else Cluster.objects.none()
        )
        self.fields["movement"].queryset = (
            movements if movements is not None else Movement.objects.none()
        )


class CampaignEditForm(BootstrapMixin, CampaignFields, VersionedForm):
    pass


class TargetForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Target"), max_length=255)
    measure = forms.ChoiceField(label=_("Kind of value"), choices=MeasureKind.choices)
    unit_of_measure = forms.CharField(
        label=_("Unit of measure"),
        max_length=60,
        required=False,
        help_text=_("For counts, e.g. “hộ thoát nghèo”, “công trình”."),
    )
    goal = VnDecimalField(label=_("Goal (optional)"), required=False)


class ProgressReportForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Reporting unit"), queryset=Unit.objects.none())
    as_of = forms.DateField(label=_("As of"), widget=DateInput())
    value = VnDecimalField(
        label=_("Value"), help_text=_("Money in đồng (14,6 tỷ), a count, or a percentage.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)
        if units is not None and len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class ProgressReportEditForm(BootstrapMixin, VersionedForm):
    as_of = forms.DateField(label=_("As of"), widget=DateInput())
    value = VnDecimalField(label=_("Value"))
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))


class RegistrationRuleForm(BootstrapMixin, forms.Form):
    min_models = forms.IntegerField(
        label=_("Minimum thematic emulations or new models per member"),
        min_value=0,
        max_value=50,
        initial=1,
    )
    deadline = forms.DateField(label=_("Registration deadline"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Rule as written"), required=False, widget=_textarea(2))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _lines(text: str) -> list[str]:
    return [line for line in (vn.clean_text(x) for x in (text or "").splitlines()) if line]


class RegistrationForm(BootstrapMixin, forms.Form):
    titles = forms.MultipleChoiceField(
        label=_("Titles and forms of commendation aimed for"),
        choices=AWARD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    thematic = forms.CharField(
        label=_("Thematic emulations (one per line)"), required=False, widget=_textarea()
    )
    new_models = forms.CharField(
        label=_("New models (one per line)"), required=False, widget=_textarea()
    )
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def entries(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(ModelKind.THEMATIC, n) for n in _lines(data["thematic"])] + [
            (ModelKind.NEW_MODEL, n) for n in _lines(data["new_models"])
        ]


class InspectionPlanForm(BootstrapMixin, forms.Form):
    inspecting = forms.ModelChoiceField(label=_("Inspecting unit"), queryset=Unit.objects.none())
    inspected = forms.ModelChoiceField(label=_("Inspected unit"), queryset=Unit.objects.none())
    planned_on = forms.DateField(label=_("Planned on"), widget=DateInput())

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspecting"].queryset = _units(members)
        self.fields["inspected"].queryset = _units(members)


class InspectionRecordForm(BootstrapMixin, VersionedForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    findings = forms.CharField(label=_("Findings"), widget=_textarea(5))


class ExemplarForm(BootstrapMixin, forms.Form):
    recognised_by = forms.ModelChoiceField(label=_("Recognised by"), queryset=Unit.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Exemplary unit"), queryset=Unit.objects.none(), required=False
    )
    person = forms.ModelChoiceField(
        label=_("or exemplary person"), queryset=Person.objects.none(), required=False
    )
    achievement = forms.CharField(label=_("Achievement"), widget=_textarea(4))
    movement = forms.ModelChoiceField(
        label=_("In the movement (optional)"), queryset=Movement.objects.none(), required=False
    )
    recognised_on = forms.DateField(label=_("Recognised on"), widget=DateInput())
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)

    def __init__(self, *args, units=None, subjects=None, people=None, movements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognised_by"].queryset = _units(units)
        self.fields["unit"].queryset = _units(subjects)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["movement"].queryset = (
            movements if movements is not None else Movement.objects.none()
        )


class ExemplarEditForm(BootstrapMixin, VersionedForm):
    achievement = forms.CharField(label=_("Achievement"), widget=_textarea(4))
    recognised_on = forms.DateField(label=_("Recognised on"), widget=DateInput())
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)


class ReplicationForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Replicated in"), queryset=Unit.objects.none())
    replicated_on = forms.DateField(label=_("Replicated on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)
