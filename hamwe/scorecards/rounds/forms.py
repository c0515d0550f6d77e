"""Forms of the rounds area: a round, its indicators, proposals, thresholds, invitations,
and the answer form (one score, reason and suggestion per indicator)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.core.forms import VersionedForm
from hamwe.partners.models import Organisation

from ..models import Indicator, Proposal, Round


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "period", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"period": _("For example the fiscal year, such as FY26.")}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["key", "text", "source"]
        help_texts = {
            "key": _("Short name in lowercase with hyphens; the same key in the next round "
                     "lets results be compared."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Proposed indicators come from accepting a partner's proposal.
        self.fields["source"].choices = [
            c for c in Indicator.Source.choices if c[0] != Indicator.Source.PROPOSED
        ]


class IndicatorTextForm(forms.Form):
    text = forms.CharField(label=_("Statement"), max_length=400)


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["text"]


class ProposalDecisionForm(forms.Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class ThresholdsForm(VersionedForm):
    class Meta:
        model = Round
        fields = ["min_group_scores", "min_group_comments"]


def invitable_organisations():
    """Organisations with at least one active partner user."""
    return access.organisations_with_partner_users(Organisation.objects.all()).order_by("name")


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every active partner user of each organisation is invited by e-mail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = invitable_organisations()


FACES = (  # five faces, from the lowest score to the highest
    ("face-1", _("Very unhappy")),
    ("face-2", _("Unhappy")),
    ("face-3", _("Neither happy nor unhappy")),
    ("face-4", _("Happy")),
    ("face-5", _("Very happy")),
)


def score_choices(round_):
    """The round's scale as choices: steps of 10 on a 0–100 % scale, of 1 on a short one;
    with faces, five evenly spaced scores, each named by its face."""
    lo, hi = round_.scale_min, round_.scale_max
    if round_.scale_display == "faces":
        step = (hi - lo) / (len(FACES) - 1)
        return [("", _("Not scored"))] + [
            (f"{lo + n * step:g}", label) for n, (_face, label) in enumerate(FACES)
        ]
    percent = lo == 0 and hi == 100
    step = 10 if percent else 1 if hi - lo <= 10 else (hi - lo) / 10
    choices = [("", _("Not scored"))]
    value = lo
    while value <= hi + 1e-9:
        number = f"{value:g}"
        choices.append((number, f"{number}\u00a0%" if percent else number))
        value += step
    return choices


def scale_label(round_):
    lo, hi = f"{round_.scale_min:g}", f"{round_.scale_max:g}"
    if round_.scale_min == 0 and round_.scale_max == 100:
        lo, hi = "0\u00a0%", "100\u00a0%"
    return _("from %(lo)s (lowest) to %(hi)s (highest)") % {"lo": lo, "hi": hi}


class AnswerForm(forms.Form):
    """Per indicator: a score over the round's scale, a reason and a suggestion, all
    optional, but at least one score."""

    def __init__(self, *args, round_, indicators, group=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        if group:
            self.fields["group_size"] = forms.IntegerField(
                label=_("People in the group"), min_value=2, max_value=500,
                help_text=_("How many people agreed these scores together (at least two)."),
            )
        choices = score_choices(round_)
        self.faces = round_.scale_display == "faces"
        for indicator in self.indicators:
            pk = indicator.pk
            # Radio buttons in a row: one tap on a phone, no list to open.
            self.fields[f"score_{pk}"] = forms.ChoiceField(
                label=_("Score"), choices=choices[1:], required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Why this score?"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"suggestion_{pk}"] = forms.CharField(
                label=_("What should change?"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def items(self):
        """(indicator, score field, reason field, suggestion field) for the template."""
        for indicator in self.indicators:
            pk = indicator.pk
            yield indicator, self[f"score_{pk}"], self[f"reason_{pk}"], self[f"suggestion_{pk}"]

    def clean(self):
        data = super().clean()
        for i in self.indicators:
            said = data.get(f"reason_{i.pk}", "").strip() or data.get(
                f"suggestion_{i.pk}", "").strip()
            if said and not data.get(f"score_{i.pk}"):
                # The answer keeps words only beside a score: say so rather than drop them.
                self.add_error(f"score_{i.pk}", _("Give a score with your words, or "
                                                  "leave them out."))
        return data

    def scores(self):
        """The answer as the services take it: only scored indicators."""
        data = self.cleaned_data
        return [
            {
                "indicator": i.pk,
                "score": float(data[f"score_{i.pk}"]),
                "reason": data.get(f"reason_{i.pk}", ""),
                "suggestion": data.get(f"suggestion_{i.pk}", ""),
            }
            for i in self.indicators
            if data.get(f"score_{i.pk}")
        ]
