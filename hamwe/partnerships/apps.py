from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "hamwe.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from . import measures  # noqa: F401  (registers the measures this app computes)
        from .records import services  # noqa: F401  (follows organisations' sectors)
