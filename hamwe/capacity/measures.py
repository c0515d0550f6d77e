"""The strategy's measure computed from capacity assessments (registered by
CapacityConfig.ready)."""

from django.db.models import Avg, Case, F, IntegerField, Max, OuterRef, Subquery, When

from hamwe.policy.measures import MeasureResult, Row, implements

from .models import Assessment, DomainResult


def _compared(as_of, domains=None):
    """Per partner, its latest assessment completed by `as_of` against its baseline in
    the same policy and framework version: whether a domain rose, and the mean change of
    its domains. One query, grouped by partner; a partner whose latest assessment is its
    baseline, or has no baseline in its version, is not compared."""
    done = Assessment.objects.completed(as_of).of_partners()
    latest = (done.filter(organisation=OuterRef("assessment__organisation"))
              .order_by("-completed_on", "-pk").values("pk")[:1])
    baseline = (done.filter(organisation=OuterRef("assessment__organisation"),
                            policy=OuterRef("assessment__policy"),
                            framework_version=OuterRef("assessment__framework_version"),
                            kind=Assessment.Kind.BASELINE)
                .order_by("completed_on", "pk").values("pk")[:1])
    rows = (DomainResult.objects.filter(assessment__in=done)
            .annotate(latest=Subquery(latest)).filter(assessment_id=F("latest"))
            .annotate(base_id=Subquery(baseline)).exclude(assessment_id=F("base_id"))
            .annotate(base=Subquery(DomainResult.objects.filter(
                assessment_id=OuterRef("base_id"), domain=OuterRef("domain")).values("score")[:1]))
            .filter(base__isnull=False))
    if domains:
        rows = rows.filter(domain__in=domains)
    return (rows.values("assessment__organisation", "assessment__organisation__name")
            .annotate(improved=Max(Case(When(score__gt=F("base"), then=1), default=0,
                                        output_field=IntegerField())),
                      change=Avg(F("score") - F("base")))
            .order_by("assessment__organisation__name", "assessment__organisation"))


@implements("capacity-improvement")
def capacity_improvement(*, as_of, with_rows=True, domains=None):
    """Partners improving in at least one domain since their baseline (same framework
    version), and the mean change of their domain scores. Two queries: the partners
    compared, and how many were assessed at all."""
    compared = list(_compared(as_of, domains))
    improving = sum(1 for row in compared if row["improved"])
    mean = (round(sum(row["change"] for row in compared) / len(compared), 2)
            if compared else None)
    assessed = (Assessment.objects.completed(as_of).of_partners()
                .values("organisation").distinct().count())
    rows = tuple(
        Row(kind="organisation", id=row["assessment__organisation"],
            label=row["assessment__organisation__name"], note=f"{row['change']:+.2f}",
            counts=bool(row["improved"]))
        for row in compared
    ) if with_rows else ()
    return MeasureResult(
        value=improving,
        detail={"compared": len(compared), "mean_change": mean, "assessed": assessed,
                "domains": list(domains or [])},
        rows=rows,
    )
