"""Shapes only: the rules are on the models and in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamwe.core.forms import VersionedForm
from hamwe.partners.models import Organisation, Sector

from .models import (
    Accompaniment,
    CommunityStructure,
    Facilitation,
    JointActivity,
    MaturityStep,
    Meeting,
    Membership,
    Network,
    NetworkLink,
    StatusChange,
)
from .policy import maturity_scale

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NetworkForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Members from the start"), required=False,
        queryset=Organisation.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Network
        fields = ["name", "theme", "purpose", "visibility", "initiated_by", "set_up_on"]
        widgets = {"set_up_on": DATE, "purpose": forms.Textarea(attrs={"rows": 3})}

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "members"}


class _OfNetwork(forms.ModelForm):
    """A form whose organisation choices are the network's members."""

    member_fields = ()

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.member_fields:
            self.fields[name].queryset = members

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in self.m2m}

    m2m = ()


class MemberForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "joined_on"]
        widgets = {"joined_on": DATE}

    def changes(self):
        return dict(self.cleaned_data)


class StatusForm(forms.ModelForm):
    class Meta:
        model = StatusChange
        fields = ["status", "since", "note"]
        widgets = {"since": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def changes(self):
        return dict(self.cleaned_data)


class HandOverForm(_OfNetwork):
    member_fields = ("organisation",)

    class Meta:
        model = Facilitation
        fields = ["organisation", "since", "note"]
        labels = {"organisation": _("Hand facilitation over to")}
        widgets = {"since": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class MeetingForm(_OfNetwork):
    member_fields = ("attended_by",)
    m2m = ("attended_by",)

    class Meta:
        model = Meeting
        fields = ["held_on", "title", "place", "attended_by", "minutes"]
        widgets = {"held_on": DATE, "attended_by": forms.CheckboxSelectMultiple,
                   "minutes": forms.Textarea(attrs={"rows": 4})}


class ActivityForm(_OfNetwork):
    member_fields = ("led_by", "organisations")
    m2m = ("organisations",)

    class Meta:
        model = JointActivity
        fields = ["kind", "title", "started_on", "ended_on", "led_by", "organisations",
                  "outcome"]
        widgets = {"started_on": DATE, "ended_on": DATE,
                   "organisations": forms.CheckboxSelectMultiple,
                   "outcome": forms.Textarea(attrs={"rows": 3})}


class LinkForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = NetworkLink
        fields = ["name", "level", "website", "since", "note"]
        widgets = {"since": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def changes(self):
        return dict(self.cleaned_data)


class StructureForm(forms.ModelForm):
    class Meta:
        model = CommunityStructure
        fields = ["organisation", "kind", "formed_on"]
        widgets = {"formed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            sector=Sector.COMMUNITY, community_structure__isnull=True).order_by("name")

    def changes(self):
        return dict(self.cleaned_data)


class MaturityForm(forms.ModelForm):
    level = forms.TypedChoiceField(label=_("maturity"), coerce=int, choices=())

    class Meta:
        model = MaturityStep
        fields = ["on", "level", "note"]
        widgets = {"on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, f"{level} · {label}")
                                        for level, label in maturity_scale()]

    def changes(self):
        return dict(self.cleaned_data)


class AccompanimentForm(forms.ModelForm):
    class Meta:
        model = Accompaniment
        fields = ["organisation", "since", "until"]
        widgets = {"since": DATE, "until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            sector__in=[Sector.CIVIL_SOCIETY, Sector.INTERNATIONAL_NGO]).order_by("name")

    def changes(self):
        return dict(self.cleaned_data)


class RegisterForm(VersionedForm):
    class Meta:
        model = CommunityStructure
        fields = ["registered_on", "registration_note"]
        widgets = {"registered_on": DATE,
                   "registration_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registered_on"].required = True


class GraphFilterForm(forms.Form):
    """The graph's filters (read by graph.Filters; this only draws them)."""

    theme = forms.ModelChoiceField(label=_("thematic area"), required=False, queryset=None)
    sector = forms.ChoiceField(label=_("sector"), required=False,
                               choices=[("", "—"), *Sector.choices])
    province = forms.ModelChoiceField(label=_("province"), required=False, queryset=None)
    year = forms.IntegerField(label=_("year"), required=False, min_value=1990,
                              max_value=2100)

    def __init__(self, *args, **kwargs):
        from hamwe.partners.models import Province, ThematicArea

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = ThematicArea.objects.all()
        self.fields["province"].queryset = Province.objects.all()
