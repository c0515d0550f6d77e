"""The knowledge hub through the API, under the same access rule as the pages: items
(listed and searched, read, shared, edited), adoptions (read, recorded, confirmed)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import (
    VersionedUpdates,
    declared_answers,
    declared_list_answers,
    service_errors,
)
from hamwe.partners.models import Organisation

from . import search, selectors, services
from .models import Adoption, Item


class ItemSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)
    origins = serializers.PrimaryKeyRelatedField(many=True,
                                                 queryset=Organisation.objects.all())

    class Meta:
        model = Item
        fields = ["id", "kind", "title", "summary", "body", "language", "origins",
                  "thematic_areas", "programme_models", "provinces", "sharing",
                  "name_origins", "published_on", "event", "version"]
        read_only_fields = ["id", "published_on", "event"]
        # The service asks for a kind: a new item names one (the model's default is for
        # the page's form), else 400, not a server error.
        extra_kwargs = {"kind": {"required": True}}


class AdoptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Adoption
        fields = ["id", "item", "organisation", "taken_up_in", "adopted_on", "effect",
                  "recorded_by_adopter", "confirmed_on"]
        read_only_fields = ["id", "recorded_by_adopter", "confirmed_on"]


SEARCH = [OpenApiParameter("q", str, description="Words to search for (accents and case "
                                                  "folded); the best matches first.")]


@extend_schema_view(
    list=extend_schema(parameters=SEARCH, responses=declared_list_answers(ItemSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, ItemSerializer)),
    create=extend_schema(responses=declared_answers(201, ItemSerializer, 400)),
    update=extend_schema(responses=declared_answers(200, ItemSerializer, 400, 409)),
    partial_update=extend_schema(responses=declared_answers(200, ItemSerializer, 400, 409)),
)
class ItemViewSet(VersionedUpdates, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Knowledge items the user may read: its organisation's own and what is shared with
    it. A partner's new item is a draft until the home organisation publishes it."""

    serializer_class = ItemSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["kind", "language"]

    def get_queryset(self):
        return selectors.items_visible_to(self.request.user).prefetch_related(
            "origins", "thematic_areas", "programme_models", "provinces").order_by("-pk")

    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "")
        if not search.words(query):
            return super().list(request, *args, **kwargs)
        filters = {k: request.query_params[k] for k in ("kind", "language")
                   if request.query_params.get(k)}
        results = search.search(request.user, query, filters=filters, limit=50)
        return Response({"count": results.count, "next": None, "previous": None,
                         "results": ItemSerializer([h.item for h in results.hits],
                                                   many=True).data})

    def create(self, request, *args, **kwargs):
        if not access.may_share_knowledge(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        with service_errors():
            serializer.instance = services.item_create(by=self.request.user, **data)

    fixed_on_update = ("sharing",)

    def editable_object(self):
        return selectors.item_for_editor(user=self.request.user, pk=self.kwargs["pk"])

    def apply_update(self, item, *, data, expected_version):
        return services.item_update(item=item, by=self.request.user, data=data,
                                    expected_version=expected_version)


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(AdoptionSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, AdoptionSerializer)),
    create=extend_schema(responses=declared_answers(201, AdoptionSerializer, 400)),
)
class AdoptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Who took up which item in what: read by the adopter and the item's organisations,
    recorded by either side and confirmed by the other."""

    serializer_class = AdoptionSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["item", "organisation"]

    def get_queryset(self):
        return selectors.adoptions_visible_to(self.request.user).order_by("-pk")

    def create(self, request, *args, **kwargs):
        if not access.may_share_knowledge(request.user):
            raise exceptions.PermissionDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        item = get_object_or_404(selectors.items_visible_to(self.request.user),
                                 pk=data.pop("item").pk)
        with service_errors():
            serializer.instance = services.adoption_record(item=item, by=self.request.user,
                                                           **data)

    @extend_schema(request=None, responses=declared_answers(200, AdoptionSerializer, 400))
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None, **kwargs):
        """Confirm the adoption: the other side from the one that recorded it."""
        adoption = self.get_object()
        adoption = selectors.adoption_for_confirmer(user=request.user,
                                                    item_pk=adoption.item_id, pk=adoption.pk)
        with service_errors():
            adoption = services.adoption_confirm(adoption=adoption, by=request.user)
        return Response(AdoptionSerializer(adoption).data)


def register(router):
    router.register("knowledge-items", ItemViewSet, basename="knowledge-item")
    router.register("knowledge-adoptions", AdoptionViewSet, basename="knowledge-adoption")
