"""Forms of the strengthening plan: shape only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm
from hamwe.core.models import SHORT_TEXT

from ..models import Action

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GapForm(forms.Form):
    """One proposed action for one weak criterion (prefixed by the criterion's key)."""

    include = forms.BooleanField(label=_("Plan an action for this criterion"), required=False,
                                 initial=True)
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), choices=Action.Owner.choices,
                              initial=Action.Owner.PARTNER)
    third_party = forms.CharField(label=_("Third party"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    resources = forms.CharField(label=_("Resources"), required=False, max_length=SHORT_TEXT,
                                widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get(self.add_prefix("include")):
            for name in ("title", "due_on"):  # an unchosen gap asks for nothing
                self.fields[name].required = False


class ActionForm(VersionedForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "third_party", "due_on", "status", "done_on", "resources"]
        widgets = {"due_on": DATE, "done_on": DATE,
                   "resources": forms.Textarea(attrs={"rows": 2})}
