"""How an API endpoint applies a write: the service decides, the answer says why.

Plain helpers shared by every app's api.py (the `api` app is the frame above them all,
so apps cannot import from it).
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status

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
        raise exceptions.ValidationError(serializers.as_serializer_error(error)) from error
    except EditConflict as conflict:
        raise Conflict(str(conflict.message)) from conflict
