from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ActivityUpdate


class ActivityUpdateForm(forms.Form):
    """Progress on an activity. Shape only: the service decides."""

    status = forms.ChoiceField(label=_("Status"), choices=ActivityUpdate.Status.choices)
    on = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What was done"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(
        label=_("Evidence document"), required=False,
        help_text=_("PDF, image, Word, Excel or OpenDocument file; at most 10 MB."))

    def __init__(self, *args, current=None, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate(),
                                      "status": current or ActivityUpdate.Status.UNDER_WAY})
        super().__init__(*args, **kwargs)
