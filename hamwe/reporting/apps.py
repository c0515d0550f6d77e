from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hamwe.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from . import exports, measures, registrations  # noqa: F401  (lists; measures; what is due)
