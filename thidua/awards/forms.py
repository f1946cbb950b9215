"""Forms of the award pages. They validate input shapes; the rules live in the actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm
from thidua.organizations.models import Person, Unit

from .models import (
    AwardBasis,
    AwardType,
    DisciplineCode,
    Fact,
    Initiative,
    InnovationKind,
    MatterKind,
    Rating,
    Scope,
)

YEAR = {"min_value": 1945, "max_value": 2100}


def _this_year() -> int:
    return timezone.localdate().year


class DecisionForm(BootstrapMixin, forms.Form):
    recorded_in = forms.ModelChoiceField(
        label=_("Recorded by the board of"), queryset=Unit.objects.none()
    )
    number = forms.CharField(
        label=_("Number and symbol"), max_length=60, help_text=_("For example 1234/QĐ-UBND.")
    )
    signed_on = forms.DateField(label=_("Date signed"), widget=DateInput())
    issuer = forms.ModelChoiceField(
        label=_("Issuing authority (unit in the system)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    issuer_name = forms.CharField(
        label=_("Issuing authority"),
        max_length=255,
        required=False,
        help_text=_(
            "As written on the decision, e.g. “UBND Thành phố Hà Nội”, “Chủ tịch nước”. "
            "Empty: the name of the unit chosen above."
        ),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, boards=None, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_in"].queryset = boards if boards is not None else Unit.objects.none()
        self.fields["issuer"].queryset = issuers if issuers is not None else Unit.objects.none()


class DecisionEditForm(DecisionForm, VersionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["recorded_in"]


class RecipientForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Empty: the award goes to the unit itself."),
    )
    award_type = forms.ModelChoiceField(label=_("Title or form"), queryset=AwardType.objects.all())
    year = forms.IntegerField(label=_("Evaluation year"), **YEAR)
    basis = forms.ChoiceField(
        label=_("Basis"), choices=AwardBasis.choices, initial=AwardBasis.MERIT
    )
    based_on = forms.ModelMultipleChoiceField(
        label=_("Initiatives and projects used"),
        queryset=Initiative.objects.none(),
        required=False,
    )

    def __init__(self, *args, units=None, people=None, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["based_on"].queryset = (
            initiatives if initiatives is not None else Initiative.objects.none()
        )
        self.fields["award_type"].label_from_instance = lambda t: t.display_name

    def clean(self):
        data = super().clean()
        person, unit = data.get("person"), data.get("unit")
        if person is not None and unit is not None and person.unit_id != unit.pk:
            self.add_error("person", _("This person does not belong to the chosen unit."))
        return data

    @property
    def subject(self):
        return self.cleaned_data.get("person") or self.cleaned_data.get("unit")


class RatingForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)


class RatingEditForm(BootstrapMixin, VersionedForm):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)


class FactForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    fact = forms.ChoiceField(label=_("Judgement"), choices=Fact.choices)
    note = forms.CharField(
        label=_("Source (minutes, report)"),
        max_length=255,
        required=False,
        help_text=_("Where the judgement is written, e.g. the minutes of the review meeting."),
    )


class InitiativeForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InnovationKind.choices)
    title = forms.CharField(label=_("Name of the initiative or project"), max_length=500)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    recognised_year = forms.IntegerField(label=_("Year recognised"), **YEAR)
    recognised_by = forms.CharField(label=_("Recognised by"), max_length=255, required=False)
    reference = forms.CharField(label=_("Certificate or decision"), max_length=120, required=False)


class InitiativeEditForm(InitiativeForm, VersionedForm):
    pass


class DisciplineForm(BootstrapMixin, forms.Form):
    code = forms.ChoiceField(label=_("Measure"), choices=DisciplineCode.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Period ends on"), widget=DateInput(), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DisciplineEditForm(DisciplineForm, VersionedForm):
    pass


class MatterForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MatterKind.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseMatterForm(BootstrapMixin, VersionedForm):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MaternityForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)


class ConfirmForm(forms.Form):
    """A POST with nothing but the CSRF token: the confirmation of a removal."""


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx) in the template's format"))
