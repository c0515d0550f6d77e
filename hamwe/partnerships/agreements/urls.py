"""URL routes of the agreements area of partnerships (see urls.py)."""

from django.urls import path

from . import views

AGREEMENT = "<int:pk>/agreements/<int:agreement_pk>/"

urlpatterns = [
    path("<int:pk>/agreements/", views.agreement_list, name="agreements"),
    path("<int:pk>/agreements/new/", views.agreement_generate_view, name="agreement_generate"),
    path(AGREEMENT, views.agreement_detail, name="agreement_detail"),
    path(AGREEMENT + "checklist/", views.agreement_checklist, name="agreement_checklist"),
    path(AGREEMENT + "send/", views.agreement_send_view, name="agreement_send"),
    path(AGREEMENT + "mou.docx", views.agreement_docx, name="agreement_docx"),
    path(AGREEMENT + "mou.pdf", views.agreement_pdf, name="agreement_pdf"),
    path(AGREEMENT + "signatures/new/", views.signature_add_view, name="signature_add"),
    path(
        AGREEMENT + "signatures/<int:signature_pk>/scan",
        views.signature_scan,
        name="signature_scan",
    ),
]
