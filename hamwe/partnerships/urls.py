"""Partnership routes, one module per area: the record (list, detail, forms, parties,
contributions, comments), the cycle (qualification check, gates, stages, reviews) and the
agreement (MoU documents, checklist, signatures)."""

from .urls_agreements import urlpatterns as agreements
from .urls_cycle import urlpatterns as cycle
from .urls_records import urlpatterns as records

app_name = "partnerships"

urlpatterns = records + cycle + agreements
