"""Who may call the quotes API, what each caller sees, and how often.

- A partner key needs the endpoint's scope and sees only its own partner's leads and quotes: any
  other id answers exactly like an id that does not exist (404 with the same body), so ids of
  other partners' rows cannot be told from missing ones.
- Staff signed in need the endpoint's model permission (their groups) and see every lead and quote.
"""

import uuid

from django.db.models import QuerySet
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import (
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.settings import api_settings

from catalog.api.access import CatalogThrottle, PartnerKeyAuthentication
from catalog.models import Partner, PartnerKey


class QuotesAccess(BasePermission):
    """A key needs `key_scope`; a staff user needs the `staff_perm` model permission."""

    key_scope: str
    staff_perm: str

    def has_permission(self, request, view):
        if isinstance(request.auth, PartnerKey):
            self.message = f"This API key does not have the {self.key_scope} scope."
            return request.auth.has_scope(self.key_scope)
        user = request.user
        if user is None or not user.is_authenticated:
            return False  # DRF answers 401: nobody is signed in
        self.message = f"Your account may not do this (it needs the {self.staff_perm} permission)."
        return user.is_staff and user.has_perm(self.staff_perm)


class QuotesRead(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_READ, "quotes.view_quote"


class QuotesCreate(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_WRITE, "quotes.add_quote"


class QuotesChange(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_WRITE, "quotes.change_quote"


def caller_partner(request) -> Partner | None:
    """The partner whose key made the request, or None for staff and anonymous callers."""
    return request.auth.partner if isinstance(request.auth, PartnerKey) else None


def visible_to_caller(queryset: QuerySet, *, request) -> QuerySet:
    """Leads or quotes the caller may see: a key its partner's own, staff (permission checked before) all."""
    if isinstance(request.auth, PartnerKey):
        return queryset.filter(partner=request.auth.partner)
    return queryset


def public_id_parse(raw) -> uuid.UUID | None:
    """A public id from a URL or a body, or None when it cannot be one (answered like a missing id)."""
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


class QuotesThrottle(CatalogThrottle):
    """Per key (its own rate if set) or per staff user, at the partner-key rate; never anonymous (401 first)."""

    def _rate_for(self, access):
        if access.key is not None and access.key.rate_per_minute:
            return f"{access.key.rate_per_minute}/minute"
        return api_settings.DEFAULT_THROTTLE_RATES["catalog_key"]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return self.cache_format % {"scope": "quotes_key", "ident": request.auth.prefix}
        user_id = request.user.pk if request.user is not None else "none"
        return self.cache_format % {"scope": "quotes_staff", "ident": str(user_id)}


class LeadsPush(BasePermission):
    """Anyone may send a consultation request; a key that is sent must carry leads:write (403 otherwise)."""

    message = "This API key does not have the leads:write scope."

    def has_permission(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return request.auth.has_scope(PartnerKey.Scope.LEADS_WRITE)
        return True


class LeadsPushThrottle(QuotesThrottle):
    """A partner's pushes per key (its own rate if set); anonymous requests are limited by the intake, per address."""

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return self.cache_format % {"scope": "leads_key", "ident": request.auth.prefix}
        return None


QUOTES_AUTHENTICATION = [PartnerKeyAuthentication, SessionAuthentication]


def leads_push_api(view):
    """The consultation endpoint's access: anonymous, or a partner key with leads:write (401/403), and its rate."""
    view = throttle_classes([LeadsPushThrottle])(view)
    # AllowAny beside it changes nothing (every class must agree) but tells the schema that no key is needed.
    view = permission_classes([AllowAny, LeadsPush])(view)
    # Keys only: a bad key is a 401, never a silent downgrade; no session, so no CSRF on a public endpoint.
    return authentication_classes([PartnerKeyAuthentication])(view)


def quotes_api(*, permission):
    """The quotes endpoints' access: who may call (401/403) and how often (429)."""

    def decorate(view):
        view = throttle_classes([QuotesThrottle])(view)
        view = permission_classes([permission])(view)
        return authentication_classes(QUOTES_AUTHENTICATION)(view)

    return decorate


class JsonOnlyNegotiation(BaseContentNegotiation):
    """The PDF endpoint answers a PDF or a JSON error whatever the Accept header says (never 406)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
