from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "hamwe.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # The measures this app computes; the documents section and the documents due.
        from . import hub, measures  # noqa: F401
