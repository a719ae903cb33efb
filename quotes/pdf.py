"""HTML to PDF with WeasyPrint, reading nothing but the project's own files.

WeasyPrint follows every URL a document mentions: images, stylesheets, `@import`, and
`<link rel="attachment">` (which embeds a file in the PDF). A quote holds text typed by
buyers and staff, so the fetcher here allows only three schemes and no redirects:

- `static:css/pdf.css`: a file found by Django's static files finders;
- `media:devices/demo/x.svg`: a file from the default storage (local disk or S3);
- `data:`: inline data.

Everything else (http, https, file, ftp, relative paths) fails without a request being made.
"""

import hashlib
import io
import mimetypes
import posixpath
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

ALLOWED_SCHEMES = ("static", "media", "data")


class ForbiddenResource(ValueError):
    """A document asked for something outside the project's own files."""


def _safe_name(name: str) -> str:
    """A relative storage/static name with no way out of its root."""
    name = name.lstrip("/")
    normal = posixpath.normpath(name)
    if not name or normal.startswith("..") or normal.startswith("/") or "\x00" in name or "\\" in name:
        raise ForbiddenResource(f"not a project file name: {name!r}")
    return normal


class ProjectFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher limited to static:, media: and data: URLs, redirects off."""

    def __init__(self):
        super().__init__(timeout=5, allowed_protocols=["data"], allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "static":
            name = _safe_name(url[len("static:") :])
            path = finders.find(name)
            if not path:
                raise ForbiddenResource(f"no such static file: {name}")
            with open(path, "rb") as handle:
                return _response(url, name, handle.read())
        if scheme == "media":
            name = _safe_name(url[len("media:") :])
            if not default_storage.exists(name):
                raise ForbiddenResource(f"no such media file: {name}")
            with default_storage.open(name, "rb") as handle:
                return _response(url, name, handle.read())
        self.refused.append(url)
        raise ForbiddenResource(f"refused to fetch {url[:200]!r}")


def _response(url: str, name: str, body: bytes) -> URLFetcherResponse:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    sha256: str
    refused_urls: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.content)


def html_to_pdf(html: str, *, stylesheets: list[str] | None = None) -> RenderedPdf:
    """Render `html` (and `static:` stylesheets) to PDF bytes with the restricted fetcher."""
    fetcher = ProjectFilesFetcher()
    # base_url=None: a relative URL cannot be resolved against anything, so it loads nothing.
    try:
        sheets = [CSS(url=url, url_fetcher=fetcher) for url in (stylesheets or [])]
    except URLFetchingError as exc:
        raise ForbiddenResource(str(exc)) from exc
    document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(stylesheets=sheets, optimize_images=True)
    buffer = io.BytesIO()
    document.write_pdf(target=buffer, uncompressed_pdf=False)
    content = buffer.getvalue()
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
        refused_urls=tuple(fetcher.refused),
    )
