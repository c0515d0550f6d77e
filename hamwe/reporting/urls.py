from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.board, name="board"),
    path("quality/", views.quality, name="quality"),
    path("settings/", views.settings, name="settings"),
    path("partnership/<int:pk>/", views.partnership, name="partnership"),
    path("partnership/<int:pk>/schedule/<int:schedule_pk>/plan/", views.plan_year,
         name="plan_year"),
    path("partnership/<int:pk>/responsibilities/", views.responsibility,
         name="responsibility"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/section/<int:section_pk>/", views.section_save, name="section"),
    path("<int:pk>/section/<int:section_pk>/lesson/<int:index>/", views.lesson_offer,
         name="lesson_offer"),
    path("<int:pk>/lines/", views.line_add, name="line_add"),
    path("<int:pk>/lines/<int:line_pk>/", views.line_edit, name="line"),
    path("<int:pk>/currency/", views.currency, name="currency"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("<int:pk>/template.xlsx", views.budget_template, name="template"),
    path("<int:pk>/template/upload/", views.budget_upload, name="upload"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
