from django import forms
from django.utils.translation import gettext_lazy as _


class LinkForm(forms.Form):
    label = forms.CharField(label=_("Given to"), max_length=200,
                            help_text=_("Whom you give the link to, e.g. a donor's name."))
    expires_on = forms.DateField(label=_("Expires on"),
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"))
