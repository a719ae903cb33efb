from django.conf import settings

from config import vendor


def site(request):
    """Site name, base URL and the vendor's contacts for every template (header, footer, canonical links)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SALES_EMAIL": settings.SALES_EMAIL,
        "STAFF_TIME_ZONE": settings.TIME_ZONE,
        "VENDOR": vendor.contact(),
    }
