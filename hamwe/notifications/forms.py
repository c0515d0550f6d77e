from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """One checkbox per kind of item that may concern the user, and the e-mails'
    language. Shape only: the service checks what may be chosen."""

    emailed = forms.MultipleChoiceField(
        label=_("E-mail me each morning about"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["emailed"].choices = [(p.name, p.label) for p, _chosen in choices]
        self.fields["language"].choices = [("", _("The site's language")), *settings.LANGUAGES]
