from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hamwe.api"
    label = "api"
    verbose_name = "API"
