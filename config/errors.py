"""The site's error answers: JSON in the API's one shape under /api/, the site's pages elsewhere.

Django calls these for what no view answered itself: an unknown URL, a request refused by a
middleware (a NUL byte, a malformed body) and an unhandled exception.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views import defaults

from catalog import views as catalog_views
from config.api import is_api_request, json_error


def bad_request(request, exception):
    if is_api_request(request):
        if isinstance(exception, RequestDataTooBig):
            return json_error(code="too_large", message="The request body is too large.", status_code=413)
        return json_error(code="invalid", message=str(exception) or "The request is not valid.", status_code=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api_request(request):
        return json_error(code="forbidden", message="You may not do this.", status_code=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api_request(request):
        return json_error(code="not_found", message="Nothing is at this address.", status_code=404)
    return catalog_views.page_not_found(request, exception)


def server_error(request):
    if is_api_request(request):
        return json_error(
            code="server_error", message="Something went wrong on our side; please try again.", status_code=500
        )
    return catalog_views.server_error(request)


def admin_lockout(request, original_response=None, credentials=None):
    """axes' lockout answer: the site's page, 429 with Retry-After (the seconds until the cool-off ends)."""
    cool_off = get_cool_off(request)
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, {}, status=429)
    if cool_off:
        response["Retry-After"] = str(max(1, int(cool_off.total_seconds())))
    return response
