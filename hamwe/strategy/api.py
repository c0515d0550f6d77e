"""The strategy through the API, under the same rule as the pages: every user with a role
reads the directions, indicators (values, targets, statuses, history) and activities;
the records behind a value, the entries and their authors only home users; home admins
and staff add entries.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response

from hamwe.accounts import access
from hamwe.core.api import declared_answers, service_errors

from . import clock
from .indicators import selectors as indicator_selectors
from .indicators import services as indicator_services
from .models import IndicatorEntry, Judgement
from .plan import selectors as plan_selectors
from .policy import current_strategy


def _strategy():
    strategy = current_strategy()
    if strategy is None or strategy.strategy is None:
        return None
    return strategy


# --- serializers --------------------------------------------------------------------------


class DirectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    indicators = serializers.ListField(child=serializers.CharField(),
                                       help_text="Keys of its indicators.")
    activities = serializers.ListField(child=serializers.CharField(),
                                       help_text="Keys of its activities.")


class TargetSerializer(serializers.Serializer):
    value = serializers.FloatField()
    comparison = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)


class PointSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="The calendar year the fiscal year ends in.")
    label = serializers.CharField(help_text="The fiscal year, as the policy names it.")
    value = serializers.FloatField(allow_null=True)
    status = serializers.CharField()
    current = serializers.BooleanField(help_text="The year under way: its value as of today.")


class RowSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    label = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_blank=True)
    counts = serializers.BooleanField()


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    direction = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=["computed", "manual"])
    measure = serializers.CharField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField(allow_blank=True)
    target = TargetSerializer(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(
        choices=["met", "on_track", "at_risk", "missed", "unknown"],
        help_text="unknown: not measurable yet (see `reason`).")
    reason = serializers.CharField()
    needs = serializers.CharField(allow_blank=True,
                                  help_text="Not measurable yet: the module it needs.")
    entered = serializers.BooleanField(help_text="Its value or status is entered by hand.")
    history = PointSerializer(many=True)
    rows = RowSerializer(many=True, required=False,
                         help_text="The records behind the value (home users only).")


class PeriodSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class ActivitySerializer(serializers.Serializer):
    key = serializers.CharField()
    direction = serializers.CharField()
    text = serializers.CharField()
    responsible = serializers.ListField(child=serializers.CharField())
    support = serializers.ListField(child=serializers.CharField())
    periods = PeriodSerializer(many=True)
    status = serializers.ChoiceField(choices=["not_started", "under_way", "done", "dropped"])
    overdue = serializers.BooleanField()


class EntrySerializer(serializers.ModelSerializer):
    entered_by = serializers.CharField(source="entered_by.full_name", default="",
                                       read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorEntry
        fields = ["id", "indicator", "value", "status", "on", "note", "has_evidence",
                  "entered_by", "entered_on"]
        read_only_fields = fields

    def get_has_evidence(self, entry) -> bool:
        return bool(entry.evidence)


class EntryInputSerializer(serializers.Serializer):
    indicator = serializers.SlugField()
    value = serializers.FloatField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Judgement.choices, required=False,
                                     allow_blank=True)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)


# --- shapes -------------------------------------------------------------------------------


def _indicator(evaluation, *, with_rows):
    indicator = evaluation.indicator
    target = indicator.target
    main = evaluation.main
    data = {
        "key": indicator.key, "direction": evaluation.direction.key,
        "text": str(indicator.text), "kind": indicator.kind,
        "measure": indicator.measure.name if indicator.measure else None,
        "value": evaluation.value, "unit": evaluation.unit,
        "target": {"value": target.value, "comparison": target.comparison,
                   "unit": str(target.unit)} if target else None,
        "deadline": indicator.deadline, "status": evaluation.status.code,
        "reason": evaluation.status.reason,
        "needs": main.result.needs if main is not None else "",
        "entered": evaluation.entered,
        "history": [{"year": p.span.year, "label": p.label, "value": p.value,
                     "status": p.status.code, "current": p.current}
                    for p in evaluation.history],
    }
    if with_rows:
        data["rows"] = [vars(r) for r in main.result.rows] if main is not None else []
    return data


def _activity(state, calendar):
    activity = state.activity
    return {
        "key": activity.key, "direction": activity.direction, "text": str(activity.text),
        "responsible": [str(r) for r in activity.responsible],
        "support": [str(s) for s in activity.support],
        "periods": [{"code": code, "label": calendar.label(span), "start": span.start,
                     "end": span.end} for code, span in zip(activity.periods, state.spans,
                                                            strict=True)],
        "status": state.status, "overdue": state.overdue,
    }


# --- endpoints ----------------------------------------------------------------------------


class DirectionViewSet(viewsets.ViewSet):
    """The strategy's directions, in the reader's language (empty: no strategy)."""

    @extend_schema(responses=declared_answers(200, DirectionSerializer(many=True)))
    def list(self, request, **kwargs):
        strategy = _strategy()
        directions = strategy.directions() if strategy else []
        activities = strategy.activities() if strategy else []
        return Response(DirectionSerializer([{
            "key": d.key, "number": d.number, "title": str(d.title),
            "indicators": [i.key for i in d.indicators],
            "activities": [a.key for a in activities if a.direction == d.key],
        } for d in directions], many=True).data)


class IndicatorViewSet(viewsets.ViewSet):
    """Each indicator with its value, target, status and history per fiscal year; the
    records behind the value for home users only."""

    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9][a-z0-9-]*"

    def _evaluations(self, keys=None):
        strategy = _strategy()
        if strategy is None:
            return []
        return indicator_selectors.evaluate(
            strategy, today=clock.today(), indicators=keys, fill="later",
            rows=access.may_follow_strategy(self.request.user))

    @extend_schema(responses=declared_answers(200, IndicatorSerializer(many=True)))
    def list(self, request, **kwargs):
        rows = access.may_follow_strategy(request.user)
        return Response(IndicatorSerializer(
            [_indicator(e, with_rows=rows) for e in self._evaluations()], many=True).data)

    @extend_schema(responses=declared_answers(200, IndicatorSerializer))
    def retrieve(self, request, key=None, **kwargs):
        found = self._evaluations([key])
        if not found:
            raise exceptions.NotFound()
        rows = access.may_follow_strategy(request.user)
        return Response(IndicatorSerializer(_indicator(found[0], with_rows=rows)).data)


class ActivityViewSet(viewsets.ViewSet):
    """The action plan: each activity with its planned fiscal periods and status."""

    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9][a-z0-9-]*"

    def _states(self, keys=None):
        strategy = _strategy()
        if strategy is None:
            return None, []
        return strategy, plan_selectors.plan(strategy, day=clock.today(),
                                             activities=keys)

    @extend_schema(responses=declared_answers(200, ActivitySerializer(many=True)))
    def list(self, request, **kwargs):
        strategy, states = self._states()
        return Response(ActivitySerializer(
            [_activity(s, strategy.calendar) for s in states], many=True).data)

    @extend_schema(responses=declared_answers(200, ActivitySerializer))
    def retrieve(self, request, key=None, **kwargs):
        strategy, states = self._states([key])
        if not states:
            raise exceptions.NotFound()
        return Response(ActivitySerializer(_activity(states[0], strategy.calendar)).data)


class EntryViewSet(viewsets.ViewSet):
    """Entries of indicators (values, statuses, evidence notes): home users read them,
    home admins and staff add them (evidence documents through the page)."""

    @extend_schema(responses=declared_answers(200, EntrySerializer(many=True)))
    def list(self, request, **kwargs):
        if not access.may_follow_strategy(request.user):
            raise exceptions.PermissionDenied()
        strategy = _strategy()
        if strategy is None:
            return Response([])
        entries = IndicatorEntry.objects.filter(policy=strategy.policy).select_related(
            "entered_by").order_by("indicator", "-on", "-pk")
        return Response(EntrySerializer(entries, many=True).data)

    @extend_schema(request=EntryInputSerializer,
                   responses=declared_answers(201, EntrySerializer, 400))
    def create(self, request, **kwargs):
        if not access.may_record_strategy_progress(request.user):
            raise exceptions.PermissionDenied()
        strategy = _strategy()
        if strategy is None:
            raise exceptions.NotFound()
        serializer = EntryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        with service_errors():
            entry = indicator_services.entry_add(
                strategy=strategy, indicator_key=data.pop("indicator"), by=request.user,
                data=data)
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)


def register(router):
    router.register("strategy/directions", DirectionViewSet, basename="strategy-direction")
    router.register("strategy/indicators", IndicatorViewSet, basename="strategy-indicator")
    router.register("strategy/activities", ActivityViewSet, basename="strategy-activity")
    router.register("strategy/entries", EntryViewSet, basename="strategy-entry")
