"""An organisation's documents: checked uploads, kept outside any URL, served only through
the access rule (the organisation's own users and the home organisation; never another
partner), versioned edits with an audit trail, expiry shown and listed as due."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from hamwe.conftest import SECRET_NOTE, client_for
from hamwe.core.registries import due_for
from hamwe.partners import services
from hamwe.partners.models import Document
from hamwe.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="statutes.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _add(org, by, **data):
    return services.document_add(organisation=org, by=by, data={
        "kind": "statutes", "dated": datetime.date(2024, 3, 1), "file": pdf(), **data})


@pytest.fixture
def document_a(org_a, personas):
    return _add(org_a, personas["partner_a"], note=SECRET_NOTE)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- Uploads are checked ------------------------------------------------------------------


def test_a_partner_adds_a_document_to_its_own_organisation(personas, org_a):
    client = client_for(personas["partner_a"])
    response = client.post(f"/partners/{org_a.pk}/documents/new/", {
        "kind": "registration", "dated": "2023-05-02", "expires_on": "2027-05-01",
        "note": "Agrément", "file": pdf("agrément scanné.pdf"),
    })
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    document = Document.objects.get(organisation=org_a)
    assert document.kind == "registration" and document.expires_on == datetime.date(2027, 5, 1)
    # Stored under a name that says what it is, never the uploader's file name.
    assert document.file.name.startswith(f"documents/{org_a.pk}/registration-")
    assert "agr" not in document.file.name
    assert document.file.read() == PDF


@pytest.mark.parametrize(("name", "content"), [
    ("accounts.pdf", b"MZ\x90\x00 an executable pretending to be a PDF"),
    ("scan.png", PDF),  # a PDF named as a picture
    ("accounts.docx", b"PK\x03\x04 not an office file at all"),
    ("statutes.exe", PDF),
])
def test_an_upload_whose_content_lies_about_its_type_is_refused(personas, org_a, name, content):
    response = client_for(personas["partner_a"]).post(f"/partners/{org_a.pk}/documents/new/", {
        "kind": "statutes", "dated": "2024-03-01",
        "file": SimpleUploadedFile(name, content),
    })
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_an_upload_too_big_is_refused(personas, org_a, monkeypatch):
    monkeypatch.setattr(services, "DOCUMENT_MAX_BYTES", 1024)
    with pytest.raises(services.ValidationError) as refused:
        _add(org_a, personas["staff"], file=pdf(content=PDF + b"0" * 2048))
    assert "larger than" in refused.value.message_dict["file"][0]
    assert not Document.objects.exists()


def test_the_real_limit_is_ten_megabytes(personas, org_a):
    big = pdf(content=PDF + b"0" * (10 * 1024 * 1024))
    response = api(personas["staff"]).post("/api/v1/documents/", {
        "organisation": org_a.pk, "kind": "audited_accounts", "dated": "2025-12-31",
        "file": big}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == ["The file is larger than 10 MB."]


def test_a_document_cannot_expire_before_its_date(personas, org_a):
    with pytest.raises(services.ValidationError) as refused:
        _add(org_a, personas["staff"], expires_on=datetime.date(2020, 1, 1))
    assert "expires_on" in refused.value.message_dict
    assert not Document.objects.exists()


# --- Served only through the access rule --------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [
    ("admin", 200), ("staff", 200), ("viewer", 200), ("partner_a", 200),
    ("partner_admin_a", 200), ("partner_b", 404), ("no_role", 403),
])
def test_the_file_is_served_only_to_those_who_may_read_it(personas, org_a, document_a,
                                                          persona, status):
    page = client_for(personas[persona]).get(
        f"/partners/{org_a.pk}/documents/{document_a.pk}/file")
    answer = api(personas[persona]).get(f"/api/v1/documents/{document_a.pk}/file/")
    assert page.status_code == status
    assert answer.status_code == (403 if persona == "no_role" else status)
    if status == 200:
        assert b"".join(page.streaming_content) == PDF
        assert page["Content-Disposition"].startswith('attachment; filename="statutes-2024-03-01')
        assert page["X-Content-Type-Options"] == "nosniff"


def test_partner_b_never_reaches_as_documents(personas, org_a, org_b, document_a):
    client, b_api = client_for(personas["partner_b"]), api(personas["partner_b"])
    base = f"/partners/{org_a.pk}/documents/{document_a.pk}"
    assert client.get(f"{base}/edit/").status_code == 404
    assert client.post(f"{base}/delete/").status_code == 404
    assert client.post(f"/partners/{org_a.pk}/documents/new/", {
        "kind": "other", "dated": "2024-01-01", "file": pdf()}).status_code == 403
    # Under B's own organisation's address, A's document does not exist either.
    assert client.get(f"/partners/{org_b.pk}/documents/{document_a.pk}/file").status_code == 404
    assert b_api.get("/api/v1/documents/").json()["count"] == 0
    assert b_api.get(f"/api/v1/documents/{document_a.pk}/").status_code == 404
    assert b_api.patch(f"/api/v1/documents/{document_a.pk}/", {"note": "x", "version": 1},
                       format="json").status_code == 404
    assert b_api.post("/api/v1/documents/", {
        "organisation": org_a.pk, "kind": "other", "dated": "2024-01-01", "file": pdf()},
        format="multipart").status_code == 403
    page = client.get(f"/partners/{org_a.pk}/").content.decode()
    assert SECRET_NOTE not in page and f"documents/{document_a.pk}" not in page
    document_a.refresh_from_db()
    assert document_a.version == 1 and Document.objects.count() == 1


def test_the_stored_file_has_no_address_of_its_own(personas, document_a):
    client = client_for(personas["admin"])
    for prefix in ("/media/", "/", "/static/"):
        assert client.get(prefix + document_a.file.name).status_code == 404


# --- Versioned edits, audit ---------------------------------------------------------------


def test_a_partner_replaces_its_document_and_the_change_is_audited(personas, org_a, document_a):
    client = client_for(personas["partner_a"])
    first_file = document_a.file.name
    response = client.post(f"/partners/{org_a.pk}/documents/{document_a.pk}/edit/", {
        "kind": "statutes", "dated": "2025-06-01", "note": "Amended statutes",
        "version": document_a.version, "file": pdf("new.pdf", PDF + b"% amended"),
    })
    assert response.status_code == 302
    document_a.refresh_from_db()
    assert document_a.version == 2 and document_a.note == "Amended statutes"
    assert document_a.file.name != first_file and document_a.file.read().endswith(b"amended")
    history = list(document_a.history.order_by("history_date").values_list(
        "file", "history_user__email"))
    assert history == [(first_file, "partner@a.example"),
                       (document_a.file.name, "partner@a.example")]
    page = client_for(personas["staff"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert "<ins>Amended statutes</ins>" in page


def test_an_edit_without_a_file_keeps_the_stored_one(personas, org_a, document_a):
    response = client_for(personas["staff"]).post(
        f"/partners/{org_a.pk}/documents/{document_a.pk}/edit/",
        {"kind": "statutes", "dated": "2024-03-01", "expires_on": "2030-01-01",
         "version": document_a.version})
    assert response.status_code == 302
    stored = document_a.file.name
    document_a.refresh_from_db()
    assert document_a.file.name == stored and document_a.expires_on == datetime.date(2030, 1, 1)


def test_a_stale_edit_is_refused(personas, org_a, document_a):
    services.document_update(document=document_a, by=personas["staff"],
                             data={"note": "first"}, expected_version=1)
    response = client_for(personas["partner_a"]).post(
        f"/partners/{org_a.pk}/documents/{document_a.pk}/edit/",
        {"kind": "statutes", "dated": "2024-03-01", "note": "second", "version": 1})
    assert "Someone else saved this record" in response.content.decode()
    document_a.refresh_from_db()
    assert document_a.note == "first"


def test_a_viewer_reads_but_does_not_change_documents(personas, org_a, document_a):
    client = client_for(personas["viewer"])
    base = f"/partners/{org_a.pk}/documents"
    assert client.get(f"{base}/{document_a.pk}/edit/").status_code == 403
    assert client.get(f"{base}/new/").status_code == 403
    assert client.post(f"{base}/{document_a.pk}/delete/").status_code == 403
    assert api(personas["viewer"]).delete(f"/api/v1/documents/{document_a.pk}/").status_code == 403
    assert Document.objects.filter(pk=document_a.pk).exists()


def test_removing_a_document_is_audited(personas, org_a, document_a):
    client = client_for(personas["partner_admin_a"])
    assert client.post(
        f"/partners/{org_a.pk}/documents/{document_a.pk}/delete/").status_code == 302
    assert not Document.objects.exists()
    assert Document.history.filter(history_type="-").get().history_user == personas[
        "partner_admin_a"]


# --- The API ------------------------------------------------------------------------------


def test_the_api_lists_uploads_and_updates_under_the_same_rule(personas, org_a, org_b):
    a_api = api(personas["partner_a"])
    created = a_api.post("/api/v1/documents/", {
        "organisation": org_a.pk, "kind": "annual_report", "dated": "2025-12-31",
        "note": "2025", "file": pdf("report.pdf")}, format="multipart")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["kind"] == "annual_report" and body["version"] == 1
    assert body["file_url"].endswith(f"/api/v1/documents/{body['id']}/file/")
    assert "file" not in body  # the stored path is never shown
    # Not to another organisation's record.
    refused = a_api.post("/api/v1/documents/", {
        "organisation": org_b.pk, "kind": "other", "dated": "2025-01-01", "file": pdf()},
        format="multipart")
    assert refused.status_code == 403
    # A lying file is refused with the reason.
    lying = a_api.post("/api/v1/documents/", {
        "organisation": org_a.pk, "kind": "other", "dated": "2025-01-01",
        "file": SimpleUploadedFile("x.pdf", b"<html>")}, format="multipart")
    assert lying.status_code == 400 and lying.json()["file"] == [
        "The file's content is not a PDF file."]
    # Updates need the version read.
    url = f"/api/v1/documents/{body['id']}/"
    assert a_api.patch(url, {"note": "x"}, format="json").status_code == 400
    assert a_api.patch(url, {"note": "x", "version": 1}, format="json").json()["version"] == 2
    assert a_api.patch(url, {"note": "y", "version": 1}, format="json").status_code == 409
    replaced = a_api.patch(url, {"version": 2, "file": SimpleUploadedFile("p.png", PNG)},
                           format="multipart")
    assert replaced.status_code == 200 and replaced.json()["version"] == 3
    assert Document.objects.get().file.name.endswith(".png")
    staff = api(personas["staff"]).get("/api/v1/documents/", {"organisation": org_a.pk})
    assert [d["id"] for d in staff.json()["results"]] == [body["id"]]


# --- Expiry -------------------------------------------------------------------------------


def test_expiry_is_shown_on_the_page(personas, org_a):
    today = timezone.localdate()
    by = personas["staff"]
    _add(org_a, by, kind="registration", dated=today - datetime.timedelta(days=400),
         expires_on=today + datetime.timedelta(days=20))
    _add(org_a, by, kind="audited_accounts", dated=today - datetime.timedelta(days=400),
         expires_on=today - datetime.timedelta(days=3))
    _add(org_a, by, kind="annual_report", dated=today - datetime.timedelta(days=30),
         expires_on=today + datetime.timedelta(days=200))
    page = client_for(personas["partner_a"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert "expires in 20 days" in page
    assert '<span class="tag flag">expired</span>' in page
    assert "valid until" in page


def test_expiring_and_expired_documents_are_due_for_those_who_keep_them(personas, org_a, org_b):
    today = timezone.localdate()
    staff = personas["staff"]
    soon = _add(org_a, staff, kind="registration", dated=today - datetime.timedelta(days=900),
                expires_on=today + datetime.timedelta(days=20))
    expired = _add(org_b, staff, kind="audited_accounts",
                   dated=today - datetime.timedelta(days=400),
                   expires_on=today - datetime.timedelta(days=5))
    _add(org_a, staff, kind="statutes", dated=today - datetime.timedelta(days=100),
         expires_on=today + datetime.timedelta(days=90))  # not yet
    # Replaced by a later one of the same type: no longer due.
    _add(org_b, staff, kind="registration", dated=today - datetime.timedelta(days=900),
         expires_on=today - datetime.timedelta(days=100))
    _add(org_b, staff, kind="registration", dated=today - datetime.timedelta(days=80),
         expires_on=today + datetime.timedelta(days=1000))

    def due(persona):
        return [(i.url, i.due_on, i.overdue) for i in due_for(
            personas[persona], today=today, only=["document-expiry"])]

    a_page, b_page = f"/partners/{org_a.pk}/#documents", f"/partners/{org_b.pk}/#documents"
    assert due("staff") == [(b_page, expired.expires_on, True),
                            (a_page, soon.expires_on, False)]
    assert due("partner_a") == due("partner_admin_a") == [(a_page, soon.expires_on, False)]
    assert due("partner_b") == [(b_page, expired.expires_on, True)]
    assert due("viewer") == due("no_role") == []
    item = due_for(personas["partner_a"], today=today, only=["document-expiry"])[0]
    assert "Registration certificate" in item.title and org_a.name in item.detail


def test_the_due_list_is_one_query(personas, org_a, django_assert_num_queries):
    today = timezone.localdate()
    for index in range(5):
        _add(OrganisationFactory(), personas["staff"], kind="registration",
             dated=today - datetime.timedelta(days=400),
             expires_on=today + datetime.timedelta(days=index))
    with django_assert_num_queries(1):  # the documents with their organisations
        items = due_for(personas["staff"], today=today, only=["document-expiry"])
    assert len(items) == 5
