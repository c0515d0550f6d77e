from django.urls import path

from . import views

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/<slug:key>/", views.activity_detail, name="activity"),
    path("plan/<slug:key>/updates/new/", views.activity_update_new, name="activity_update"),
    path("updates/<int:pk>/evidence/", views.update_evidence, name="update_evidence"),
]
