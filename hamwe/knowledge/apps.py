from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "hamwe.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        # Registers the measures this app computes, what is due for its users, its
        # section of the organisation's page and the receiver of offered lessons.
        from . import due, exports, measures, receiver, sections  # noqa: F401
