from django.urls import path

from . import views

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_new, name="new"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/criteria/<slug:criterion>/<slug:side>/", views.score_save, name="score"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/complete/", views.assessment_complete, name="complete"),
    path("<int:pk>/assessment.xlsx", views.assessment_export, name="export"),
]
