"""One JSON error shape for every API endpoint.

    {"error": {"code": "invalid", "message": "Some fields are not valid.", "fields": {"email": ["..."]}}}

`code` is stable and meant for programs; `message` is for people; `fields` appears only
when specific input fields are at fault.
"""

import codecs
from typing import Any

import orjson
from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from rest_framework import exceptions, parsers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"
# Deeper than any body the API takes (a quote's lines are 3 levels down): refused before a
# validator, a fingerprint or a log line walks it recursively.
JSON_MAX_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


_CODES = {
    exceptions.ParseError: ("malformed", None),
    exceptions.AuthenticationFailed: ("unauthenticated", None),
    exceptions.NotAuthenticated: ("unauthenticated", None),
    exceptions.PermissionDenied: ("forbidden", None),
    exceptions.NotFound: ("not_found", None),
    exceptions.MethodNotAllowed: ("method_not_allowed", None),
    exceptions.NotAcceptable: ("not_acceptable", None),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", None),
    exceptions.Throttled: ("rate_limited", None),
    RequestTooLarge: ("too_large", None),
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
    elif isinstance(exc, RequestDataTooBig):  # Django's own limit, met when DRF reads the body
        exc = RequestTooLarge(f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
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


# --- Parsing ---------------------------------------------------------------------------


def json_depth_exceeds(value, limit: int) -> bool:
    """Whether parsed JSON nests deeper than `limit` (counted without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


class JSONParser(parsers.JSONParser):
    """Strict JSON with bounds: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (413 beyond) and JSON_MAX_DEPTH levels.

    orjson parses without Python recursion and refuses what is not JSON (NaN, lone surrogates,
    invalid UTF-8), so no body reaches a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            if codecs.lookup(encoding).name != "utf-8":
                raw = raw.decode(encoding).encode()
            data = orjson.loads(raw)
        except (LookupError, ValueError) as exc:  # orjson.JSONDecodeError and UnicodeError are ValueErrors
            raise exceptions.ParseError(f"The request body is not valid JSON: {exc}") from None
        if json_depth_exceeds(data, JSON_MAX_DEPTH):
            raise exceptions.ParseError(f"The request body nests deeper than {JSON_MAX_DEPTH} levels.")
        return data


# --- Errors outside DRF's views (unknown URLs, server errors) under /api/ -------------------


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(*, code: str, message: str, status_code: int) -> JsonResponse:
    """The API's error shape from a plain Django view (no DRF machinery that could fail again)."""
    return JsonResponse({"error": {"code": code, "message": message}}, status=status_code)


class JsonErrorsMixin:
    """For API views that answer something other than JSON (the schema, the docs page): their errors
    still come in the API's JSON shape, and they answer GET and HEAD only."""

    http_method_names = ["get", "head"]

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response
