"""The strategy's measures computed from partner reports (registered by
ReportingConfig.ready). Each is one or two aggregate queries, as the data stood on
`as_of`:
- `report-feedback-rounds`: the mean feedback rounds (submissions less one) of the
  reports of `report_type` approved in the fiscal year holding `as_of`, up to that day;
- `partner-responsibility-share`: of the tasks in the responsibility matrices of the
  fiscal year holding `as_of`, the share the partner leads (a joint lead counted apart).
"""

from django.db.models import Count, Q, Sum

from hamwe.policy.measures import MeasureResult, Row, implements

from .models import Lead, Report, Responsibility
from .policy import calendar


@implements("report-feedback-rounds")
def report_feedback_rounds(*, as_of, with_rows=True, report_type):
    year = calendar().year_of(as_of)
    approved = Report.objects.filter(report_type=report_type, status=Report.Status.APPROVED,
                                     approved_on__lte=as_of, year=year)
    figures = approved.aggregate(n=Count("pk"), sent=Sum("submissions"),
                                 first_time=Count("pk", filter=Q(submissions=1)))
    n = figures["n"]
    value = round((figures["sent"] - n) / n, 2) if n else None
    rows = ()
    if with_rows and n:
        rows = tuple(
            Row("report", r["pk"], r["organisation__name"], note=str(r["submissions"] - 1))
            for r in approved.values("pk", "organisation__name", "submissions")
            .order_by("organisation__name", "pk"))
    return MeasureResult(value=value, detail={"reports": n, "fiscal_year": year,
                                              "first_time": figures["first_time"]},
                         rows=rows)


@implements("partner-responsibility-share")
def partner_responsibility_share(*, as_of, with_rows=True):
    year = calendar().year_of(as_of)
    matrices = Responsibility.objects.filter(year=year)
    figures = matrices.aggregate(
        n=Count("pk"),
        **{f"{task}_{lead}": Count("pk", filter=Q(**{task: lead}))
           for task in Responsibility.TASKS for lead in (Lead.PARTNER, Lead.JOINT)})
    tasks = figures["n"] * len(Responsibility.TASKS)
    partner = sum(figures[f"{t}_{Lead.PARTNER}"] for t in Responsibility.TASKS)
    joint = sum(figures[f"{t}_{Lead.JOINT}"] for t in Responsibility.TASKS)
    value = round(100 * partner / tasks, 1) if tasks else None
    rows = ()
    if with_rows and tasks:
        rows = tuple(Row("partnership", m["partnership_id"], m["partnership__title"])
                     for m in matrices.values("partnership_id", "partnership__title")
                     .order_by("partnership__title"))
    return MeasureResult(value=value, unit="%", rows=rows, detail={
        "fiscal_year": year, "matrices": figures["n"], "tasks": tasks,
        "partner_led": partner, "joint": joint})
