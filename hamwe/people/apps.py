from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "hamwe.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        # Registers the measures this app computes, what is due for its users and its
        # section of an organisation's page.
        from . import due, measures, sections  # noqa: F401
