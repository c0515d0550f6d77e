"""URL routes of due diligence and risk flags (included by partners/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("diligence/", views.overview, name="diligence_overview"),
    path("diligence/items/", views.requirements, name="diligence_requirements"),
    path("diligence/items/<int:pk>/edit/", views.requirement_edit,
         name="diligence_requirement_edit"),
    path("<int:pk>/diligence/", views.checklist, name="diligence"),
    path("<int:pk>/diligence/<slug:key>/", views.item, name="diligence_item"),
    path("<int:pk>/diligence/<slug:key>/answer/", views.answer, name="diligence_answer"),
    path("<int:pk>/diligence/<slug:key>/review/", views.review, name="diligence_review"),
    path("<int:pk>/diligence/<slug:key>/evidence/", views.evidence_add,
         name="diligence_evidence"),
    path("<int:pk>/diligence/<slug:key>/evidence/<int:document_pk>/remove/",
         views.evidence_remove, name="diligence_evidence_remove"),
    path("<int:pk>/flags/", views.flags, name="risk_flags"),
    path("<int:pk>/flags/<int:flag_pk>/edit/", views.flag_edit, name="risk_flag_edit"),
]
