"""Forms of reporting pages: shape only (the rules are the models' and the services')."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm

from .models import BudgetLine, Report, Responsibility, Schedule, Section, Settings, Submission


class SectionForm(VersionedForm):
    class Meta:
        model = Section
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class LineForm(VersionedForm):
    class Meta:
        model = BudgetLine
        fields = ["code", "label", "budget", "actual", "budget_to_date", "actual_to_date",
                  "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}


class CurrencyForm(VersionedForm):
    class Meta:
        model = Report
        fields = ["currency", "exchange_rate"]


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (Submission.Decision.REVISION, _("Request a revision")),
        (Submission.Decision.APPROVED, _("Approve"))])
    note = forms.CharField(label=_("Note to the partner"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ScheduleForm(forms.ModelForm):
    year = forms.IntegerField(label=_("Plan the reports of fiscal year"), min_value=2000,
                              max_value=2100)

    class Meta:
        model = Schedule
        fields = ["organisation", "report_type", "frequency", "due_days", "remind_days",
                  "currency"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        from hamwe.partners.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=partnership.parties.values("organisation")).order_by("name")


class PlanYearForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)


class ResponsibilityForm(forms.ModelForm):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)

    class Meta:
        model = Responsibility
        fields = ["year", "planning", "monitoring", "donors", "reporting"]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Settings
        fields = ["variance_threshold"]


class BoardFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Any")), ("due", _("Due")), ("late", _("Late")), ("submitted", _("Submitted")),
        ("in_review", _("In review")), ("revision", _("Revision requested")),
        ("approved", _("Approved"))])
    report_type = forms.ChoiceField(label=_("Report"), required=False, choices=[
        ("", _("Any")), ("narrative", _("Narrative")), ("financial", _("Financial"))])
    year = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2000,
                              max_value=2100)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    partnership = forms.IntegerField(required=False, widget=forms.HiddenInput)
