from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "hamwe.capacity"
    label = "capacity"
    verbose_name = _("Capacity")

    def ready(self):
        # The measure this app computes, what is due for its users, and its section of
        # the organisation's page.
        from . import due, exports, measures, sections  # noqa: F401
