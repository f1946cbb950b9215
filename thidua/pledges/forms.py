"""Forms of the pledge pages. Numbers are read as text ("2,5" or "2.5") and checked by the
actions, so a page, the API and the Excel import give the same Vietnamese messages."""

import json

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm
from thidua.organizations.models import Unit

from .models import (
    AdjustmentKind,
    ContentGroup,
    Criterion,
    PledgeVersion,
    ScoringMethod,
    TieBreakKind,
)


def _number(label, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _text(label, *, rows=2, required=True):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class PledgeCreateForm(BootstrapMixin, forms.Form):
    source = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=PledgeVersion.objects.none(),
        required=False,
        empty_label=_("An empty pledge"),
        help_text=_("Copy the criteria, rules and grades of an earlier year's pledge."),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    scale = _number(_("Scale (total of maximum scores)"), required=True)
    theme = _text(_("Theme of the year"), required=False)

    def __init__(self, *args, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sources is not None:
            self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = lambda v: (
            f"{v.pledge.cluster.emulation_year.year} · {v.pledge.cluster.name} · {v.title}"
        )


class SettingsForm(BootstrapMixin, VersionedForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    theme = _text(_("Theme of the year"), required=False)
    commitments = _text(_("General commitments and rules"), rows=4, required=False)
    scale = _number(_("Scale (total of maximum scores)"), required=True)
    bonus_cap = _number(_("Maximum bonus for the pledge"))
    penalty_cap = _number(_("Maximum penalty for the pledge"))
    reason = _text(_("Reason for the amendment"), required=False)

    def __init__(self, *args, amendment=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not amendment:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True


class KeyTaskForm(BootstrapMixin, forms.Form):
    text = _text(_("Key task"), rows=3)


class KeyTaskEditForm(KeyTaskForm, VersionedForm):
    position = forms.IntegerField(label=_("Position"), required=False)


class GroupForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Content group"), max_length=255)
    bonus_cap = _number(_("Maximum bonus for the group"), help_text=_("Empty: no cap of its own."))
    penalty_cap = _number(
        _("Maximum penalty for the group"), help_text=_("Empty: no cap of its own.")
    )


class GroupEditForm(GroupForm, VersionedForm):
    position = forms.IntegerField(label=_("Position"), required=False)


class CriterionForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    text = _text(_("Criterion"), rows=3)
    max_score = _number(_("Maximum score"), required=True)
    method = forms.ChoiceField(label=_("Scoring method"), choices=ScoringMethod.choices)
    target_value = _number(_("Target"), help_text=_("Quantitative target only."))
    target_unit = forms.CharField(
        label=_("Unit of the target"), required=False, help_text=_("For example %, hộ, tỷ đồng.")
    )
    threshold_value = _number(
        _("Threshold"), help_text=_("Below it the criterion scores 0 (quantitative, optional).")
    )
    levels = forms.CharField(
        label=_("Levels"),
        required=False,
        help_text=_("Graded scoring only: “Tốt: 10; Khá: 7; Trung bình: 5”, best first."),
    )
    evidence = _text(_("Evidence required"), required=False)
    bonus_cap = _number(_("Maximum bonus for the criterion"))
    penalty_cap = _number(_("Maximum penalty for the criterion"))

    def __init__(self, *args, version=None, criterion=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            attrs = self.fields["max_score"].widget.attrs
            attrs.update(
                {
                    "hx-get": reverse("pledges:running_total", args=[version.pk]),
                    "hx-trigger": "input changed delay:300ms, load",
                    "hx-target": "#running-total",
                    "hx-swap": "outerHTML",
                    "hx-include": "this",
                }
            )
            if criterion is not None:
                attrs["hx-vals"] = json.dumps({"criterion": criterion.pk})


class CriterionEditForm(CriterionForm, VersionedForm):
    group = forms.ModelChoiceField(label=_("Content group"), queryset=ContentGroup.objects.none())
    position = forms.IntegerField(label=_("Position"), required=False)

    field_order = ["group", "code", "text", "max_score"]

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups


class RuleForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AdjustmentKind.choices)
    text = _text(_("Rule"))
    points = _number(_("Points each time"), required=True)
    criterion = forms.ModelChoiceField(
        label=_("Criterion"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    group = forms.ModelChoiceField(
        label=_("Content group"),
        queryset=ContentGroup.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("Neither criterion nor group: the rule applies to the whole pledge."),
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["criterion"].queryset = version.criteria.order_by("position", "pk")
            self.fields["group"].queryset = version.groups.order_by("position", "pk")


class RuleEditForm(RuleForm, VersionedForm):
    pass


class GradeRowForm(BootstrapMixin, forms.Form):
    label = forms.CharField(label=_("Grade"), max_length=80, required=False)
    min_score = _number(_("From (points)"))
    excluded_by_zero_criterion = forms.BooleanField(
        label=_("Ruled out when a criterion scores 0"), required=False
    )

    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (data.get("label") or data.get("min_score"))


class TieBreakRowForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Rule"), choices=[("", "—"), *TieBreakKind.choices], required=False
    )
    group = forms.ModelChoiceField(
        label=_("Content group"), queryset=ContentGroup.objects.none(), required=False
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups


GradeFormSet = forms.formset_factory(GradeRowForm, extra=0, max_num=10, absolute_max=10)
TieBreakFormSet = forms.formset_factory(TieBreakRowForm, extra=0, max_num=8, absolute_max=8)


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx) in the template's layout"))


class SignForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Sign for"), queryset=Unit.objects.none(), empty_label=None
    )
    signed_on = forms.DateField(
        label=_("Signed on"), widget=DateInput(), help_text=_("The day of the signing ceremony.")
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["signed_on"].initial = timezone.localdate()


class AmendForm(BootstrapMixin, forms.Form):
    reason = _text(_("Reason for the amendment"), rows=3)


class ConfirmForm(forms.Form):
    """A button that posts: open for signing, withdraw, delete."""
