from django.urls import path, re_path

from . import views
from .iati import views as iati_views

app_name = "exchange"

urlpatterns = [
    path("imports/", views.import_start, name="import_start"),
    re_path(r"^imports/template/(?P<kind>[a-z_]+)\.(?P<fmt>csv|xlsx)$", views.import_template,
            name="import_template"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", views.import_apply, name="import_apply"),
    path("exports/", views.exports, name="exports"),
    re_path(r"^exports/(?P<key>[a-z_]+)\.(?P<fmt>csv|xlsx)$", views.export_start,
            name="export_start"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("iati/", iati_views.iati, name="iati"),
    path("iati/choose/", iati_views.iati_choose, name="iati_choose"),
    path("iati/activities/<int:pk>/drop/", iati_views.iati_drop, name="iati_drop"),
    re_path(r"^iati/publish/(?P<kind>organisation|activities)/$", iati_views.iati_publish,
            name="iati_publish"),
    path("iati/files/<int:pk>/", iati_views.iati_file, name="iati_file"),
]
