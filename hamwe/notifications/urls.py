from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("count/", views.count, name="count"),
    path("settings/", views.preference, name="settings"),
]
