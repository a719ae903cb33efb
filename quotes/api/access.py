"""Who may call the quotes API and how often: partner keys by scope, staff sessions by permission."""

from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import (
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission
from rest_framework.settings import api_settings

from catalog.api.access import CatalogThrottle, PartnerKeyAuthentication
from catalog.models import PartnerKey


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


QUOTES_AUTHENTICATION = [PartnerKeyAuthentication, SessionAuthentication]


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
