"""Forms of the partnership record pages: validate at the edge, then hand the cleaned
data to `services`. Kinds come from the live policy, never from a list in the code."""


from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm
from hamwe.partners.forms import ReferenceMultipleChoiceField
from hamwe.partners.models import Organisation

from ..models import Contribution, Partnership, Party


def organisation_choices(user):
    """Organisations the user may pick as a party: the public profiles they may see."""
    return Organisation.objects.visible_to(user).order_by("name", "pk")


class PartnershipForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind of partnership"), widget=forms.RadioSelect)

    class Meta:
        model = Partnership
        fields = [
            "title",
            "kind",
            "status",
            "shared_vision",
            "joint_objectives",
            "initiated_by",
            "programme",
            "starts_on",
            "ends_on",
            "has_funding",
            "thematic_areas",
            "impact_groups",
            "provinces",
        ]
        widgets = {
            "shared_vision": forms.Textarea(attrs={"rows": 2}),
            "joint_objectives": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "thematic_areas": forms.CheckboxSelectMultiple,
            "impact_groups": forms.CheckboxSelectMultiple,
            "provinces": forms.CheckboxSelectMultiple,
        }
        field_classes = {  # named and sorted in the reader's language
            "thematic_areas": ReferenceMultipleChoiceField,
            "impact_groups": ReferenceMultipleChoiceField,
        }
        help_texts = {
            "title": _("A short name everyone will recognise, e.g. “Savings groups in Ngozi”."),
            "shared_vision": _("What all the parties want to see change, in a sentence or two."),
            "joint_objectives": _("What the parties will achieve together: one per line."),
            "initiated_by": _("The organisation that proposed the partnership, if known."),
            "programme": _("The programme or project it belongs to, if any."),
            "has_funding": _("Tick if money passes from one party to another."),
        }

    # Shown as groups, in this order, so the form reads as a short questionnaire.
    GROUPS = (
        (_("What"), ("title", "kind", "status")),
        (_("Why"), ("shared_vision", "joint_objectives")),
        (_("Who and when"), ("initiated_by", "programme", "starts_on", "ends_on", "has_funding")),
        (_("Where and on what"), ("thematic_areas", "impact_groups", "provinces")),
    )

    def __init__(self, *args, user, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind.key, f"{kind.name} — {kind.description}")
            for kind in policy.pack.partnership_kinds
        ]
        self.fields["initiated_by"].queryset = organisation_choices(user)
        self.fields["initiated_by"].empty_label = _("Not known")

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class FirstPartyForm(forms.ModelForm):
    """One of the first parties, chosen while recording the partnership."""

    class Meta:
        model = Party
        fields = ["organisation", "role", "own_objectives"]
        widgets = {"own_objectives": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"own_objectives": _("What this organisation wants from the partnership.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices(user)


class BaseFirstPartyFormSet(forms.BaseFormSet):
    """Rows left blank are ignored; how many parties, and each organisation once, is the
    service's rule (records.services.partnership_create)."""

    def parties(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data]


FirstPartyFormSet = forms.formset_factory(
    FirstPartyForm, formset=BaseFirstPartyFormSet, extra=3, max_num=10, validate_max=True
)


class PartyForm(VersionedForm):
    """A party as it is edited later: everything but which organisation it is."""

    class Meta:
        model = Party
        fields = ["role", "iati_role", "own_objectives", "responsibilities", "risks"]
        widgets = {
            "own_objectives": forms.Textarea(attrs={"rows": 2}),
            "responsibilities": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "iati_role": _("For IATI reporting; leave empty if you are not sure."),
            "own_objectives": _("What this organisation wants from the partnership."),
            "responsibilities": _("What it does in the partnership."),
            "risks": _("What it stands to lose if the partnership fails."),
        }


class NewPartyForm(PartyForm):
    class Meta(PartyForm.Meta):
        fields = ["organisation", *PartyForm.Meta.fields]

    def __init__(self, *args, user, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices(user).exclude(
            parties__partnership=partnership
        )


class ContributionForm(VersionedForm):
    class Meta:
        model = Contribution
        fields = ["kind", "description", "estimated_value", "currency"]
        help_texts = {
            "description": _("What exactly, e.g. “two facilitators, three days a month”."),
            "estimated_value": _("Optional: what it would cost to buy."),
            "currency": _("Three letters, e.g. BIF, USD, EUR."),
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
