"""The PDF renderer reads only the project's own files, whatever a document asks for."""

import io

import pytest
from pypdf import PdfReader

from quotes import pdf

HOSTILE = [
    '<img src="http://127.0.0.1:9/tracker.png">',
    '<img src="https://example.com/a.png">',
    '<img src="file:///etc/passwd">',
    '<img src="/etc/passwd">',
    '<img src="../../../../etc/passwd">',
    '<img src="media:../../../../etc/passwd">',
    '<img src="static:../../../../etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<a rel="attachment" href="file:///etc/hostname">x</a>',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    '<style>@import url("file:///etc/passwd");</style>',
    '<style>@import "http://127.0.0.1:9/x.css";</style>',
    '<div style="background: url(file:///etc/passwd)">x</div>',
    '<style>body { background-image: url("http://127.0.0.1:9/bg.png") }</style>',
    '<object data="file:///etc/passwd"></object>',
    '<embed src="file:///etc/passwd">',
    '<iframe src="file:///etc/passwd"></iframe>',
    '<svg><image href="file:///etc/passwd"/></svg>',
]


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_fetches_nothing_and_embeds_nothing(payload):
    rendered = pdf.html_to_pdf(f"<html><body><h1>Quote Q-2026-00001</h1>{payload}</body></html>")

    assert b"/EmbeddedFile" not in rendered.content
    assert "root:" not in text_of(rendered.content)
    assert "Quote Q-2026-00001" in text_of(rendered.content)


def test_refused_urls_are_reported():
    rendered = pdf.html_to_pdf('<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">')
    assert set(rendered.refused_urls) == {"file:///etc/passwd", "http://127.0.0.1:9/x.png"}


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.css", "static:../../../etc/passwd"])
def test_a_stylesheet_argument_cannot_bypass_the_fetcher(url):
    # WeasyPrint before 70 let stylesheets= skip a custom fetcher; ours must still refuse.
    with pytest.raises(pdf.ForbiddenResource):
        pdf.html_to_pdf("<p>x</p>", stylesheets=[url])


def test_project_static_and_media_files_load(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    default_storage.save(
        "devices/test.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    )
    rendered = pdf.html_to_pdf('<img src="static:img/logo.svg"><img src="media:devices/test.svg"><p>ok</p>')
    assert rendered.refused_urls == ()
    assert rendered.pages == 1


def test_the_result_carries_size_pages_and_hash():
    rendered = pdf.html_to_pdf("<p>one</p><p style='break-before: page'>two</p>")
    assert rendered.pages == 2
    assert rendered.size == len(rendered.content) > 0
    assert len(rendered.sha256) == 64
