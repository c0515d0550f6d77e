"""Filter helpers shared by every app's list filters (pages and API)."""

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

# The largest key a database row can have (a signed 64-bit integer): a larger number in a
# query would overflow the database's integer (a server error on SQLite and PostgreSQL)
# before it could find nothing.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """A row's id as a plain number (not a model choice, whose check would tell an outsider
    which ids exist): whole, positive and within the database's range, else 400."""

    field_class = IdField
