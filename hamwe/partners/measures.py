"""The strategy's measures computed from the partner registry."""

from django.db.models import Count

from hamwe.policy.measures import implements

from .models import Organisation


@implements("organisations-in-sectors")
def organisations_in_sectors(*, sectors):
    """Organisations of the given sectors in the registry (potential partners identified)."""
    rows = dict(
        Organisation.objects.filter(sector__in=sectors, is_home=False)
        .values_list("sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_sector = {sector: rows.get(sector, 0) for sector in sectors}
    return {"value": sum(per_sector.values()), "detail": per_sector}
