"""The product's URLs, plus the benchmark's floor view (never part of the product)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("", include("hamwe.urls")),
]
