import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.core.text import fold

from .forms import ReferenceChoiceField
from .models import ImpactGroup, Organisation, Province, Sector, ThematicArea


class ReferenceFilter(django_filters.ModelChoiceFilter):
    """A choice of reference data (thematic area, impact group), named and sorted in the
    reader's language."""

    field_class = ReferenceChoiceField


class OrganisationFilter(django_filters.FilterSet):
    """Search, filters and sorting of the registry: one definition for pages and API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    sector = django_filters.MultipleChoiceFilter(
        choices=Sector.choices, label=_("Sector"), widget=forms.CheckboxSelectMultiple
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), method="in_province", label=_("Province"),
        empty_label=_("All"),
    )
    thematic_area = ReferenceFilter(
        queryset=ThematicArea.objects.all(), field_name="thematic_areas",
        label=_("Thematic area"), empty_label=_("All"),
    )
    impact_group = ReferenceFilter(
        queryset=ImpactGroup.objects.all(), field_name="impact_groups", label=_("Impact group"),
        empty_label=_("All"),
    )
    presence = django_filters.ChoiceFilter(
        choices=Organisation.Presence.choices, label=_("Presence"), empty_label=_("All")
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("acronym", "acronym"),
            ("sector", "sector"),
            ("province__name", "province"),
            ("founded_year", "founded"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "name": _("Name"),
            "acronym": _("Acronym"),
            "sector": _("Sector"),
            "province__name": _("Province"),
            "founded_year": _("Founded"),
            "updated_at": _("Last updated"),
            # django-filter formats "%s (descending)" once, at import, in English: spelled
            # out here (keyed by the exposed parameter) so they follow the user's language.
            "-name": _("Name (descending)"),
            "-acronym": _("Acronym (descending)"),
            "-sector": _("Sector (descending)"),
            "-province": _("Province (descending)"),
            "-founded": _("Founded (descending)"),
            "-updated": _("Last updated (descending)"),
        },
        label=_("Sort by"),
        empty_label=_("Name"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "sector", "province", "thematic_area", "impact_group", "presence"]

    # Sorting by when a record changed would let a partner watch when another
    # organisation edits its private part: only those who see every record may.
    HOME_ONLY_SORTS = ("updated",)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user if user is not None else getattr(self.request, "user", None)
        if not access.is_home(user):
            sort = self.filters["sort"]
            hidden = {*self.HOME_ONLY_SORTS, *(f"-{s}" for s in self.HOME_ONLY_SORTS)}
            sort.extra["choices"] = [c for c in sort.extra["choices"] if c[0] not in hidden]
            # The form field may have been built already (and copied with the filter):
            # drf-spectacular builds it when it documents the filters. Build it anew, or
            # it would still accept the hidden sorts.
            sort.__dict__.pop("_field", None)

    def search(self, queryset, name, value):
        # Name, acronym or commune, accents and case folded on both sides: "cooperative"
        # finds "Coopérative", "BUJUMBURA" finds "Bujumbura", on SQLite and PostgreSQL.
        value = fold(value)
        if not value:
            return queryset
        return queryset.filter(search_folded__contains=value)

    def in_province(self, queryset, name, value):
        # Head office there, or a provincial presence there.
        return queryset.filter(Q(province=value) | Q(provinces=value)).distinct()
