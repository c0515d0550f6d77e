"""Pages go out compressed to a browser that accepts gzip (a phone on a slow link gets a
fifth of the bytes); files that are compressed already go out as they are."""

import gzip

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.core.middleware import CompressText


def test_a_page_is_sent_compressed_and_varies_on_accept_encoding(personas):
    client = client_for(personas["staff"])
    plain = client.get(reverse("partners:list"))
    packed = client.get(reverse("partners:list"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content.replace(
        *_csrf_tokens(plain.content, gzip.decompress(packed.content)))
    assert len(packed.content) < len(plain.content) / 3


def _csrf_tokens(first, second):
    """The CSRF token is masked afresh in every response: the only difference allowed."""
    def token(body):
        marker = b'name="csrfmiddlewaretoken" value="'
        start = body.index(marker) + len(marker)
        return body[start:body.index(b'"', start)]
    return token(first), token(second)


def test_the_same_page_compresses_to_different_lengths():
    """Heal the Breach: random bytes in the gzip header, so the length of a response
    says less about what it holds."""
    middleware = CompressText(lambda request: HttpResponse("<p>" + "a page " * 200))
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    lengths = {len(middleware(request).content) for _ in range(20)}
    assert len(lengths) > 1


def test_files_compressed_already_are_left_alone():
    body = b"%PDF-1.7 " + b"x" * 5000
    middleware = CompressText(lambda request: HttpResponse(body, content_type="application/pdf"))
    response = middleware(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert response.content == body and not response.has_header("Content-Encoding")
