from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<slug:key>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:key>/entries/new/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/evidence/", views.entry_evidence, name="entry_evidence"),
]
