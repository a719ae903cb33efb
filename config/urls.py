import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from config import media, monitoring
from config.sitemaps import SITEMAPS, robots_txt

admin.site.site_header = f"{settings.SITE_NAME} staff"
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", monitoring.healthz, name="healthz"),
    path("readyz/", monitoring.readyz, name="readyz"),
    path("metrics", monitoring.metrics_view, name="metrics"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("api/v1/", include("config.api_urls")),
    path("", include("quotes.urls")),
    path("", include("catalog.urls")),
]
if media.served_here():
    # In production too: with files on this server's disk, nothing else serves them (config/media.py).
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.+)$", media.media_file, name="media-file"))

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
