from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm

from .models import Sex, SuccessionKind, Unit, UnitKind


class UnitForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    short_name = forms.CharField(label=_("Short name"), max_length=120)
    name = forms.CharField(label=_("Full name"), max_length=255)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DateInput())
    women_share = forms.IntegerField(
        label=_("Share of women (%)"), required=False, min_value=0, max_value=100
    )


class UnitEditForm(UnitForm, VersionedForm):
    parent = forms.ModelChoiceField(
        label=_("Parent unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Unit.objects.none()


class EndUnitForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("How it ends"), choices=SuccessionKind.choices)
    ended_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    successors = forms.ModelMultipleChoiceField(
        label=_("Successor units"), queryset=Unit.objects.none()
    )
    basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successors"].queryset = (
            candidates if candidates is not None else (Unit.objects.none())
        )


class PersonForm(BootstrapMixin, forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=50)
    middle_name = forms.CharField(label=_("Middle name"), max_length=80, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=50)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    position = forms.CharField(label=_("Position"), max_length=200, required=False)


class PersonEditForm(PersonForm, VersionedForm):
    pass
