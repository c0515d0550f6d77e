"""How an API endpoint applies a write: the service decides, the answer says why.

Plain helpers shared by every app's api.py (the `api` app is the frame above them all,
so apps cannot import from it).
"""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
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
    """A list's responses; a page past the last answers 404 ("Invalid page.") too."""
    return declared_answers(200, serializer(many=True))
