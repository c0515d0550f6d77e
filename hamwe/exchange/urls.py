from django.urls import path, re_path

from . import views

app_name = "exchange"

urlpatterns = [
    path("imports/", views.import_start, name="import_start"),
    re_path(r"^imports/template/(?P<kind>[a-z_]+)\.(?P<fmt>csv|xlsx)$", views.import_template,
            name="import_template"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", views.import_apply, name="import_apply"),
]
