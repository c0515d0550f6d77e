"""Forms of the registry pages: shape only. The rules are the models' (a ModelForm runs
them when it validates) and the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm

from .models import Contact, Organisation


class OrganisationForm(VersionedForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name", "acronym", "sector", "iati_type", "description",
            "legal_status", "registration_number", "registration_authority", "registered_on",
            "country", "province", "commune", "address", "presence", "provinces",
            "thematic_areas", "impact_groups", "founded_year", "staff_size",
            "website", "email", "phone", "notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "registered_on": forms.DateInput(attrs={"type": "date"}),
            "provinces": forms.CheckboxSelectMultiple,
            "thematic_areas": forms.CheckboxSelectMultiple,
            "impact_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "iati_type": _("Left empty, it is filled from the sector where IATI has a code."),
        }

class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "is_primary", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
