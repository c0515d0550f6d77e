"""The API's frame: /api/v1/ collects each app's api.py, plus schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from hamwe.capacity import api as capacity_api
from hamwe.knowledge import api as knowledge_api
from hamwe.networks import api as networks_api
from hamwe.partners import api as partners_api
from hamwe.partnerships import api as partnerships_api
from hamwe.people import api as people_api
from hamwe.policy import api as policy_api
from hamwe.reporting import api as reporting_api
from hamwe.scorecards import api as scorecards_api
from hamwe.strategy import api as strategy_api

router = DefaultRouter()
partners_api.register(router)
partnerships_api.register(router)
reporting_api.register(router)
policy_api.register(router)
scorecards_api.register(router)
people_api.register(router)
strategy_api.register(router)
networks_api.register(router)
knowledge_api.register(router)
capacity_api.register(router)

v1 = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (docs/?script=): the page has no
    # inline script, which the Content-Security-Policy (script-src 'self') would block.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="v1:schema"), name="docs"),
]

urlpatterns = [path("v1/", include((v1, "v1"), namespace="v1"))]
