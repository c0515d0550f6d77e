"""The strategy's measures computed from partnerships: each one or two aggregate queries."""

from django.db.models import Count, Q

from hamwe.policy.measures import implements

from .models import Partnership, Party


@implements("active-partnerships")
def active_partnerships(*, sectors, minimum=1):
    """How many of `sectors` have at least `minimum` active partnerships with a partner of
    that sector (e.g. one with a research institute and one with a private company)."""
    rows = dict(
        Party.objects.filter(
            partnership__status=Partnership.Status.ACTIVE,
            organisation__sector__in=sectors,
            organisation__is_home=False,
        )
        .values_list("organisation__sector")
        .annotate(n=Count("partnership", distinct=True))
    )
    per_sector = {sector: rows.get(sector, 0) for sector in sectors}
    return {"value": sum(1 for n in per_sector.values() if n >= minimum), "detail": per_sector}


@implements("agreements-reflecting-principles")
def agreements_reflecting_principles():
    """Share of active partnerships with a signed agreement stating every principle."""
    totals = Partnership.objects.active().aggregate(
        all=Count("pk", distinct=True),
        reflecting=Count(
            "pk",
            distinct=True,
            filter=Q(agreements__status="signed", agreements__states_all_principles=True),
        ),
    )
    share = totals["reflecting"] / totals["all"] if totals["all"] else 0.0
    return {"value": round(100 * share, 1), "unit": "%", "detail": totals}


@implements("partnerships-among-partners")
def partnerships_among_partners(*, minimum=1):
    """Thematic areas with at least `minimum` active partnerships among partners that the
    home organisation neither initiated nor joined."""
    rows = (
        Partnership.objects.active()
        .filter(includes_home=False)
        .exclude(initiated_by__is_home=True)
        .values_list("thematic_areas__name")
        .annotate(n=Count("pk", distinct=True))
        .exclude(thematic_areas__name=None)
    )
    per_area = dict(rows)
    return {"value": sum(1 for n in per_area.values() if n >= minimum), "detail": per_area}
