"""Per-visitor values in otherwise shared HTML: the CSRF token and a form's fill-time token.

Public pages are rendered once and served from a cache to every visitor (catalog.pagecache),
yet their forms need values of each visitor's own: the CSRF token, and a signed note of when
the form was shown (scripts fill forms faster than people). Templates therefore never hold
those values. They hold markers, and `HolesMiddleware` fills each marker into every HTML
response, cached or not, so a page behaves the same whichever way it was produced.

The markers derive from SECRET_KEY: content an editor writes cannot contain them by chance
or on purpose, so no one can make a page print a visitor's token where it does not belong.
"""

import hashlib
import hmac
import time
from functools import cache

from django.conf import settings
from django.core import signing
from django.middleware.csrf import get_token

FILL_TOKEN_SALT = "quotes.consultation-form.fill-token"  # noqa: S105 (a salt, not a secret)


@cache
def marker(name: str) -> str:
    """The stable, unguessable text that stands for one per-visitor value in rendered HTML."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"pageholes:{name}".encode(), hashlib.sha256).hexdigest()
    return f"hole-{name}-{digest[:24]}"


def csrf_marker(request) -> dict:
    """Context processor: `{% csrf_token %}` prints the marker; the middleware puts the visitor's token there."""
    return {"csrf_token": marker("csrf")}


def fill_token_new(*, issued_at: float | None = None) -> str:
    """A signed note of when a form was shown, to tell people from scripts by fill time."""
    return signing.dumps({"t": issued_at if issued_at is not None else time.time()}, salt=FILL_TOKEN_SALT)


def fill_seconds(token: str) -> float | None:
    """Seconds since the form carrying `token` was shown, or None for a missing or forged token."""
    try:
        issued_at = float(signing.loads(token, salt=FILL_TOKEN_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return time.time() - issued_at


class HolesMiddleware:
    """Fill the per-visitor markers of an HTML response with this visitor's values.

    Sits inside CsrfViewMiddleware, so the CSRF cookie is set when a page asks for a token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = response.content
        csrf, fill = marker("csrf").encode(), marker("fill").encode()
        if csrf not in content and fill not in content:
            return response
        if csrf in content:
            content = content.replace(csrf, get_token(request).encode())
        if fill in content:
            content = content.replace(fill, fill_token_new().encode())
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        return response
