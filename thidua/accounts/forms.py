from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin


class ApiTokenForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Token name (what it is for)"), max_length=100)
