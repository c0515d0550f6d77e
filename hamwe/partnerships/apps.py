from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "hamwe.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # The measures this app computes; its sections of an organisation's page.
        from . import measures, sections  # noqa: F401
