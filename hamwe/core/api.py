"""How an API endpoint applies a write: the service decides, the answer says why.

Plain helpers shared by every app's api.py (the `api` app is the frame above them all,
so apps cannot import from it).
"""

import codecs
import json
import re
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .records import EditConflict


class ErrorSerializer(serializers.Serializer):
    """The body of every refusal (401, 403, 404, 409)."""

    detail = serializers.CharField()


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@contextmanager
def service_errors():
    """A refused write answers 400 with the service's messages, a stale version 409."""
    try:
        yield
    except DjangoValidationError as error:
        detail = serializers.as_serializer_error(error)
        if NON_FIELD_ERRORS in detail:  # a model's own name for them, not the API's
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        raise exceptions.ValidationError(detail) from error
    except EditConflict as conflict:
        raise Conflict(str(conflict.message)) from conflict


def take_version(data: dict) -> int:
    """Pop the version the client read from validated data: required for an update, so
    no one's edit is overwritten unseen (a stale one answers 409 in `service_errors`)."""
    version = data.pop("version", None)
    if version is None:
        raise exceptions.ValidationError({"version": [_("Send the version you read.")]})
    return version


class VersionedUpdates:
    """`update()` for a viewset whose records change only through a versioned service:
    the object is fetched for its editor (404 outside the scope, 403 when only readable),
    the body is validated for shape, the version the client read is required, fields that
    may not move are dropped, and the service decides (400 with its messages, 409 when
    someone else saved first).

    A viewset names `fixed_on_update` (fields an update ignores, e.g. the organisation a
    record belongs to) and implements `editable_object()` and
    `apply_update(obj, *, data, expected_version)`, which returns the updated record;
    `updated_answer(record)` says what the client gets back (the serializer's view of it)."""

    fixed_on_update: tuple[str, ...] = ()

    def editable_object(self):
        raise NotImplementedError

    def apply_update(self, obj, *, data, expected_version):
        raise NotImplementedError

    def updated_answer(self, record):
        return Response(self.get_serializer(record).data)

    def update(self, request, *args, **kwargs):
        obj = self.editable_object()
        serializer = self.get_serializer(obj, data=request.data,
                                         partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = take_version(data)
        for name in self.fixed_on_update:
            data.pop(name, None)
        with service_errors():
            updated = self.apply_update(obj, data=data, expected_version=expected)
        return self.updated_answer(updated)


# extend_schema(responses=...) replaces what the API's schema class would add, so
# operations that name their responses declare the refusals again.
def declared_answers(code, serializer, *more):
    """The responses of an operation: `code` with `serializer`, the refusals every
    operation can answer (401, 403, 404) and those in `more` (400, 409)."""
    described = {
        400: OpenApiResponse(description="Invalid input"),
        401: OpenApiResponse(ErrorSerializer, description="Not signed in"),
        403: OpenApiResponse(ErrorSerializer, description="Not allowed"),
        404: OpenApiResponse(ErrorSerializer, description="Not found"),
        409: OpenApiResponse(ErrorSerializer, description="Refused"),
    }
    return {code: serializer, **{c: described[c] for c in (401, 403, 404, *more)}}


def declared_list_answers(serializer):
    """A list's responses; a page past the last answers 404 ("Invalid page.") too, and a
    filter that is not valid (an id that is not a whole number) 400."""
    return declared_answers(200, serializer(many=True), 400)


# Brackets that open and close JSON containers, and strings (which may hold brackets).
_JSON_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Does `body` nest arrays and objects deeper than `limit`? (Counted before parsing:
    Python's parser recurses once per level and fails on a few thousand.)"""
    depth = 0
    for match in _JSON_NESTING.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


class BoundedJSONParser(parsers.JSONParser):
    """DRF's JSON parser with the bounds Django keeps for forms: a body of at most
    DATA_UPLOAD_MAX_MEMORY_SIZE bytes, nested at most HAMWE_JSON_MAX_DEPTH deep. Beyond
    either the answer is 400, not a server error (DRF reads the raw stream, so Django's
    own size check never sees an API body)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(body) > limit:
            raise exceptions.ParseError(_("The request body is too large."))
        if json_depth_exceeds(body, settings.HAMWE_JSON_MAX_DEPTH):
            raise exceptions.ParseError(_("The JSON is nested too deeply."))
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(body, encoding)
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as error:
            message = _("JSON parse error: %(error)s") % {"error": error}
            raise exceptions.ParseError(message) from error


def _refuse_constant(name):
    # NaN and Infinity are not JSON (RFC 8259); DRF's own parser refuses them too.
    raise ValueError(f"{name} is not valid JSON")
