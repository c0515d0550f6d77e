"""Forms of the due-diligence pages: shape only (the rules are the models' and the
services')."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm

from ..models import DiligenceItem, DiligenceRequirement, DiligenceStatus, Document, RiskFlag


class AnswerForm(VersionedForm):
    """The partner's own answer."""

    class Meta:
        model = DiligenceItem
        fields = ["partner_status", "partner_comment"]
        widgets = {"partner_status": forms.RadioSelect(choices=DiligenceStatus.choices),
                   "partner_comment": forms.Textarea(attrs={"rows": 3})}
        labels = {"partner_status": _("Where your organisation stands"),
                  "partner_comment": _("Your comment")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_status"].choices = DiligenceStatus.choices  # no blank radio


class ReviewForm(VersionedForm):
    """The home reviewer's verdict."""

    class Meta:
        model = DiligenceItem
        fields = ["status", "comment", "reviewed_on"]
        widgets = {"status": forms.RadioSelect(choices=DiligenceStatus.choices),
                   "comment": forms.Textarea(attrs={"rows": 3}),
                   "reviewed_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"reviewed_on": _("Left empty: today.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = DiligenceStatus.choices  # no blank radio

    def clean_reviewed_on(self):
        return self.cleaned_data.get("reviewed_on") or timezone.localdate()


class EvidenceForm(forms.Form):
    """Evidence for an item: a document already on the record, or a new file."""

    document = forms.ModelChoiceField(
        label=_("A document already on the record"), queryset=Document.objects.none(),
        required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=Document.Kind.choices, required=False)
    dated = forms.DateField(label=_("Date of the document"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(label=_("Expires on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(
        label=_("Or a new file"), required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods"}),
        help_text=_("PDF, a scan (JPEG, PNG) or an office file (Word, Excel, OpenDocument), "
                    "at most 10 MB."))

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

    def clean(self):
        data = super().clean()
        if not data.get("document") and not data.get("file"):
            raise forms.ValidationError(_("Choose a document, or upload a new one."))
        if data.get("file") and not (data.get("kind") and data.get("dated")):
            raise forms.ValidationError(_("A new document needs its type and its date."))
        return data

    def new_document(self):
        data = self.cleaned_data
        return {"kind": data["kind"], "dated": data["dated"],
                "expires_on": data.get("expires_on"), "file": data["file"]}


class RequirementForm(VersionedForm):
    class Meta:
        model = DiligenceRequirement
        fields = ["text", "evidence", "position", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}),
                   "evidence": forms.Textarea(attrs={"rows": 3})}


class RiskFlagForm(VersionedForm):
    class Meta:
        model = RiskFlag
        fields = ["level", "category", "description", "raised_on", "closed_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "raised_on": forms.DateInput(attrs={"type": "date"}),
                   "closed_on": forms.DateInput(attrs={"type": "date"})}
