from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
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
