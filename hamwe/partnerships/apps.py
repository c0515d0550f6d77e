from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "hamwe.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # Registers the gate facts and measures this app computes, what is due for its
        # users (home page, notifications, digest), its blocks of the home page and its
        # sections of an organisation's page.
        from . import due, facts, measures, panels, sections  # noqa: F401
