from django.urls import path

from . import views

urlpatterns = [
    path("organisations/<int:pk>/passport/", views.passport_page, name="passport"),
    path("organisations/<int:pk>/passport.pdf", views.passport_pdf, name="passport_pdf"),
    path("passport-links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("shared/<str:token>/", views.shared_passport, name="shared"),
    path("shared/<str:token>/passport.pdf", views.shared_passport_pdf, name="shared_pdf"),
]
