from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SECTOR_IATI_TYPE, Contact, Organisation


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from, so a later save can spot a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def expected_version(self):
        return self.cleaned_data.get("version") or self.instance.version

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


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

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Organisation.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("An organisation with this name is already in the registry.")
            )
        return name

    def clean(self):
        data = super().clean()
        if data.get("sector") and not data.get("iati_type"):
            data["iati_type"] = SECTOR_IATI_TYPE.get(data["sector"])
        if data.get("province") and data.get("country") and data["province"].country != data[
            "country"
        ]:
            self.add_error("province", _("This province is not in the chosen country."))
        return data


class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "is_primary", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give at least an e-mail address or a phone number."))
        return data
