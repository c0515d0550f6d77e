from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "hamwe.exchange"
    label = "exchange"
    verbose_name = _("Data in and out")

    def ready(self):
        from . import kinds, lists  # noqa: F401  (the import kinds; the lists offered)
