from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "hamwe.scorecards"
    label = "scorecards"
    verbose_name = _("Score cards")

    def ready(self):
        from . import measures  # noqa: F401  (registers the score-card measures)
