"""Due diligence through the API, read-only, under the same rule as the pages: an
organisation's items for its own users and the home organisation. Risk flags are not in
the API (home staff read them on their page)."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hamwe.core.api import declared_answers, declared_list_answers
from hamwe.core.filters import IdFilter

from ..models import DiligenceItem


class DiligenceItemSerializer(serializers.ModelSerializer):
    key = serializers.CharField(read_only=True, help_text="The checklist's key of the item: "
                                "the policy expectation's, or own-<id> for the home "
                                "organisation's own.")

    class Meta:
        model = DiligenceItem
        fields = ["id", "organisation", "key", "partner_status", "partner_comment",
                  "partner_answered_on", "status", "comment", "reviewed_on", "evidence",
                  "updated_at", "version"]
        read_only_fields = fields


class DiligenceItemFilter(filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = DiligenceItem
        fields = ["organisation", "status"]


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(DiligenceItemSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, DiligenceItemSerializer)),
)
class DiligenceItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Where organisations stand on their due-diligence items: the partner's answer and
    the home organisation's verdict, with the documents that evidence it."""

    serializer_class = DiligenceItemSerializer
    filterset_class = DiligenceItemFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (DiligenceItem.objects.visible_to(self.request.user)
                .prefetch_related("evidence").order_by("organisation", "pk"))
