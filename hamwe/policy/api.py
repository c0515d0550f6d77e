"""The live policy through the API (issue #18), read only: its parts as kept (an admin
edits them on the pages) and the composed pack, in the reader's language where the pack
carries it. The policy is public to everyone with a role, as on the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from hamwe.core.api import declared_answers, declared_list_answers

from .models import PolicyPart
from .selectors import live_policy, policy_pack


class PartSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.key", allow_null=True, read_only=True,
                                   help_text="The key of the part it belongs to (a stage's "
                                   "gate item belongs to its stage), or null.")

    class Meta:
        model = PolicyPart
        fields = ["id", "section", "key", "parent", "position", "data", "version"]
        read_only_fields = fields


# One object, though the router calls its view "list".
PACK = extend_schema_serializer(many=False)(inline_serializer("PolicyPack", fields={
    "pack": serializers.CharField(),
    "title": serializers.CharField(),
    "version": serializers.IntegerField(),
    "language": serializers.CharField(help_text="The language the texts are read in."),
    "content": serializers.DictField(help_text="The composed pack, in the format of "
                                     "docs/policy-packs.md."),
}).__class__)


class PolicyPartViewSet(viewsets.ReadOnlyModelViewSet):
    """The parts of the live policy (principles, kinds, stages, gate items, ...)."""

    serializer_class = PartSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        policy = live_policy()
        if policy is None:
            return PolicyPart.objects.none()
        return policy.parts.select_related("parent").order_by("section", "position", "pk")

    @extend_schema(responses=declared_list_answers(PartSerializer))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=declared_answers(200, PartSerializer))
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class PolicyPackViewSet(viewsets.ViewSet):
    """The live policy composed into one pack."""

    @extend_schema(responses=declared_answers(200, PACK))
    def list(self, request, *args, **kwargs):
        policy = live_policy()
        if policy is None:
            from rest_framework.exceptions import NotFound

            raise NotFound
        pack = policy_pack(policy)
        return Response({"pack": policy.pack, "title": policy.title, "version": policy.version,
                         "language": pack.language,
                         "content": pack.model_dump(mode="json", exclude_none=True)})


def register(router):
    router.register("policy/parts", PolicyPartViewSet, basename="policy-part")
    router.register("policy/pack", PolicyPackViewSet, basename="policy-pack")
