from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    """Which fiscal year, in which language. Shape only: the service decides."""

    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, years=(), language="en", **kwargs):
        kwargs.setdefault("initial", {"language": language})
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = list(years)
        if years:
            self.fields["year"].initial = years[0][0]
