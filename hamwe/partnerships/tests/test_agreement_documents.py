"""An agreement's PDF and DOCX are rendered by the task worker, never in the request, and
kept: a signed version's once and for good, an unsigned one's until what it shows changes.
Whoever asks before it is ready gets a page that waits for it."""

from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.partnerships.agreements import services, tasks
from hamwe.partnerships.models import AgreementDocument
from hamwe.partnerships.tests import test_agreements as base

ready, agreement, _sign_all = base.ready, base.agreement, base._sign_all  # fixtures, helper

NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                         "QUEUES": ["default"]}}


def _url(name, agreement):
    return reverse(f"partnerships:{name}",
                   kwargs={"pk": agreement.partnership_id, "agreement_pk": agreement.pk})


@pytest.fixture
def rendered():
    """Count the renders, and make them instant."""
    with mock.patch("hamwe.partnerships.agreements.documents.render",
                    side_effect=lambda agreement, fmt: b"%PDF-1.7 rendered " + fmt.encode()
                    ) as render:
        yield render


def test_until_the_worker_has_rendered_it_the_page_waits_for_it(agreement, personas, rendered):
    client = client_for(personas["viewer"])
    url = _url("agreement_pdf", agreement)
    with override_settings(TASKS=NO_WORKER):
        waiting = client.get(url)
        polled = client.get(url, HTTP_HX_REQUEST="true")
    assert waiting.status_code == 202 and waiting["Refresh"] == "3"
    page = waiting.content.decode()
    assert "Waiting for the worker" in page and f'hx-get="{url}"' in page
    assert 'hx-trigger="every 1s"' in page
    assert polled.status_code == 200 and "<html" not in polled.content.decode()
    assert not rendered.called  # never in the request
    # The worker runs the task (as `hamwe db_worker` would):
    tasks.render_document.call(AgreementDocument.objects.get().pk)
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Redirect"] == url
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == b"%PDF-1.7 rendered pdf"


def test_a_signed_version_is_rendered_once_and_kept(agreement, personas, rendered):
    sent = services.agreement_send(agreement=agreement, by=personas["staff"])
    client = client_for(personas["partner_a"])
    client.get(_url("agreement_pdf", sent))  # rendered while sent for signature
    _sign_all(sent, personas["staff"])
    sent.refresh_from_db()
    assert sent.status == "signed"
    for _ in range(3):
        assert client.get(_url("agreement_pdf", sent)).status_code == 200
    # Twice: once sent, once signed (the sent one is dropped); then never again.
    assert rendered.call_count == 2
    kept = AgreementDocument.objects.get()
    assert kept.of_status == "signed" and kept.ready
    with mock.patch("hamwe.partnerships.agreements.documents.RENDERING", 99):
        assert client.get(_url("agreement_pdf", sent)).status_code == 200
    assert rendered.call_count == 2  # a new look does not redraw what was signed


def test_an_unsigned_version_is_rendered_again_when_what_it_shows_changes(
        agreement, personas, rendered):
    sent = services.agreement_send(agreement=agreement, by=personas["staff"])
    client = client_for(personas["staff"])
    client.get(_url("agreement_docx", sent))
    client.get(_url("agreement_docx", sent))
    assert rendered.call_count == 1
    first_party = sent.partnership.parties.order_by("pk")[:1]
    _sign_all(sent, personas["staff"], parties=first_party)
    client.get(_url("agreement_docx", sent))
    assert rendered.call_count == 2 and AgreementDocument.objects.count() == 1


def test_a_failed_render_says_so_and_can_be_tried_again(agreement, personas):
    client = client_for(personas["staff"])
    url = _url("agreement_pdf", agreement)
    with mock.patch("hamwe.partnerships.agreements.documents.render",
                    side_effect=RuntimeError("no fonts")):
        failed = client.get(url)
    assert failed.status_code == 202 and "Refresh" not in failed
    page = failed.content.decode()
    assert "could not be prepared" in page and "again=1" in page
    with mock.patch("hamwe.partnerships.agreements.documents.render",
                    return_value=b"%PDF-1.7 at last"):
        assert client.get(url).status_code == 202  # not retried unasked
        again = client.get(url, {"again": "1"})
    assert again.status_code == 200 and b"".join(again.streaming_content) == b"%PDF-1.7 at last"


def test_a_stored_document_is_never_served_to_someone_who_may_not_read_it(
        agreement, personas, rendered):
    url = _url("agreement_pdf", agreement)
    assert client_for(personas["partner_a"]).get(url).status_code == 200
    assert AgreementDocument.objects.get().ready
    for persona, status in (("partner_b", 404), ("no_role", 403)):
        response = client_for(personas[persona]).get(url)
        assert response.status_code == status
        assert b"%PDF" not in response.content
