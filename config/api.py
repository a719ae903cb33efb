"""One JSON error shape for every API endpoint.

    {"error": {"code": "invalid", "message": "Some fields are not valid.", "fields": {"email": ["..."]}}}

`code` is stable and meant for programs; `message` is for people; `fields` appears only
when specific input fields are at fault.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

_CODES = {
    exceptions.ParseError: ("malformed", "The request body is not valid JSON."),
    exceptions.AuthenticationFailed: ("unauthenticated", None),
    exceptions.NotAuthenticated: ("unauthenticated", None),
    exceptions.PermissionDenied: ("forbidden", None),
    exceptions.NotFound: ("not_found", None),
    exceptions.MethodNotAllowed: ("method_not_allowed", None),
    exceptions.NotAcceptable: ("not_acceptable", None),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", None),
    exceptions.Throttled: ("rate_limited", None),
}


def api_error(
    *, code: str, message: str, status_code: int, fields: dict[str, list[str]] | None = None, headers=None
) -> Response:
    """A response in the API's error shape."""
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return Response({"error": error}, status=status_code, headers=headers)


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {msg}" for key, value in detail.items() for msg in _flatten(value)]
    if isinstance(detail, list):
        return [msg for item in detail for msg in _flatten(item)]
    return [str(detail)]


def exception_handler(exc, context):
    """DRF's handler, reshaped; anything DRF does not handle stays a server error."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {key: _flatten(value) for key, value in detail.items() if key != "non_field_errors"}
        general = _flatten(detail.get("non_field_errors", []))
        message = " ".join(general) or "Some fields are not valid."
        return api_error(
            code="invalid",
            message=message,
            status_code=status.HTTP_400_BAD_REQUEST,
            fields=fields,
            headers=_passed_headers(response),
        )

    code, message = next(
        ((c, m) for cls, (c, m) in _CODES.items() if isinstance(exc, cls)),
        (getattr(exc, "default_code", "error"), None),
    )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    return api_error(
        code=code,
        message=message or " ".join(_flatten(detail)),
        status_code=response.status_code,
        headers=_passed_headers(response),
    )


def _passed_headers(response: Response) -> dict[str, str]:
    # Keep the headers DRF set for the client (Allow, Retry-After, WWW-Authenticate).
    return {k: v for k, v in response.items() if k in ("Allow", "Retry-After", "WWW-Authenticate")}
