"""Forms of the score card's follow-up: validate at the edge, then hand the cleaned data
to `services_plan`. Choices are narrowed to the round (its indicators, meetings and
invited organisations); the services check again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm
from hamwe.core.models import SHORT_TEXT
from hamwe.partners.models import Organisation

from ..models import Action, InquiryItem, InquirySession, InterfaceMeeting, Round

DATE = forms.DateInput(attrs={"type": "date"})


def invited_organisations(round_):
    return Organisation.objects.filter(
        pk__in=round_.invitations.values("organisation_id")
    ).order_by("name", "pk")


class SelfEvaluationForm(forms.Form):
    """A score and a reason for every indicator of the round, on the round's scale."""

    def __init__(self, *args, round_, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            own = getattr(indicator, "self_score", None)
            self.fields[f"score_{indicator.pk}"] = forms.FloatField(
                label=_("Our score"),
                min_value=round_.scale_min,
                max_value=round_.scale_max,
                initial=own.score if own else None,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )
            self.fields[f"reason_{indicator.pk}"] = forms.CharField(
                label=_("Why"),
                required=False,
                max_length=SHORT_TEXT,
                initial=own.reason if own else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(i, self[f"score_{i.pk}"], self[f"reason_{i.pk}"]) for i in self.indicators]

    def scores(self):
        return [
            {
                "indicator": i,
                "score": self.cleaned_data[f"score_{i.pk}"],
                "reason": self.cleaned_data[f"reason_{i.pk}"],
            }
            for i in self.indicators
        ]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = InterfaceMeeting
        fields = ["held_on", "organisations", "agreed"]
        widgets = {
            "held_on": DATE,
            "organisations": forms.CheckboxSelectMultiple,
            "agreed": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "organisations": _("The partner organisations invited to the round that took part."),
            "agreed": _("The main points agreed between the partners and the home organisation."),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = invited_organisations(round_)
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["text", "indicator", "meeting", "owner", "owner_organisation", "due_on"]
        labels = {"owner_organisation": _("Owner organisation")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "owner": forms.RadioSelect,
            "due_on": DATE,
        }
        help_texts = {
            "indicator": _("The indicator the action should improve, if any."),
            "owner_organisation": _("Only when a partner owns the action."),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = round_.indicators.all()
        self.fields["indicator"].label_from_instance = lambda i: f"{i.wording}"
        self.fields["indicator"].empty_label = _("None")
        self.fields["meeting"].queryset = round_.meetings.order_by("-held_on", "-pk")
        self.fields["meeting"].empty_label = _("None")
        self.fields["owner_organisation"].queryset = invited_organisations(round_)
        self.fields["owner_organisation"].empty_label = _("None")
        # Three owners to choose from, none chosen for the user (no "---------" either).
        self.fields["owner"].choices = Action.Owner.choices


class ActionStatusForm(VersionedForm):
    class Meta:
        model = Action
        fields = ["status", "follow_up"]
        widgets = {"follow_up": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"follow_up": _("What was done, what is in the way, what comes next.")}


class InquiryForm(forms.ModelForm):
    class Meta:
        model = InquirySession
        fields = ["held_on", "topics", "organisations", "round"]
        labels = {"round": _("Score-card round")}
        widgets = {
            "held_on": DATE,
            "topics": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "topics": _("Three to five affirmative topics, one per line."),
            "round": _("The round whose follow-up the inquiry feeds, if any."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.visible_to(user).order_by(
            "name", "pk"
        )
        self.fields["round"].queryset = Round.objects.visible_to(user)
        self.fields["round"].empty_label = _("None")
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())


class InquiryItemForm(forms.ModelForm):
    class Meta:
        model = InquiryItem
        fields = ["text"]  # the step comes with the form's own hidden "step" input
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class PropositionForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Draft round"),
        queryset=Round.objects.filter(status=Round.Status.DRAFT),
        empty_label=None,
        help_text=_("Indicators are added only to a round that has not opened."),
    )


class CommitmentForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=Round.objects.all(),
        empty_label=None,
    )
    owner = forms.ChoiceField(label=_("Owner"), choices=Action.Owner.choices)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only when a partner owns the action."),
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.visible_to(user)
        self.fields["owner_organisation"].queryset = Organisation.objects.visible_to(user).order_by(
            "name", "pk"
        )
