from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions

from shop.api.errors import ErrorSerializer


def public_api_only(endpoints, **kwargs):
    """Keep the versioned public API in the OpenAPI document (drf-spectacular hook)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


ERRORS = {
    "400": "Invalid input: `detail` says what, `fields` names each field",
    "403": "Refused: a write without the session's CSRF token (X-CSRFToken header) or from another site, "
    "or a request the caller's role or consent does not allow",
    "404": "Not found: an unknown id, or a page past the last",
    "406": "The Accept header asks for a format the API does not answer in (it answers JSON)",
    "415": "The request body's Content-Type is not one the API reads (JSON or form data)",
    "429": "Too many requests: wait the seconds in Retry-After",
}

RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait"}}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the error answers each operation can give, in the API's one
    error shape (shop.api.errors), so that a new endpoint documents them without saying so."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for status in self.error_statuses(operation):
            response = self._get_response_for_code(OpenApiResponse(ErrorSerializer, ERRORS[status]), status)
            operation["responses"].setdefault(status, response)
        # Every 429 says how long to wait, an operation's own description of it too.
        operation["responses"]["429"].setdefault("headers", RETRY_AFTER)
        return operation

    def needs_permission(self):
        return any(cls is not permissions.AllowAny for cls in getattr(self.view, "permission_classes", []))

    def error_statuses(self, operation):
        located = {parameter["in"] for parameter in operation.get("parameters", [])}
        has_body = "requestBody" in operation
        statuses = ["406", "429"]
        if "query" in located or has_body:
            statuses.append("400")
        if "path" in located or (self._is_list_view() and self._get_paginator()):
            statuses.append("404")
        if self.method not in ("GET", "HEAD", "OPTIONS") or self.needs_permission():
            statuses.append("403")
        if has_body:
            statuses.append("415")
        return statuses
