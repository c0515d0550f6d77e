"""URL routes of the plan area of score cards (see urls.py): the self-evaluation, the
interface meeting, the joint action plan and appreciative inquiry."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/self-evaluation/", views.self_evaluation, name="self_evaluation"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("<int:pk>/actions/<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("inquiries/new/", views.inquiry_new, name="inquiry_new"),
    path("inquiries/<int:inquiry_pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:inquiry_pk>/items/", views.inquiry_item_add, name="inquiry_item_add"),
    path(
        "inquiries/<int:inquiry_pk>/items/<int:item_pk>/indicator/",
        views.proposition_to_indicator,
        name="proposition_to_indicator",
    ),
    path(
        "inquiries/<int:inquiry_pk>/items/<int:item_pk>/knowledge/",
        views.proposition_to_knowledge,
        name="proposition_to_knowledge",
    ),
    path(
        "inquiries/<int:inquiry_pk>/items/<int:item_pk>/action/",
        views.commitment_to_action,
        name="commitment_to_action",
    ),
]
