"""Every API error is a JSON body with a message: ``{"detail": ..., "code": ...}``, and for
invalid input the messages of each field besides (``fields``). The OpenAPI document declares
this shape for the error answers of every operation (shop.api.schema.AutoSchema)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for people")
    code = serializers.CharField(help_text="What went wrong, for programs: invalid, not_found, throttled, ...")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Invalid input only: the messages of each field (non_field_errors: of the request as a whole)",
    )


def field_messages(detail, field="non_field_errors"):
    """DRF's validation detail as {field: [messages]}, nested fields named with dots."""
    if isinstance(detail, dict):
        messages = {}
        for key, value in detail.items():
            messages.update(field_messages(value, key if field == "non_field_errors" else f"{field}.{key}"))
        return messages
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        messages = {}
        for index, item in enumerate(detail):
            messages.update(field_messages(item, f"{field}.{index}"))
        return messages
    return {field: [str(message) for message in (detail if isinstance(detail, list) else [detail])]}


def exception_handler(exc, context):
    """DRF's handler (status, Retry-After, WWW-Authenticate), with every body in the one shape."""
    if isinstance(exc, Http404):  # keep the view's message, which DRF's handler drops
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = field_messages(exc.detail)
        field, messages = next(iter(fields.items()))
        detail = messages[0] if field == "non_field_errors" else f"{field}: {messages[0]}"
        response.data = {"detail": detail, "code": "invalid", "fields": fields}
    else:
        response.data = {"detail": str(exc.detail), "code": getattr(exc.detail, "code", exc.default_code)}
    return response


def not_found(request, **kwargs):
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail), "code": "not_found"}, status=404)


def page_not_found(request, exception):
    """The project's 404 page; under /api/ JSON in the API's error shape instead."""
    if request.path.startswith("/api/"):
        return not_found(request)
    return defaults.page_not_found(request, exception)
