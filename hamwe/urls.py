from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("partners/", include("hamwe.partners.urls")),
    path("partnerships/", include("hamwe.partnerships.urls")),
    path("policy/", include("hamwe.policy.urls")),
    path("scorecards/", include("hamwe.scorecards.urls")),
    path("strategy/", include("hamwe.strategy.urls")),
    path("notifications/", include("hamwe.notifications.urls")),
    path("users/", include("hamwe.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("hamwe.api.urls")),
    path("healthz", views.healthz, name="healthz"),
]
