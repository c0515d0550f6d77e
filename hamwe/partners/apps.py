from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "hamwe.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from . import measures  # noqa: F401  (registers the measures this app computes)
