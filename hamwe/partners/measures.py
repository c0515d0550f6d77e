"""The strategy's measures computed from the partner registry (registered by
PartnersConfig.ready)."""

from django.db.models import Count
from django.db.models.functions import TruncDate

from hamwe.policy.measures import MeasureResult, Row, implements

from .models import Organisation


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
