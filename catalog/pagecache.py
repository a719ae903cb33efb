"""Whole public pages from the cache, keyed by the catalog's version.

A public catalog page is the same for every anonymous visitor: it shows stored documents,
guides and search results, and its per-visitor values are markers filled by
`config.pageholes`. So an anonymous GET is answered from a cached copy rendered for the
same URL, language and catalog version (`selectors.catalog_version`: it moves in the
transaction of every change to anything a page can show). A change makes a new key;
the old copies are never read again and expire.

Signed-in users (staff see drafts and prices) are always rendered afresh.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from catalog import documents, money, selectors

logger = logging.getLogger(__name__)


def shared_page(view):
    """Serve the view's anonymous 200 answers from (and into) the cache of whole pages."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = page_key(request)
        try:
            html = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if html is not None:
            return HttpResponse(html)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            try:
                cache.set(key, response.content.decode(), settings.PUBLIC_PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
        return response

    return cached_view


def page_key(request) -> str:
    # The whole URL with its query (filters, sort, page, search words) and the language;
    # hashed because a query can be long and cache keys cannot.
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # The price policy changes what an anonymous visitor sees: a copy made under the other one is not served.
    prices = "priced" if money.prices_public() else "unpriced"
    return f"page:{selectors.catalog_version()}:{documents.language_current()}:{prices}:{url}"
