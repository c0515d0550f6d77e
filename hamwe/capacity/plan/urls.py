from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/plan/", views.plan_from_gaps, name="plan"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
]
