"""Score-card rounds and their results through the API: aggregates only.

The same access rule as the pages (home users every round, a partner user the rounds
their organisation is invited to; 404 for any other) and the same figures, computed and
suppressed by `selectors.round_results`: no endpoint ever returns an answer or a score.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hamwe.core.api import declared_answers

from .models import Round
from .results import selectors
from .rounds import selectors as rounds


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = [
            "id", "title", "period", "opens_on", "closes_on", "status", "scale_min",
            "scale_max", "high_grade", "min_group_scores", "min_group_comments", "previous",
            "answers_received",
        ]
        read_only_fields = fields


class CellSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    n = serializers.IntegerField()
    median = serializers.FloatField()


class ResultCommentSerializer(serializers.Serializer):
    """An anonymous comment shown with a result ("Comment" is a partnership's comment)."""

    reason = serializers.CharField(allow_blank=True)
    suggestion = serializers.CharField(allow_blank=True)


class IndicatorResultSerializer(serializers.Serializer):
    key = serializers.CharField(source="indicator.key")
    text = serializers.CharField(source="indicator.text")
    shown = serializers.BooleanField(help_text="False: too few answers, every figure withheld.")
    n = serializers.IntegerField(
        source="n_shown", allow_null=True,
        help_text="Answers scoring it (a group consensus counts as one); null when withheld.",
    )
    withheld = serializers.SerializerMethodField()
    median = serializers.FloatField(allow_null=True)
    minimum = serializers.FloatField(allow_null=True)
    maximum = serializers.FloatField(allow_null=True)
    q1 = serializers.FloatField(allow_null=True)
    q3 = serializers.FloatField(allow_null=True)
    iqr = serializers.FloatField(allow_null=True)
    self_score = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True, help_text="median - self_score")
    high_grade = serializers.BooleanField(allow_null=True)
    previous_median = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    breakdown = CellSerializer(many=True, allow_null=True, help_text="null when withheld.")
    comments = ResultCommentSerializer(many=True, allow_null=True, help_text="null when withheld.")

    def get_withheld(self, result) -> str:
        return "" if result.shown else result.withheld_note


class SummarySerializer(serializers.Serializer):
    round = serializers.IntegerField(source="round.pk")
    high = serializers.IntegerField(help_text="Indicators with a high grade.")
    shown = serializers.IntegerField(help_text="Indicators with enough answers to show.")
    withheld = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text="high / shown, in %.")


class ResultsSerializer(serializers.Serializer):
    round = RoundSerializer()
    published = serializers.BooleanField(help_text="False until the round is closed.")
    summary = SummarySerializer(allow_null=True)
    previous = SummarySerializer(allow_null=True)
    indicators = IndicatorResultSerializer(many=True)


@extend_schema_view(
    list=extend_schema(responses=declared_answers(200, RoundSerializer(many=True))),
    retrieve=extend_schema(responses=declared_answers(200, RoundSerializer)),
)
class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Score-card rounds, and each one's anonymous results."""

    serializer_class = RoundSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return rounds.rounds_for_user(self.request.user).select_related("previous")

    @extend_schema(responses=declared_answers(200, ResultsSerializer))
    @action(detail=True, methods=["get"], serializer_class=ResultsSerializer)
    def results(self, request, pk=None, **kwargs):
        """The aggregates of a closed round, with the same minimums and suppression as
        the results page; empty until the round closes."""
        round_ = self.get_object()
        with_previous = bool(
            round_.previous_id and self.get_queryset().filter(pk=round_.previous_id).exists()
        )
        return Response(
            ResultsSerializer(selectors.round_results(round_, with_previous=with_previous)).data
        )


def register(router):
    router.register("scorecard-rounds", RoundViewSet, basename="scorecard-round")
