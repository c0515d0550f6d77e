from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="users"),
    path("invite/", views.user_invite, name="invite"),
]
