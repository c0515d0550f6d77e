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
