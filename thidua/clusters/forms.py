from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm
from thidua.organizations.models import Unit

from .models import ClusterKind, DocumentKind


class EmulationYearForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    theme = forms.CharField(
        label=_("Theme of the year"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClusterForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ClusterKind.choices)
    number = forms.CharField(label=_("Number"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    leader = forms.ModelChoiceField(
        label=_("Leader unit"), queryset=Unit.objects.none(), required=False
    )
    deputy = forms.ModelChoiceField(
        label=_("Deputy unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = candidates if candidates is not None else Unit.objects.none()
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = qs


class ClusterEditForm(ClusterForm, VersionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].disabled = True
        self.fields["kind"].required = False


class ClusterDocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Number and symbol"), max_length=60)
    issued_on = forms.DateField(label=_("Date issued"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File (PDF, Word, Excel, image)"))


class NextLeaderForm(BootstrapMixin, forms.Form):
    next_leader = forms.ModelChoiceField(
        label=_("Next year's leader"), queryset=Unit.objects.none()
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_leader"].queryset = (
            candidates if candidates is not None else (Unit.objects.none())
        )
