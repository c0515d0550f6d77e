"""Partnership routes, one module per area: the record (list, detail, forms, parties,
contributions, comments), the cycle (qualification check, gates, stages, reviews) and the
agreement (MoU documents, checklist, signatures)."""

from .agreements.urls import urlpatterns as agreements
from .cycle.urls import urlpatterns as cycle
from .records.urls import urlpatterns as records

app_name = "partnerships"

urlpatterns = records + cycle + agreements
