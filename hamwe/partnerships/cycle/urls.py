"""URL routes of the cycle area of partnerships (see urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/cycle/", views.cycle, name="cycle"),
    path("<int:pk>/qualify/", views.qualify, name="qualify"),
    path("<int:pk>/gate/tick/", views.gate_tick, name="gate_tick"),
    path("<int:pk>/gate/untick/", views.gate_untick, name="gate_untick"),
    path("<int:pk>/stage/", views.stage_move, name="stage_move"),
    path("<int:pk>/reviews/new/", views.review_new, name="review_new"),
    path("<int:pk>/reviews/<int:review_pk>/", views.review_detail, name="review_detail"),
]
