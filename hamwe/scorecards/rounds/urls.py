"""URL routes of the rounds area of score cards (see urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_new, name="round_new"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/indicators/", views.indicator_add, name="indicator_add"),
    path("<int:pk>/indicators/<int:indicator_pk>/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/proposals/new/", views.proposal_new, name="proposal_new"),
    path("<int:pk>/proposals/decide/", views.proposal_decide, name="proposal_decide"),
    path("<int:pk>/thresholds/", views.round_thresholds, name="round_thresholds"),
    path("<int:pk>/invite/", views.round_invite, name="round_invite"),
    path("<int:pk>/open/", views.round_open, name="round_open"),
    path("<int:pk>/close/", views.round_close, name="round_close"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/group-answer/", views.group_answer, name="group_answer"),
    path("answered/", views.answer_done, name="answer_done"),
]
