from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="users"),
    path("invite/", views.user_invite, name="invite"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("<int:pk>/", views.user_detail, name="user"),
    path("<int:pk>/access/", views.user_access, name="user_access"),
    path("<int:pk>/active/", views.user_active, name="user_active"),
    path("<int:pk>/invite-again/", views.user_invite_again, name="user_invite_again"),
]
