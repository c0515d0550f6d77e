from django.urls import path, re_path

from . import views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    re_path(r"^reports/(?P<pk>\d+)/file\.(?P<fmt>pdf|xlsx)$", views.report_file,
            name="report_file"),
]
