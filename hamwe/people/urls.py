from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.index, name="index"),
    path("appointments/new/", views.appointment_new, name="appointment_new"),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment_end"),
    path("competencies/", views.competencies, name="competencies"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/close/", views.consultation_close, name="consultation_close"),
    path("consultations/<int:pk>/answer/", views.consultation_answer,
         name="consultation_answer"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("evaluations/<int:pk>/self/", views.self_assess, name="self_assess"),
    path("evaluations/<int:pk>/manager/", views.manager_assess, name="manager_assess"),
    path("evaluations/<int:pk>/feedback/ask/", views.feedback_invite, name="feedback_invite"),
    path("evaluations/<int:pk>/feedback/", views.feedback_give, name="feedback_give"),
    path("evaluations/<int:pk>/plan/", views.action_add, name="action_add"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
