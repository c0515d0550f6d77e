"""Forms of the registry pages: shape only. The rules are the models' (a ModelForm runs
them when it validates) and the services'."""

import django_filters.fields
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm

from .models import Contact, Document, Organisation, in_reading_order


class InReadingOrder(ModelChoiceIterator):
    """Choices of reference data sorted by their names in the reader's language (a few
    rows: sorted here, after the one query)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for item in in_reading_order(self.queryset):
            yield self.choice(item)


class _FilterInReadingOrder(django_filters.fields.ModelChoiceIterator, InReadingOrder):
    pass


class ReferenceChoiceField(django_filters.fields.ModelChoiceField):
    """A filter's choice of thematic area or impact group (see filters.ReferenceFilter)."""

    iterator = _FilterInReadingOrder


class ReferenceMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = InReadingOrder


class OrganisationForm(VersionedForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Shown (after the IATI type) only when the service asks whether to keep a type that
    # does not fit the sector; see `ask_to_keep_iati_type`.
    keep_iati_type = forms.BooleanField(
        label=_("Keep this type"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "acronym", "sector", "iati_type", "description",
            "legal_status", "registration_number", "registration_authority", "registered_on",
            "country", "province", "commune", "address", "presence", "provinces",
            "thematic_areas", "impact_groups", "founded_year", "staff_size",
            "website", "email", "phone", "notes", "never_publish",
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
        field_classes = {
            "thematic_areas": ReferenceMultipleChoiceField,
            "impact_groups": ReferenceMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = list(self.fields)
        names.remove("keep_iati_type")
        names.insert(names.index("iati_type") + 1, "keep_iati_type")
        self.order_fields(names)
        if self.data.get(self.add_prefix("keep_iati_type")) in ("on", "true", "True", "1"):
            self.ask_to_keep_iati_type()

    def ask_to_keep_iati_type(self):
        """Show the box that confirms an IATI type which does not fit the sector."""
        self.fields["keep_iati_type"].widget = forms.CheckboxInput()

    def offer_to_keep_iati_type(self):
        """After the service refused: offer "Keep this type" when what it refused is an
        IATI type that does not fit the sector (the message is the model's)."""
        # The instance holds what was posted (the form put it there when validating).
        if self.is_bound and "iati_type" in self.errors and (
            self.instance.iati_type_contradiction()
        ):
            self.ask_to_keep_iati_type()

    def confirms_iati_type(self) -> bool:
        return bool(self.cleaned_data.get("keep_iati_type"))

    def changes(self):
        changes = super().changes()
        changes.pop("keep_iati_type", None)
        return changes

class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "is_primary", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class DocumentForm(VersionedForm):
    """A document's details and its file: the file is required when adding, optional
    when editing (left empty, the stored file stays)."""

    class Meta:
        model = Document
        fields = ["kind", "dated", "expires_on", "note", "file"]
        widgets = {
            "dated": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "file": forms.FileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods"}
            ),
        }
        help_texts = {
            "expires_on": _("For a certificate or an approval that has to be renewed."),
            "file": _("PDF, a scan (JPEG, PNG) or an office file (Word, Excel, "
                      "OpenDocument), at most 10 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["file"].required = False
            self.fields["file"].help_text = _(
                "Choose a file only to replace the stored one (the earlier file stays in "
                "the change history)."
            )
