"""Partner reports through the API, read only, under the same rule as the pages: home
users read every organisation's reports, a partner user their own organisation's; each
report with its sections, budget lines and the figures of its review. Writing and
reviewing are done on the pages for now (docs/decisions.md)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from hamwe.core.api import declared_answers, declared_list_answers

from .models import BudgetLine, Report, Section
from .policy import calendar, period_label


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "key", "text", "version"]


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "code", "label", "budget", "actual", "budget_to_date",
                  "actual_to_date", "explanation", "version"]


class ReportSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField(
        help_text="The fiscal period, as the policy names it.")
    rounds = serializers.IntegerField(read_only=True,
                                      help_text="Feedback rounds: submissions less one.")
    sections = SectionSerializer(many=True, read_only=True)
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = ["id", "partnership", "organisation", "report_type", "year", "quarter",
                  "period", "period_start", "period_end", "due_on", "status", "currency",
                  "exchange_rate", "submissions", "rounds", "comments", "first_submitted_on",
                  "approved_on", "version", "sections", "lines"]

    def get_period(self, report) -> str:
        if "calendar" not in self.context:  # read once for the whole list
            self.context["calendar"] = calendar()
        return period_label(report, self.context["calendar"])


@extend_schema_view(
    list=extend_schema(responses=declared_list_answers(ReportSerializer)),
    retrieve=extend_schema(responses=declared_answers(200, ReportSerializer)),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Partner reports, newest period first."""

    serializer_class = ReportSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (Report.objects.visible_to(self.request.user)
                .prefetch_related(Prefetch("sections", Section.objects.order_by("position")),
                                  Prefetch("lines", BudgetLine.objects.order_by("position")))
                .order_by("-period_end", "organisation", "report_type", "pk"))


def register(router):
    router.register("reports", ReportViewSet, basename="reporting-report")
