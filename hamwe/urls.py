from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("partners/", include("hamwe.partners.urls")),
    path("partnerships/", include("hamwe.partnerships.urls")),
    path("policy/", include("hamwe.policy.urls")),
    path("scorecards/", include("hamwe.scorecards.urls")),
    path("knowledge/", include("hamwe.knowledge.urls")),
    path("people/", include("hamwe.people.urls")),
    path("capacity/", include("hamwe.capacity.urls")),
    path("strategy/", include("hamwe.strategy.urls")),
    path("reports/", include("hamwe.reporting.urls")),
    path("networks/", include("hamwe.networks.urls")),
    path("exchange/", include("hamwe.exchange.urls")),
    path("notifications/", include("hamwe.notifications.urls")),
    path("users/", include("hamwe.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("hamwe.api.urls")),
    path("healthz", views.healthz, name="healthz"),
]

# JSON under /api/, Django's pages elsewhere (see views.py).
handler400 = "hamwe.views.bad_request"
handler403 = "hamwe.views.permission_denied"
handler404 = "hamwe.views.page_not_found"
handler500 = "hamwe.views.server_error"
