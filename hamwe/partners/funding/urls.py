"""URL routes of funding (included by partners/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("funding/", views.overview, name="funding_overview"),
    path("funding/rates/", views.rates, name="funding_rates"),
    path("<int:pk>/funding/", views.funding, name="funding"),
    path("<int:pk>/funding/new/", views.funding_add, name="funding_add"),
    path("<int:pk>/funding/<int:funding_pk>/edit/", views.funding_edit, name="funding_edit"),
    path("<int:pk>/funding/<int:funding_pk>/delete/", views.funding_delete,
         name="funding_delete"),
]
