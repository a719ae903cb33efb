from django.conf import settings
from django.utils.functional import SimpleLazyObject

from catalog import money
from config import vendor


def site(request):
    """Site name, base URL and the vendor's contacts for every template (header, footer, canonical links),
    and the price policy."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SALES_EMAIL": settings.SALES_EMAIL,
        "STAFF_TIME_ZONE": settings.TIME_ZONE,
        "VENDOR": vendor.contact(),
        # Lazy: only catalog pages ask, and for staff it reads their permissions.
        "show_prices": SimpleLazyObject(lambda: money.prices_shown(user=getattr(request, "user", None))),
    }
