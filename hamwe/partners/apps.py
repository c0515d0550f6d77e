from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "hamwe.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # Registers the measures this app computes, what is due for its users (home
        # page, notifications, digest: the profile, the documents expiring), its blocks of
        # the home page and the documents section of an organisation's page.
        from . import due, hub, measures, panels  # noqa: F401

        # Due diligence (its section, what is due, the gate fact) and funding.
        from .diligence import hub as diligence_hub  # noqa: F401
        from .funding import hub as funding_hub  # noqa: F401
