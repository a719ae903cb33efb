from django.conf import settings


def site(request):
    """Site name and base URL for every template (header, footer, canonical links)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SALES_EMAIL": settings.SALES_EMAIL,
        "STAFF_TIME_ZONE": settings.TIME_ZONE,
    }
