"""Strategy routes, one module per area: indicators (the dashboard, indicator pages and
entries), the action plan, and the annual reports."""

from .indicators.urls import urlpatterns as indicators
from .plan.urls import urlpatterns as plan
from .reports.urls import urlpatterns as reports

app_name = "strategy"

urlpatterns = indicators + plan + reports
