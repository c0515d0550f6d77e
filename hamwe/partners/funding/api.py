"""Funding through the API, read-only, under the same rule as the pages: an
organisation's sources by year for its own users and the home organisation."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hamwe.core.api import declared_answers, declared_list_answers
from hamwe.core.filters import IdFilter

from ..models import Funding


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Funding
        fields = ["id", "organisation", "year", "source_name", "source", "category",
                  "amount", "currency", "updated_at", "version"]
        read_only_fields = fields


class FundingFilter(filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = Funding
        fields = ["organisation", "year", "category"]


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(FundingSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, FundingSerializer)),
)
class FundingViewSet(viewsets.ReadOnlyModelViewSet):
    """What each source gave an organisation in a year (its diversity figures are on its
    funding page)."""

    serializer_class = FundingSerializer
    filterset_class = FundingFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return Funding.objects.visible_to(self.request.user).order_by(
            "organisation", "-year", "pk")
