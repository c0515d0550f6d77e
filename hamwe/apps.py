from django.apps import AppConfig


class HamweConfig(AppConfig):
    # The project package itself is an app only so its templates, static files and
    # management commands are found; it has no models.
    name = "hamwe"
    verbose_name = "Hamwe"
