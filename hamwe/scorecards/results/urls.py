"""URL routes of the results area of score cards (see urls.py)."""

from django.urls import path

from . import views as views_results

urlpatterns = [
    path("<int:pk>/results/", views_results.results, name="results"),
    path("<int:pk>/results/comments/<int:indicator_pk>/", views_results.comments,
         name="results_comments"),
    path("history/", views_results.results_history, name="results_history"),
]
