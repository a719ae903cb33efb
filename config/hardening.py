"""Requests no view should see: NUL bytes in the path, the query or a form.

PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), so a NUL that reached
a lookup was a 500. No slug, query value or form field of this site can hold one: a path
with one is a 404, a query or form with one is a 400, before any view runs.
"""

from django.core.exceptions import BadRequest
from django.http import Http404

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_dict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


class NulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise Http404("The address holds a NUL byte.")
        if _has_nul(request.GET):
            raise BadRequest("A query parameter holds a NUL byte.")
        if request.method == "POST" and request.content_type in FORM_TYPES and _has_nul(request.POST):
            raise BadRequest("A form field holds a NUL byte.")
        return self.get_response(request)
