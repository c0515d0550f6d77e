"""Forms of the partnership cycle: the qualification questionnaire, gate ticks, stage
moves and the partnership review. They check the shape of what was sent; the rules
(gate complete? loop allowed? every principle rated?) are the services'."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hamwe.core.filters import IdField
from hamwe.core.models import SHORT_TEXT

from ..models import Review

YES_NO = (("yes", _("Yes")), ("no", _("No")))
RATINGS = [(i, str(i)) for i in range(1, 6)]


class QualificationForm(forms.Form):
    """ "Is this a partnership?": one yes/no question per non-partnership pattern of the
    policy ("yes" means the pattern is present)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[self.field_name(q["key"])] = forms.ChoiceField(
                label=q["question"],
                help_text=q["pattern"],
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no.")},
            )

    @staticmethod
    def field_name(key):
        return f"pattern_{key}"

    @classmethod
    def initial_from(cls, check):
        """The answers of an earlier check, to start from."""
        if check is None:
            return {}
        return {cls.field_name(k): "yes" if v else "no" for k, v in check.answers.items()}

    def answers(self):
        return {
            q["key"]: self.cleaned_data[self.field_name(q["key"])] == "yes" for q in self.questions
        }


class GateTickForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what shows this is done.")},
    )


class GateUntickForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)


class StageMoveForm(forms.Form):
    """Where to move: `options` come from `selectors.move_options`. Any stage and phase may
    be sent (a page can be stale): the service says why a move is refused."""

    target = forms.CharField(
        label=_("Move to"),
        widget=forms.Select,
        error_messages={"required": _("Choose where to move.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, and what was decided. Required when going back to an earlier stage."),
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.fields["target"].widget.choices = [("", "—"), *options["groups"]]

    def clean_target(self):
        stage, slash, phase = self.cleaned_data["target"].partition("/")
        if not (stage and slash and phase):
            raise ValidationError(_("Choose where to move."))
        return stage, phase


class ReviewForm(forms.ModelForm):
    """The partnership review (The Partnering Toolbook), with one 1-5 rating per principle
    of the policy, labelled with its name and text."""

    class Meta:
        model = Review
        fields = [
            "held_on",
            "objectives_met",
            "objectives_notes",
            "contributions_delivered",
            "governance_working",
            "membership_change",
            "revise_agreement",
            "recommendation",
        ]
        labels = {
            "objectives_met": _("Were the joint objectives met?"),
            "objectives_notes": _("On the objectives"),
            "contributions_delivered": _("Were the contributions delivered?"),
            "governance_working": _("Is the governance working?"),
            "membership_change": _("Should anyone join or leave?"),
            "revise_agreement": _("Revise the agreement"),
            "recommendation": _("Recommendation"),
        }
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "objectives_met": forms.RadioSelect,
            "objectives_notes": forms.Textarea(attrs={"rows": 3}),
            "contributions_delivered": forms.Textarea(attrs={"rows": 3}),
            "governance_working": forms.Textarea(attrs={"rows": 3}),
            "membership_change": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.RadioSelect,
        }

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principles = principles
        self.fields["objectives_met"].choices = Review.Met.choices
        self.fields["recommendation"].choices = Review.Recommendation.choices
        for p in principles:
            self.fields[self.field_name(p.key)] = forms.TypedChoiceField(
                label=p.name,
                help_text=p.text,
                choices=RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Rate this principle from 1 to 5.")},
            )

    @staticmethod
    def field_name(key):
        return f"principle_{key}"

    def principle_fields(self):
        return [self[self.field_name(p.key)] for p in self.principles]

    def review_fields(self):
        return [self[name] for name in self.Meta.fields]

    def review_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["principle_ratings"] = {
            p.key: self.cleaned_data[self.field_name(p.key)] for p in self.principles
        }
        return data


class ReviewValueForm(forms.Form):
    """What one party expected of the partnership, what it received, and its value."""

    party = IdField(widget=forms.HiddenInput)
    expected = forms.CharField(
        label=_("What it expected"), required=False, max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    received = forms.CharField(
        label=_("What it received"), required=False, max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rating = forms.TypedChoiceField(
        label=_("Value to this party (1 = none, 5 = high)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Rate the value to this party from 1 to 5.")},
    )

    def __init__(self, *args, party, **kwargs):
        super().__init__(*args, **kwargs)
        self.party = party

    def clean_party(self):
        if self.party is None or self.cleaned_data["party"] != self.party.pk:
            raise ValidationError(_("The parties changed while this review was written."))
        return self.party


class BaseReviewValueFormSet(forms.BaseFormSet):
    """One form per party of the partnership, in the parties' order."""

    def __init__(self, *args, parties, **kwargs):
        self.parties = list(parties)
        kwargs.setdefault("initial", [{"party": p.pk} for p in self.parties])
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        if index is None:  # the empty form, never shown
            return {"party": None}
        party = self.parties[index] if index < len(self.parties) else None
        # Every party is rated: no form may be left empty.
        return {"party": party, "empty_permitted": False}

    def clean(self):
        if self.total_form_count() != len(self.parties):
            raise ValidationError(
                _("The parties changed while this review was written: check each of them.")
            )

    def values(self):
        return [
            {
                "party": form.cleaned_data["party"],
                "expected": form.cleaned_data["expected"],
                "received": form.cleaned_data["received"],
                "rating": form.cleaned_data["rating"],
            }
            for form in self.forms
        ]


ReviewValueFormSet = forms.formset_factory(
    ReviewValueForm, formset=BaseReviewValueFormSet, extra=0, max_num=200, absolute_max=200
)
