"""sitemap.xml and robots.txt: every public page at its canonical address (SITE_URL), whatever host was asked.

The browser tests walk this sitemap to check every public page, so a page kind that is not
listed here is a page kind nobody checks: add new public pages here.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog.models import Article, Device, Family, LegalPage, Treatment


class CanonicalSitemap(Sitemap):
    """URLs on SITE_URL's scheme and host, as canonical links print them."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(CanonicalSitemap):
    """Pages that are one per site: home, lists, the consultation form, the legal pages."""

    changefreq = "weekly"

    def items(self):
        pages = ["catalog:home", "catalog:family-list", "catalog:article-list", "quotes:consultation-create"]
        return [reverse(name) for name in pages] + [
            reverse("catalog:legal-page", kwargs={"kind": kind}) for kind in LegalPage.Kind.values
        ]

    def location(self, item):
        return item


class FamilySitemap(CanonicalSitemap):
    changefreq = "weekly"

    def items(self):
        return Family.objects.filter(devices__status=Device.Status.PUBLISHED).distinct().order_by("order", "name")

    def lastmod(self, family):
        return family.updated_at


class DeviceSitemap(CanonicalSitemap):
    """Published devices, and discontinued ones: their pages stay for owners and point to the successor."""

    changefreq = "weekly"

    def items(self):
        return Device.objects.listed().only("slug", "updated_at").order_by("family__order", "name", "pk")

    def lastmod(self, device):
        return device.updated_at


class TreatmentSitemap(CanonicalSitemap):
    changefreq = "monthly"

    def items(self):
        return Treatment.objects.filter(devices__status=Device.Status.PUBLISHED).distinct().order_by("order", "name")

    def lastmod(self, treatment):
        return treatment.updated_at


class ArticleSitemap(CanonicalSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "families": FamilySitemap,
    "devices": DeviceSitemap,
    "treatments": TreatmentSitemap,
    "guides": ArticleSitemap,
}

# Staff pages, the API and per-visitor pages (a buyer's quote link, a request's receipt) are no search results.
ROBOTS_DISALLOW = ["/admin/", "/sales/", "/api/", "/quote/", "/consultation/received/", "/search/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
