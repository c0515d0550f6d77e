"""Networks, community structures and the graph through the API, read only, under the
same rule as the pages: public networks and one's own organisation's for a partner user,
every network for home users; a community structure's record for the home organisation
and its own users. (Networks are set up and kept on the pages.)"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from hamwe.core.api import declared_answers
from hamwe.core.records import one_or_404

from . import graph as graphs
from . import selectors
from .models import Facilitation, Membership


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "joined_on", "left_on"]


class FacilitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facilitation
        fields = ["organisation", "handed_over_by", "since"]


class NetworkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    theme = serializers.CharField(source="theme.name")
    visibility = serializers.CharField()
    status = serializers.CharField()
    initiated_by = serializers.IntegerField(source="initiated_by_id")
    facilitator = serializers.IntegerField(source="facilitator_id")
    set_up_on = serializers.DateField()
    members = MemberSerializer(source="memberships", many=True)
    facilitations = FacilitationSerializer(many=True)


class StepSerializer(serializers.Serializer):
    on = serializers.DateField()
    level = serializers.IntegerField()


class StructureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField(source="organisation_id")
    kind = serializers.CharField()
    formed_on = serializers.DateField(allow_null=True)
    registered_on = serializers.DateField(allow_null=True)
    maturity = StepSerializer(source="steps", many=True)
    accompanied_by = serializers.SerializerMethodField()

    def get_accompanied_by(self, structure) -> list[int]:
        return [a.organisation_id for a in structure.accompaniments.all()]


class BridgeSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    betweenness = serializers.FloatField()
    cut_vertex = serializers.BooleanField(
        help_text="Removing it would split the graph: the only link between groups.")


# One object, though the router calls its view "list".
@extend_schema_serializer(many=False)
class GraphSerializer(serializers.Serializer):
    organisations = serializers.IntegerField()
    networks = serializers.IntegerField()
    partnership_links = serializers.IntegerField()
    among_partners = serializers.IntegerField(
        help_text="Links of partnerships that do not include the home organisation.")
    bridges = BridgeSerializer(many=True)
    isolated_partners = serializers.ListField(child=serializers.IntegerField())


def _networks(user):
    return selectors.networks_for_user(user=user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.order_by("role", "pk")),
        Prefetch("facilitations", queryset=Facilitation.objects.order_by("since", "pk")))


class NetworkViewSet(viewsets.ViewSet):
    """Networks with their members (roles, dates) and facilitation history."""

    @extend_schema(responses=declared_answers(200, NetworkSerializer(many=True)))
    def list(self, request, **kwargs):
        return Response(NetworkSerializer(_networks(request.user), many=True).data)

    @extend_schema(responses=declared_answers(200, NetworkSerializer))
    def retrieve(self, request, pk=None, **kwargs):
        return Response(NetworkSerializer(one_or_404(_networks(request.user), pk=pk)).data)


class StructureViewSet(viewsets.ViewSet):
    """Community structures with their maturity over time and who accompanies them."""

    @extend_schema(responses=declared_answers(200, StructureSerializer(many=True)))
    def list(self, request, **kwargs):
        return Response(StructureSerializer(
            selectors.structures_for_user(user=request.user), many=True).data)

    @extend_schema(responses=declared_answers(200, StructureSerializer))
    def retrieve(self, request, pk=None, **kwargs):
        return Response(StructureSerializer(one_or_404(
            selectors.structures_for_user(user=request.user), pk=pk)).data)


class GraphViewSet(viewsets.ViewSet):
    """What the graph page computes: bridges and isolated partners (filters: theme,
    sector, province, year)."""

    @extend_schema(responses=declared_answers(200, GraphSerializer))
    def list(self, request, **kwargs):
        result = graphs.build(user=request.user,
                              filters=graphs.Filters.from_params(request.query_params))
        found_bridges, isolated = graphs.analysed(result)
        return Response(GraphSerializer({
            "organisations": len(result.organisations),
            "networks": len(result.networks),
            "partnership_links": len(result.partnerships),
            "among_partners": sum(1 for *_ends, e in result.partnerships if e["without_home"]),
            "bridges": [{"organisation": pk, "betweenness": score, "cut_vertex": cut}
                        for pk, score, cut in found_bridges],
            "isolated_partners": isolated,
        }).data)


def register(router):
    router.register("networks/networks", NetworkViewSet, basename="networks-network")
    router.register("networks/structures", StructureViewSet, basename="networks-structure")
    router.register("networks/graph", GraphViewSet, basename="networks-graph")
