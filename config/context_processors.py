from django.conf import settings
from django.utils.functional import SimpleLazyObject

from catalog import money


def site(request):
    """Site name and base URL for every template (header, footer, canonical links), and the price policy."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SALES_EMAIL": settings.SALES_EMAIL,
        # Lazy: only catalog pages ask, and for staff it reads their permissions.
        "show_prices": SimpleLazyObject(lambda: money.prices_shown(user=getattr(request, "user", None))),
    }
