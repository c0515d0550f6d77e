from django.urls import path, re_path

from . import views
from .diligence.urls import urlpatterns as diligence
from .funding.urls import urlpatterns as funding

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.organisation_export, name="export"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/delete/", views.contact_delete, name="contact_delete"
    ),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path(
        "<int:pk>/documents/<int:document_pk>/edit/", views.document_edit, name="document_edit"
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/delete/", views.document_delete,
        name="document_delete",
    ),
    path("<int:pk>/documents/<int:document_pk>/file", views.document_file, name="document_file"),
] + diligence + funding
