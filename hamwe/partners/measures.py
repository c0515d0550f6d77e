"""The strategy's measures computed from the partner registry (registered by
PartnersConfig.ready)."""

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from hamwe.policy.measures import MeasureResult, Row, implements

from .diligence import selectors as diligence
from .funding import selectors as funding
from .models import DiligenceItem, DiligenceStatus, Funding, Organisation


@implements("organisations-in-sectors", revision=2)
def organisations_in_sectors(*, as_of, sectors, with_rows=True):
    """Organisations of the given sectors in the registry on `as_of` (potential partners
    identified): the count per sector, and the organisations (two queries)."""
    known = Organisation.objects.filter(sector__in=sectors, is_home=False).alias(
        recorded=TruncDate("created_at")).filter(recorded__lte=as_of)
    counted = dict(known.values_list("sector").annotate(n=Count("pk")).order_by())
    per_sector = {sector: counted.get(sector, 0) for sector in sectors}
    if not with_rows:
        return MeasureResult(value=sum(per_sector.values()), detail={"per_sector": per_sector})
    rows = tuple(
        Row(kind="organisation", id=pk, label=name, group=sector)
        for pk, name, sector in known.values_list("pk", "name", "sector").order_by(
            "sector", "name", "pk")
    )
    return MeasureResult(value=sum(per_sector.values()), detail={"per_sector": per_sector},
                         rows=rows)


@implements("due-diligence-complete")
def due_diligence_complete(*, as_of, with_rows=True):
    """Of the partners under due diligence on `as_of` (an item answered or reviewed by
    then), the share whose checklist (the live policy's, with the home organisation's
    own items) was complete on that day: every item met with evidence valid that day,
    or not applicable, by verdicts given by then. Two queries and the live policy."""
    found = diligence.checklist()
    total = len(found.entries)
    started = Q(partner_answered_on__lte=as_of) | Q(reviewed_on__lte=as_of)
    satisfied = Q(reviewed_on__lte=as_of) & (
        Q(status=DiligenceStatus.NOT_APPLICABLE)
        | (Q(status=DiligenceStatus.MET) & Q(diligence._valid_evidence(as_of))))
    per_organisation = (
        DiligenceItem.objects.filter(organisation__is_home=False)
        .filter(diligence._key_filter(found.keys()))
        .values("organisation_id")
        .annotate(started=Count("pk", filter=started), satisfied=Count("pk", filter=satisfied))
        .filter(started__gt=0).order_by()
    )
    counted = {row["organisation_id"]: row["satisfied"] for row in per_organisation}
    complete = {pk for pk, n in counted.items() if total and n == total}
    value = round(100 * len(complete) / len(counted), 1) if counted else None
    detail = {"partners": len(counted), "complete": len(complete), "items": total}
    if not with_rows:
        return MeasureResult(value=value, unit="%", detail=detail)
    names = Organisation.objects.filter(pk__in=list(counted)).order_by("name", "pk")
    rows = tuple(
        Row(kind="organisation", id=pk, label=name,
            note="complete" if pk in complete else "incomplete", counts=pk in complete)
        for pk, name in names.values_list("pk", "name"))
    return MeasureResult(value=value, unit="%", detail=detail, rows=rows)


@implements("funding-diversity")
def funding_diversity(*, as_of, minimum_sources=1, with_rows=True):
    """Partners whose diversification (1 − HHI) in their latest year up to `as_of` is
    above that of their first recorded year, with at least `minimum_sources` sources in
    the latest: the count, and the mean change of those with two years or more (one
    aggregate query, and one for the names)."""
    series = funding.figures_of(qs=Funding.objects.filter(organisation__is_home=False),
                                up_to_year=as_of.year, with_above=False)
    compared, rising, changes = [], set(), []
    for pk, years in series.items():
        years = [y for y in years if y.diversification is not None]
        if len(years) < 2:
            continue
        first, latest = years[0], years[-1]
        change = latest.diversification - first.diversification
        compared.append(pk)
        changes.append(change)
        if change > 0 and latest.sources >= minimum_sources:
            rising.add(pk)
    detail = {"compared": len(compared),
              "mean_change": round(sum(changes) / len(changes), 3) if changes else None}
    if not with_rows:
        return MeasureResult(value=len(rising), detail=detail)
    names = Organisation.objects.filter(pk__in=compared).order_by("name", "pk")
    rows = tuple(
        Row(kind="organisation", id=pk, label=name,
            note="rising" if pk in rising else "not-rising", counts=pk in rising)
        for pk, name in names.values_list("pk", "name"))
    return MeasureResult(value=len(rising), detail=detail, rows=rows)
