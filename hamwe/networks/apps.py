from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "hamwe.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self):
        # The measures this app computes (networks set up and handed over, community
        # structures matured or registered, and the SD4 measure widened to the networks'
        # joint activities) and its section of an organisation's page.
        from . import due, exports, measures, sections  # noqa: F401
