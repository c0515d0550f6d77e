from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "hamwe.scorecards"
    label = "scorecards"
    verbose_name = _("Score cards")

    def ready(self):
        # Registers the measures this app computes, what is due for its users (home
        # page, notifications, digest).
        from . import due, measures  # noqa: F401
