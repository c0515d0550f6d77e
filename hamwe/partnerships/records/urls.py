"""URL routes of the records area of partnerships (see urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("<int:pk>/parties/new/", views.party_add, name="party_add"),
    path("<int:pk>/parties/<int:party_pk>/edit/", views.party_edit, name="party_edit"),
    path("<int:pk>/parties/<int:party_pk>/remove/", views.party_remove, name="party_remove"),
    path(
        "<int:pk>/parties/<int:party_pk>/contributions/new/",
        views.contribution_add,
        name="contribution_add",
    ),
    path(
        "<int:pk>/contributions/<int:contribution_pk>/edit/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "<int:pk>/contributions/<int:contribution_pk>/delete/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
]
