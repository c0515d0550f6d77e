import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from hamwe.core.text import fold
from hamwe.partners.filters import ReferenceFilter
from hamwe.partners.models import Organisation, Province, Sector, ThematicArea

from ..models import Partnership


def _kind_choices():
    from ..policy import current_policy

    try:
        return [(k.key, k.name) for k in current_policy().pack.partnership_kinds]
    except Exception:  # no live policy yet: no kinds to offer
        return []


def _stage_choices():
    from ..policy import current_policy

    try:
        return [(s.key, s.name) for s in current_policy().stages]
    except Exception:
        return []


class PartnershipFilter(django_filters.FilterSet):
    """Filters of the partnership list: one definition for pages and API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=_kind_choices, label=_("Kind"), empty_label=_("All"))
    stage = django_filters.ChoiceFilter(
        choices=_stage_choices, label=_("Stage"), empty_label=_("All")
    )
    sector = django_filters.ChoiceFilter(
        choices=Sector.choices,
        method="with_sector",
        label=_("Partner sector"),
        empty_label=_("All"),
    )
    thematic_area = ReferenceFilter(
        queryset=ThematicArea.objects.all(),
        field_name="thematic_areas",
        label=_("Thematic area"),
        empty_label=_("All"),
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        field_name="provinces",
        label=_("Province"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        choices=Partnership.Status.choices, label=_("Status"), empty_label=_("All")
    )
    includes_home = django_filters.BooleanFilter(
        label=_("Includes the home organisation"),
        widget=forms.Select(choices=[("", _("Either")), ("true", _("Yes")), ("false", _("No"))]),
    )
    agreement = django_filters.ChoiceFilter(
        choices=[
            ("any", _("With an agreement")),
            ("signed", _("With a signed agreement")),
            ("none", _("Without an agreement yet")),
        ],
        method="with_agreement", label=_("Agreement"), empty_label=_("All"),
    )
    # Reached from an organisation's page ("its partnerships"): an id, not a list of
    # every organisation in the registry.
    organisation = extend_schema_field(OpenApiTypes.INT)(django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), method="with_party", label=_("Party"),
        widget=forms.HiddenInput,
    ))

    def __init__(self, *args, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        if policy is not None:
            # The caller has the live policy already: no need to read it again per choice.
            self.filters["kind"].extra["choices"] = [
                (k.key, k.name) for k in policy.pack.partnership_kinds]
            self.filters["stage"].extra["choices"] = [(s.key, s.name) for s in policy.stages]

    class Meta:
        model = Partnership
        fields = [
            "q",
            "kind",
            "stage",
            "sector",
            "thematic_area",
            "province",
            "status",
            "includes_home",
            "agreement",
            "organisation",
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(programme__icontains=value)
            | Q(
                # A party's name, acronym or commune, accents and case folded.
                pk__in=Partnership.objects.filter(
                    parties__organisation__search_folded__contains=fold(value)
                ).values("pk")
            )
        )

    def with_agreement(self, queryset, name, value):
        return queryset.with_agreement(value)

    def with_party(self, queryset, name, value):
        return queryset.with_party(value)

    def with_sector(self, queryset, name, value):
        return queryset.filter(
            pk__in=Partnership.objects.filter(
                parties__organisation__sector=value, parties__organisation__is_home=False
            ).values("pk")
        )
