"""People through the API, read-only, under the same rule as the pages: key positions and
who holds them for home users; an evaluation for the person, their manager and home
admins only (404 for anyone else), with partners' feedback only above the minimum."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from hamwe.accounts import access
from hamwe.core.api import declared_answers, declared_list_answers

from . import selectors
from .models import Appointment, DevelopmentAction, Rating


class AppointmentSerializer(serializers.ModelSerializer):
    holder = serializers.CharField(source="holder_name")

    class Meta:
        model = Appointment
        fields = ["id", "position", "user", "holder", "manager", "starts_on", "ends_on"]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["by", "competency", "score", "comment"]
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DevelopmentAction
        fields = ["id", "competency", "text", "due_on", "done_on"]
        read_only_fields = fields


class FeedbackSerializer(serializers.Serializer):
    shown = serializers.BooleanField(help_text="False: too few partners; nothing shown.")
    n = serializers.IntegerField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    comments = serializers.ListField(child=serializers.CharField())


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    appointment = AppointmentSerializer()
    year = serializers.IntegerField()
    competencies = serializers.ListField(child=serializers.CharField())
    self_done_on = serializers.DateField(allow_null=True)
    manager_done_on = serializers.DateField(allow_null=True)
    manager_mean = serializers.FloatField(allow_null=True)
    ratings = RatingSerializer(many=True)
    actions = ActionSerializer(many=True)
    feedback = serializers.SerializerMethodField()

    def get_feedback(self, evaluation) -> FeedbackSerializer:
        return FeedbackSerializer(selectors.feedback_summary(evaluation)).data


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(AppointmentSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, AppointmentSerializer)),
)
class AppointmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    """Who holds which key position of the live policy, with dates (history kept)."""

    serializer_class = AppointmentSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if not access.may_see_key_positions(self.request.user):
            return Appointment.objects.none()
        return Appointment.objects.select_related("user").order_by("position", "pk")


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(EvaluationSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, EvaluationSerializer)),
)
class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """Yearly evaluations: the signed-in user's own, those of the people they manage, all
    for a home admin."""

    serializer_class = EvaluationSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.evaluations_for(self.request.user).prefetch_related(
            "ratings", "actions")


def register(router):
    router.register("people-appointments", AppointmentViewSet, basename="people-appointment")
    router.register("people-evaluations", EvaluationViewSet, basename="people-evaluation")
