"""Forms of the agreement pages: generating a version, the checklist's overrides, and a
party's signature."""

import datetime

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import checklist, selectors
from .services import validate_scan


class GenerateForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the agreement"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.languages()
        self.fields["language"].choices = choices
        # The policy's own language first: an agreement quotes the policy, and its source
        # text prevails over any translation (selectors.languages puts it first).
        pack_language = selectors.pack_language()
        codes = [code for code, _name in choices]
        current = (get_language() or "").split("-")[0]
        if pack_language in codes:
            self.fields["language"].initial = pack_language
        else:
            self.fields["language"].initial = current if current in codes else codes[0]


class ChecklistForm(forms.Form):
    not_relevant = forms.MultipleChoiceField(
        label=_("Not relevant to this partnership"),
        choices=[(i.key, i.label) for i in checklist.INGREDIENTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SignatureForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=None, empty_label=None)
    signatory = forms.CharField(label=_("Signed by"), max_length=200)
    title = forms.CharField(label=_("Position"), max_length=200, required=False)
    signed_on = forms.DateField(
        label=_("Date of signature"), widget=forms.DateInput(attrs={"type": "date"})
    )
    scan = forms.FileField(
        label=_("Scanned copy"),
        required=False,
        validators=[validate_scan],
        help_text=_("The signed page: a PDF, JPEG or PNG of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda party: party.organisation.name
        if not self.is_bound:
            self.fields["signed_on"].initial = datetime.date.today()

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > datetime.date.today():
            raise forms.ValidationError(_("The date of signature cannot be in the future."))
        return value
