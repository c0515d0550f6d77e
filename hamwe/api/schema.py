from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiResponse

from hamwe.core.api import ErrorSerializer

__all__ = ["ErrorSerializer", "HamweAutoSchema", "TokenScheme"]

HOW_TO_GET_A_TOKEN = (
    "A personal token, sent as `Authorization: Token hamwe_...`. Make one in Hamwe: sign "
    "in with two-factor sign-in, open *API tokens* in your menu (/users/tokens/), give a "
    "name and a lifetime (30 days to a year) and confirm with a code from your "
    "authenticator app. The token is shown once; it acts with exactly your access, and "
    "stops working when it expires, when you or an administrator revoke it, or if your "
    "authenticator is removed."
)


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme for Hamwe's personal tokens (knox underneath)."""

    target_class = "hamwe.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": HOW_TO_GET_A_TOKEN,
        }


class HamweAutoSchema(AutoSchema):
    """Declares the refusals every operation can answer, so clients and fuzzers expect them."""

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if self.method == "DELETE" and not isinstance(responses, dict):
            # 204 has no body: not the serializer that spectacular would guess.
            responses = {"204": OpenApiResponse(description="Deleted")}
        if not isinstance(responses, dict):
            code = "201" if self.method == "POST" else "200"
            responses = {code: responses}
        error = OpenApiResponse(ErrorSerializer, description="Refused")
        responses.setdefault("401", OpenApiResponse(ErrorSerializer, description="Not signed in"))
        responses.setdefault("403", OpenApiResponse(ErrorSerializer, description="Not allowed"))
        if self._is_object_operation() or self.method != "GET" or self._is_list_operation():
            # On a list: a page past the last ("Invalid page.").
            responses.setdefault("404", OpenApiResponse(ErrorSerializer, description="Not found"))
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_operation():
            # A list refuses a filter or page that is not valid (e.g. ?party=abc) with 400.
            responses.setdefault("400", OpenApiResponse(description="Invalid input"))
        if self.method in ("PUT", "PATCH"):
            responses.setdefault("409", error)
        return responses

    def _map_basic_serializer(self, serializer, direction):
        """A serializer may name fields that only some readers get (`sometimes_absent`):
        they are documented, but not as required, so the schema holds for everyone."""
        schema = super()._map_basic_serializer(serializer, direction)
        absent = set(getattr(force_instance(serializer), "sometimes_absent", ()))
        if absent and schema.get("required"):
            schema["required"] = [name for name in schema["required"] if name not in absent]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _is_object_operation(self):
        return "{" in self.path

    def _is_list_operation(self):
        return self.method == "GET" and getattr(self.view, "action", None) == "list"
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
