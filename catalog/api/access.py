"""Who calls the catalog API and how often: partner keys, staff sessions, anonymous readers.

- Anonymous callers read the published catalog without prices, throttled per address.
- A partner key (`Authorization: Api-Key <prefix>.<secret>`) adds its scopes and has its own
  throttle; a wrong, revoked or expired key is refused (401), never downgraded to anonymous.
- Staff signed in to the admin with the right to view devices get every catalog scope.
"""

import logging
from dataclasses import dataclass

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_api_key.permissions import KeyParser

from catalog import counters, keys, money, services
from catalog.models import PartnerKey
from config.clientip import client_ip

logger = logging.getLogger(__name__)
Scope = PartnerKey.Scope
ANONYMOUS_SCOPES = frozenset({Scope.CATALOG_READ})
STAFF_SCOPES = frozenset({Scope.CATALOG_READ, Scope.PRICES, Scope.DRAFTS})


@dataclass(frozen=True)
class Access:
    """What the caller of one request may see."""

    scopes: frozenset[str]
    key: PartnerKey | None = None
    staff_id: int | None = None

    @property
    def prices(self) -> bool:
        return Scope.PRICES in self.scopes

    @property
    def drafts(self) -> bool:
        return Scope.DRAFTS in self.scopes

    @property
    def anonymous(self) -> bool:
        return self.key is None and self.staff_id is None

    def cache_variant(self) -> str:
        """What of the caller changes a response body: part of every ETag."""
        return f"prices={int(self.prices)};drafts={int(self.drafts)}"


def access_for(request) -> Access:
    cached = getattr(request, "_catalog_access", None)
    if cached is not None:
        return cached
    auth, user = request.auth, request.user
    # Public prices (money.prices_public) are every caller's, as on the pages.
    public = frozenset({Scope.PRICES}) if money.prices_public() else frozenset()
    if isinstance(auth, PartnerKey):
        access = Access(scopes=frozenset(auth.scopes or []) | public, key=auth)
    elif user is not None and user.is_authenticated and user.is_staff and user.has_perm("catalog.view_device"):
        access = Access(scopes=STAFF_SCOPES, staff_id=user.pk)
    else:
        access = Access(scopes=ANONYMOUS_SCOPES | public)
    request._catalog_access = access
    return access


class PartnerKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <prefix>.<secret>`; the key is looked up by prefix and checked against its hash."""

    keyword = "Api-Key"
    key_parser = KeyParser()

    def authenticate(self, request):
        raw = self.key_parser.get(request)
        if raw is None:
            return None
        try:
            key = keys.verified_keys.get(raw)
        except PartnerKey.DoesNotExist:
            raise exceptions.AuthenticationFailed("The API key is not valid or has been revoked.") from None
        if key.has_expired:
            raise exceptions.AuthenticationFailed("The API key has expired; ask for a new one.")
        services.partner_key_used(key=key)
        # No Django user stands behind a key: `request.auth` carries it.
        return (None, key)

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class StaffSessionAuthentication(SessionAuthentication):
    """Staff signed in to the admin (read-only GETs, so no CSRF check is involved)."""


class CatalogReader(BasePermission):
    """Anyone may read the published catalog; a key must carry the catalog:read scope."""

    message = "This API key does not have the catalog:read scope."

    def has_permission(self, request, view):
        return Scope.CATALOG_READ in access_for(request).scopes


class CatalogThrottle(SimpleRateThrottle):
    """Requests per period per caller: a key by its prefix (its own rate if set), staff by user, others by address.

    A fixed window counted with one increment (catalog/counters.py), not DRF's log of every request's time:
    the log is read and written whole on every request, which for a partner allowed 10,000
    requests a minute is a 10,000-item list per request. The price is that a caller can
    spend its allowance at the end of one window and again at the start of the next.
    Counted in the cache; when the cache is down the request goes through (logged) rather
    than failing a partner's sync because of a counter.
    """

    counter = counters.default_counter()
    cache_format = "throttle_catalog_%(scope)s_%(ident)s"

    def __init__(self):
        # The rate depends on the caller, so it is chosen per request in allow_request.
        pass

    def _rate_for(self, access: Access) -> str:
        rates = api_settings.DEFAULT_THROTTLE_RATES
        if access.key is not None and access.key.rate_per_minute:
            return f"{access.key.rate_per_minute}/minute"
        return rates["catalog_anon"] if access.anonymous else rates["catalog_key"]

    def get_cache_key(self, request, view):
        access = access_for(request)
        if access.key is not None:
            scope, ident = "key", access.key.prefix
        elif access.staff_id is not None:
            scope, ident = "staff", str(access.staff_id)
        else:
            scope, ident = "anon", client_ip(request) or "unknown"
        return self.cache_format % {"scope": scope, "ident": ident}

    def allow_request(self, request, view):
        self.rate = self._rate_for(access_for(request))
        self.num_requests, self.duration = self.parse_rate(self.rate)
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        counter = f"{self.get_cache_key(request, view)}_{window}"
        try:
            count = self.counter.hit(counter, seconds=self.duration + 1)
        except Exception:
            logger.warning("throttle cache unavailable; letting the request through", exc_info=True)
            return True
        self.now = now
        return count <= self.num_requests

    def wait(self):
        return max(self.window_ends - self.now, 1)


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = PartnerKeyAuthentication
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A partner key issued by the vendor's staff, sent as `Authorization: Api-Key <prefix>.<secret>`. "
                "Scopes: `catalog:read` (the published catalog), `prices:read` (prices, tiers and option deltas), "
                "`catalog:drafts` (draft and discontinued devices, the `status` filter), `leads:write`, "
                "`quotes:read` (quotes, their PDF status and PDFs), `quotes:write` (create quotes, ask for PDFs). "
                "Without a key the published catalog is readable without prices, at a lower rate."
            ),
        }


class StaffSessionScheme(OpenApiAuthenticationExtension):
    target_class = StaffSessionAuthentication
    name = "StaffSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Staff signed in to the admin see drafts and prices, as with every catalog scope.",
        }


CATALOG_API = {
    "authentication_classes": [PartnerKeyAuthentication, StaffSessionAuthentication],
    "permission_classes": [CatalogReader],
    "throttle_classes": [CatalogThrottle],
}
