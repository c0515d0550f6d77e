from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from hamwe.core.api import ErrorSerializer

__all__ = ["ErrorSerializer", "HamweAutoSchema"]


class HamweAutoSchema(AutoSchema):
    """Declares the refusals every operation can answer, so clients and fuzzers expect them."""

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not isinstance(responses, dict):
            code = "201" if self.method == "POST" else "200"
            if self.method == "DELETE":
                code = "204"
            responses = {code: responses}
        error = OpenApiResponse(ErrorSerializer, description="Refused")
        responses.setdefault("401", OpenApiResponse(ErrorSerializer, description="Not signed in"))
        responses.setdefault("403", OpenApiResponse(ErrorSerializer, description="Not allowed"))
        if self._is_object_operation() or self.method != "GET":
            responses.setdefault("404", OpenApiResponse(ErrorSerializer, description="Not found"))
        if self.method in ("POST", "PUT", "PATCH"):
            responses.setdefault("400", OpenApiResponse(description="Invalid input"))
        if self.method in ("PUT", "PATCH"):
            responses.setdefault("409", error)
        return responses

    def _is_object_operation(self):
        return "{" in self.path

    def get_operation(self, *args, **kwargs):
        # Every operation may answer 429, whatever its own responses (an operation with
        # extend_schema(responses=...) replaces get_response_serializers, not this).
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            operation["responses"].setdefault(
                "429", self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=too_many_requests()), "429"))
        return operation

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if status_code == "429":
            headers["Retry-After"] = {
                "schema": {"type": "integer"},
                "description": "Seconds until the client may call again.",
            }
        return headers


def _rate(rate) -> str:
    """ "1200/min" as "1200 a minute". """
    if not rate:
        return "no limit"
    number, period = rate.split("/")
    return f"{number} a " + {"s": "second", "m": "minute", "h": "hour", "d": "day"}[period[0]]


def too_many_requests() -> str:
    """The 429 answer, with the rates it enforces (from the settings)."""
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    return (
        f"Too many requests: at most {_rate(rates.get('user'))} per signed-in user, "
        f"{_rate(rates.get('anon'))} per address without one, counted in fixed windows. "
        "Wait the seconds Retry-After says, then call again."
    )
