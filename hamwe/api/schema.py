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
