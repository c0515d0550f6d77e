from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_new, name="item_new"),
    path("public/", views.public, name="public"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/publish/", views.item_publish, name="item_publish"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/adoptions/new/", views.adoption_new, name="adoption_new"),
    path("<int:pk>/adoptions/<int:adoption_pk>/confirm/", views.adoption_confirm,
         name="adoption_confirm"),
    path("<int:pk>/uses/", views.use_record, name="use_record"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/participants/", views.event_participation,
         name="event_participation"),
]
