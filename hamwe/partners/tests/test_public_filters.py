"""A partner user filters and sorts organisations only on what every reader may see.

Sorting by `updated` would let a partner watch when another organisation edits its private
record; filtering on a private field would let them probe its value. Every filter and sort
of the registry (pages, exports and the API share one FilterSet) is checked against
`Organisation.PUBLIC_FIELDS`, so a new one on a private field fails here.
"""

import pytest
from rest_framework.test import APIClient

from hamwe.partners.filters import OrganisationFilter
from hamwe.partners.models import Organisation

pytestmark = pytest.mark.django_db

# Filters that search with a method of their own, and the fields they read.
METHOD_FILTERS = {"q": {"name", "acronym", "commune"}, "province": {"province", "provinces"}}


def fields_read(filterset):
    read = {}
    for name, flt in filterset.filters.items():
        if name == "sort":
            choices = [value.lstrip("-") for value, _label in flt.extra["choices"]]
            read[name] = {flt.param_map[c].split("__")[0] for c in choices}  # param -> field
        elif flt.method:
            read[name] = METHOD_FILTERS[name]
        else:
            read[name] = {flt.field_name.split("__")[0]}
    return read


@pytest.mark.parametrize("persona", ["partner_a", "partner_admin_a", "partner_b"])
def test_partners_filter_and_sort_on_public_fields_only(personas, persona):
    filterset = OrganisationFilter(data={}, queryset=Organisation.objects.all(),
                                   user=personas[persona])
    for name, fields in fields_read(filterset).items():
        assert fields <= set(Organisation.PUBLIC_FIELDS), (name, fields)


def test_home_users_may_sort_by_last_change(personas):
    filterset = OrganisationFilter(data={}, queryset=Organisation.objects.all(),
                                   user=personas["viewer"])
    assert "updated_at" in fields_read(filterset)["sort"]


def test_the_api_refuses_a_partner_the_last_change_sort(personas, org_a):
    # Also after the schema was generated: documenting the filters builds their form
    # fields, which every later filter set copied with the home users' choices.
    assert APIClient().get("/api/v1/schema/?format=json").status_code == 200
    client = APIClient()
    client.force_authenticate(personas["partner_b"])
    assert client.get("/api/v1/organisations/?sort=-updated").status_code == 400
    client.force_authenticate(personas["staff"])
    assert client.get("/api/v1/organisations/?sort=-updated").status_code == 200
