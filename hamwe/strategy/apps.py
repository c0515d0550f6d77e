from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "hamwe.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from . import measures, registrations  # noqa: F401  (measures joining apps; what is
        # due; the home panel)
