from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import IndicatorEntry, Judgement


class EntryForm(forms.Form):
    """An indicator entry: a value or a status with its evidence (or, where the measure
    computes the value, evidence with a note). Shape only: the service decides."""

    value = forms.FloatField(label=_("Value"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("— not stated —")), *Judgement.choices],
        help_text=IndicatorEntry._meta.get_field("status").help_text,
    )
    on = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}),
                         help_text=IndicatorEntry._meta.get_field("on").help_text)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(
        label=_("Evidence document"), required=False,
        help_text=_("PDF, image, Word, Excel or OpenDocument file; at most 10 MB."))

    def __init__(self, *args, takes_value=True, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if not takes_value:
            del self.fields["value"]
            del self.fields["status"]
