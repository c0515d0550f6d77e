"""Forms of the assessments area: shape only (the rules are in the model and services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.models import SHORT_TEXT

from ..models import Assessment


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Partner"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Assessment.Kind.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=Assessment.Mode.choices)
    assessed_on = forms.DateField(label=_("Assessed on"),
                                  widget=forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note"), required=False, max_length=SHORT_TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations, modes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["mode"].choices = [c for c in Assessment.Mode.choices if c[0] in modes]


class ScoreForm(forms.Form):
    """One side's score for one criterion: the level, chosen by its descriptor."""

    level = forms.TypedChoiceField(label=_("Level"), coerce=int, widget=forms.RadioSelect)
    justification = forms.CharField(label=_("Justification"), required=False,
                                    max_length=SHORT_TEXT,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=SHORT_TEXT,
                               widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1,
                                 max_value=2**31 - 1)

    def __init__(self, *args, criterion, framework, prefix_key, **kwargs):
        super().__init__(*args, prefix=prefix_key, **kwargs)
        self.fields["level"].choices = [
            (level, f"{level} · {name} — {criterion.descriptors.get(level, '')}")
            for level, name in framework.levels
        ]
