"""The strategy's measures computed from people's records (registered by
PeopleConfig.ready). Each reads the appointments running on `as_of` and, for each holder,
their latest evaluation the manager completed by `as_of`, in one aggregate query.

They give figures only, never the rows behind them: a row would tell every home user
(the strategy's readers) how one named person was evaluated, which only that person,
their manager and home admins may know."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from hamwe.policy.measures import MeasureResult, implements

from . import policy
from .models import POSITIVE_FROM, Appointment, DevelopmentAction, Evaluation


def _latest_evaluations(as_of):
    """Per appointment running on `as_of`, its latest evaluation completed by then."""
    latest = Evaluation.objects.filter(
        appointment=OuterRef("pk"), manager_done_on__lte=as_of).order_by("-year", "-pk")
    return Appointment.objects.held_on(as_of).annotate(
        latest=Subquery(latest.values("pk")[:1]),
        latest_mean=Subquery(latest.values("manager_mean")[:1]),
    )


@implements("key-positions-evaluated")
def key_positions_evaluated(*, as_of, with_rows=True, positive_from=POSITIVE_FROM):
    """Share of the people in key positions on `as_of` whose latest completed evaluation
    is positive: the mean of the manager's ratings at or above `positive_from` (the
    policy's threshold when it names one; 3, "good", on the 1-4 scale, by default).
    One query."""
    held = _latest_evaluations(as_of)
    totals = held.aggregate(
        holders=Count("pk"),
        evaluated=Count("pk", filter=Q(latest__isnull=False)),
        positive=Count("pk", filter=Q(latest_mean__gte=positive_from)),
    )
    share = round(100 * totals["positive"] / totals["holders"], 1) if totals["holders"] \
        else None

    return MeasureResult(
        value=share, unit="%",
        detail={**totals, "positive_from": positive_from},
    )


@implements("key-positions-with-competencies")
def key_positions_with_competencies(*, as_of, with_rows=True):
    """Key positions of the live policy for which competencies are defined, and how many
    of them are held on `as_of`. Two queries (the policy, the appointments)."""
    framework = policy.framework()
    defined = [k for k, p in framework.positions.items()
               if [c for c in p.competencies if c in framework.competencies]]
    held = set(Appointment.objects.held_on(as_of).values_list("position", flat=True)
               .distinct())
    return MeasureResult(
        value=len(defined),
        detail={"positions": len(framework.positions), "with_competencies": len(defined),
                "held": len(held & set(framework.positions))},
    )


@implements("key-position-staff-evaluated")
def key_position_staff_evaluated(*, as_of, with_rows=True):
    """Share of the people in key positions on `as_of` with an evaluation for the
    fiscal year of `as_of` or the one before that their manager completed by then."""
    year = policy.fiscal_calendar().year_of(as_of)
    recent = Evaluation.objects.filter(appointment=OuterRef("pk"), year__gte=year - 1,
                                       manager_done_on__lte=as_of)
    totals = Appointment.objects.held_on(as_of).aggregate(
        holders=Count("pk"), evaluated=Count("pk", filter=Q(Exists(recent))))
    share = round(100 * totals["evaluated"] / totals["holders"], 1) if totals["holders"] \
        else None
    return MeasureResult(
        value=share, unit="%", detail={**totals, "year": year},
    )


@implements("development-plans-in-place")
def development_plans_in_place(*, as_of, with_rows=True):
    """Share of the people in key positions on `as_of` with a personal development plan:
    at least one action, added by then, in their evaluation of the fiscal year of `as_of`
    or the one before. One query."""
    year = policy.fiscal_calendar().year_of(as_of)
    planned = DevelopmentAction.objects.filter(
        evaluation__appointment=OuterRef("pk"), evaluation__year__gte=year - 1,
        evaluation__year__lte=year, added_on__lte=as_of)
    totals = Appointment.objects.held_on(as_of).aggregate(
        holders=Count("pk"), planned=Count("pk", filter=Q(Exists(planned))))
    share = round(100 * totals["planned"] / totals["holders"], 1) if totals["holders"] \
        else None
    return MeasureResult(value=share, unit="%", detail={**totals, "year": year})
