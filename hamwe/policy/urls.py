from django.urls import path

from . import views

app_name = "policy"

urlpatterns = [
    path("", views.policy_overview, name="overview"),
    path("export.yaml", views.policy_export, name="export"),
    path("parts/<int:pk>/edit/", views.policy_part_edit, name="edit"),
]
