"""Capacity through the API, under the same access rule as the pages (home users every
assessment and plan, a partner user its own organisation's; 404 for any other):
assessments with each side's scores and the stored domain results, and the actions of
strengthening plans, which their owners update (versioned: 409 over a newer edit)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from hamwe.core.api import VersionedUpdates, declared_answers, declared_list_answers

from .assessments import selectors
from .models import Action, Assessment, DomainResult, Score
from .plan import selectors as plan_selectors
from .plan import services as plan_services


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["domain", "criterion", "side", "level", "justification", "evidence"]
        read_only_fields = fields


class DomainResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = DomainResult
        fields = ["domain", "score", "criteria"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    domain_results = DomainResultSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "organisation", "kind", "mode", "status", "policy_version",
                  "framework_version", "assessed_on", "self_submitted_on", "completed_on",
                  "overall", "scores", "domain_results"]
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Action
        fields = ["id", "organisation", "assessment", "domain", "criterion", "title", "owner",
                  "third_party", "due_on", "status", "done_on", "resources", "version"]
        read_only_fields = ["id", "organisation", "assessment", "domain", "criterion"]


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(AssessmentSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, AssessmentSerializer)),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """Capacity assessments with every side's scores and, once completed, the domain
    results."""

    serializer_class = AssessmentSerializer
    filterset_fields = ["organisation", "kind", "status"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (selectors.assessments_for_user(self.request.user)
                .prefetch_related("scores", "domain_results").order_by("-assessed_on", "-pk"))


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(ActionSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, ActionSerializer)),
    update=extend_schema(responses=declared_answers(200, ActionSerializer, 400, 409)),
    partial_update=extend_schema(responses=declared_answers(200, ActionSerializer, 400, 409)),
)
class ActionViewSet(VersionedUpdates, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Actions of strengthening plans; their owners update them."""

    serializer_class = ActionSerializer
    filterset_fields = ["organisation", "status", "owner"]
    lookup_value_regex = r"\d+"
    fixed_on_update = ("organisation", "assessment", "domain", "criterion")

    def get_queryset(self):
        return Action.objects.visible_to(self.request.user).order_by("due_on", "pk")

    def editable_object(self):
        action = self.get_object()  # 404 outside the scope
        return plan_selectors.action_for_editor(user=self.request.user, pk=action.pk)

    def apply_update(self, action, *, data, expected_version):
        return plan_services.action_update(action=action, by=self.request.user,
                                           expected_version=expected_version, **data)


def register(router):
    router.register("capacity-assessments", AssessmentViewSet, basename="capacity-assessment")
    router.register("capacity-actions", ActionViewSet, basename="capacity-action")
