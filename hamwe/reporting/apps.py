from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hamwe.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from . import measures, registrations  # noqa: F401  (measures; what is due)
