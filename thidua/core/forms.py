from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import StaleEditError


def apply_action_error(form: forms.Form, exc: Exception) -> int:
    """Put an action's error on the form; return the HTTP status that fits."""
    if isinstance(exc, StaleEditError):
        form.add_error(None, str(exc.message))
        return 409
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return 400
    raise exc


class VersionedForm(forms.Form):
    """Edit forms carry the version the editor saw, so a stale save is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapMixin:
    """Adds Bootstrap classes to widgets so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


REQUIRED_MESSAGE = _("This field cannot be empty.")


class AuditFilterForm(BootstrapMixin, forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())


# Django's validator message for text with a NUL character: Django's own Vietnamese catalogue
# leaves it untranslated, so the project catalogue carries it (marked here for makemessages).
NULL_CHARACTERS_MESSAGE = _("Null characters are not allowed.")
