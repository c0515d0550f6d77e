from django import forms
from django.utils.translation import gettext_lazy as _

from . import imports


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(label=_("File (CSV or XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, kind.title) for k, kind in imports.kinds().items()]


class PublisherForm(forms.Form):
    identifier = forms.CharField(label=_("IATI organisation identifier"), max_length=100,
                                 help_text=_("As the IATI Registry knows the home "
                                             "organisation, for example BI-MIN-1234."))
    currency = forms.CharField(label=_("Default currency"), max_length=3, initial="USD")
    documents_url = forms.URLField(label=_("Address of published documents"), required=False,
                                   assume_scheme="https")


class ChooseForm(forms.Form):
    partnership = forms.IntegerField(widget=forms.HiddenInput)
    mou_agreed = forms.BooleanField(label=_("The parties agree to publish the MoU"),
                                    required=False)
