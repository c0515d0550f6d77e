"""Forms of the people pages: shape only; the services and models hold the rules."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.core.models import SHORT_TEXT

from .models import IMPORTANCE, SCALE, Appointment, DevelopmentAction

DATE = forms.DateInput(attrs={"type": "date"})


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["position", "user", "name", "manager", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"] = forms.ChoiceField(label=_("key position"),
                                                    choices=list(positions))
        staff = access.home_users()
        self.fields["user"].queryset = staff
        self.fields["manager"].queryset = staff
        self.fields["user"].help_text = _("Or, for a person without an account, their name.")


class EndForm(forms.Form):
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    closes_on = forms.DateField(label=_("closes on"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("partners to consult"), queryset=None,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations


def _rows(form, competencies, *, score_choices, score_label, required):
    """One score and one comment field per competency: (competency, score, comment)."""
    rows = []
    for key, competency in competencies:
        form.fields[f"score_{key}"] = forms.TypedChoiceField(
            label=capfirst(score_label), choices=[("", "—"), *score_choices] if not required
            else list(score_choices), coerce=int, required=required,
            empty_value=None, widget=forms.RadioSelect)
        form.fields[f"comment_{key}"] = forms.CharField(
            label=capfirst(_("comment")), required=False, max_length=SHORT_TEXT,
            widget=forms.Textarea(attrs={"rows": 2}))
        rows.append((key, competency))
    form.competency_rows = rows


class RatingsForm(forms.Form):
    """A rating on the scale and a comment for every competency of an evaluation."""

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        _rows(self, competencies, score_choices=SCALE, score_label=_("rating"),
              required=True)

    def ratings(self):
        return [{"competency": key, "score": self.cleaned_data[f"score_{key}"],
                 "comment": self.cleaned_data[f"comment_{key}"]}
                for key, _c in self.competency_rows]

    def bound_rows(self):
        return [(c, self[f"score_{k}"], self[f"comment_{k}"]) for k, c in self.competency_rows]


class InputForm(forms.Form):
    """A partner's input: importance and a comment for any competency, named or not."""

    named = forms.TypedChoiceField(
        label=_("Give it"), coerce=lambda v: v == "named", initial="anonymous",
        choices=[("anonymous", _("anonymously")), ("named", _("under my name"))],
        widget=forms.RadioSelect)

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        _rows(self, competencies, score_choices=IMPORTANCE, score_label=_("importance"),
              required=False)

    def inputs(self):
        return [{"competency": key, "importance": self.cleaned_data[f"score_{key}"],
                 "comment": self.cleaned_data[f"comment_{key}"]}
                for key, _c in self.competency_rows]

    def bound_rows(self):
        return [(c, self[f"score_{k}"], self[f"comment_{k}"]) for k, c in self.competency_rows]


class EvaluationStartForm(forms.Form):
    appointment = forms.ModelChoiceField(label=_("person in a key position"), queryset=None)
    year = forms.IntegerField(label=_("fiscal year"), min_value=2000, max_value=2100)

    def __init__(self, *args, appointments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointment"].queryset = appointments


class FeedbackInviteForm(forms.Form):
    users = forms.ModelMultipleChoiceField(label=_("partner users to ask"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = users
        self.fields["users"].label_from_instance = (
            lambda u: f"{u.full_name} ({u.organisation.name})")


class FeedbackForm(forms.Form):
    score = forms.TypedChoiceField(label=_("rating"), choices=SCALE, coerce=int,
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=_("comment"), required=False, max_length=SHORT_TEXT,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(forms.ModelForm):
    class Meta:
        model = DevelopmentAction
        fields = ["competency", "text", "due_on"]
        widgets = {"due_on": DATE, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"] = forms.ChoiceField(
            label=_("competency"), required=False,
            choices=[("", "—"), *competencies])


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("done on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)
