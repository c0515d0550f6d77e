"""Score-card routes, one module per area: rounds and answering, results, and the
follow-up (self-evaluation, interface meeting, joint action plan, appreciative inquiry)."""

from .followup.urls import urlpatterns as plan
from .results.urls import urlpatterns as results
from .rounds.urls import urlpatterns as rounds

app_name = "scorecards"

urlpatterns = rounds + results + plan
