"""Score-card routes, one module per area: rounds and answering, results, and the
follow-up (self-evaluation, interface meeting, joint action plan, appreciative inquiry)."""

from .urls_plan import urlpatterns as plan
from .urls_results import urlpatterns as results
from .urls_rounds import urlpatterns as rounds

app_name = "scorecards"

urlpatterns = rounds + results + plan
