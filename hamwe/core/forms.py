"""Form helpers shared by every app's pages."""

from django import forms


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from, so a later save can spot a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def expected_version(self):
        return self.cleaned_data.get("version") or self.instance.version

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
