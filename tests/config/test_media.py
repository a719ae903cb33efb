"""/media/ in production on the embedded defaults (DEBUG=0, files on disk): the catalog's uploads are served,
nothing else under MEDIA_ROOT is; with S3 the bucket serves them and the app routes nothing."""

import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.config.test_settings import BASE_ENV, ROOT
from tests.factories import DeviceFactory, DeviceImageFactory

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>'


@pytest.fixture
def image(laser_family):
    device = DeviceFactory(family=laser_family, slug="co2-60")
    return DeviceImageFactory(device=device, image__data=SVG, image__filename="co2.svg")


def test_production_settings_are_in_force(settings):
    assert settings.DEBUG is False


def test_a_device_image_is_served_with_debug_off(client, image):
    response = client.get(image.image.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SVG
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_the_image_url_in_the_api_document_is_served(client, image):
    (listed,) = client.get("/api/v1/devices/co2-60/").json()["images"]

    response = client.get(urlsplit(listed["url"]).path)

    assert response.status_code == 200 and b"".join(response.streaming_content) == SVG


def test_a_conditional_request_for_an_unchanged_file_is_answered_304(client, image):
    first = client.get(image.image.url)

    again = client.get(image.image.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


@pytest.fixture
def quote_pdf():
    name = default_storage.save("quotes/Q-2026-00001-rev1.pdf", ContentFile(b"%PDF-1.7 buyer's data"))
    yield name
    default_storage.delete(name)


@pytest.mark.parametrize(
    "path",
    [
        "/media/{pdf}",
        "/media/devices/../{pdf}",
        "/media/devices/%2e%2e/{pdf}",
        "/media/devices/..%2f{pdf}",
        "/media/devices/%5c..%5c{pdf}",
        "/media//{pdf}",
        "/media/devices/",
        "/media/devices/no-such-file.svg",
        "/media/devices/a%00b.svg",
        "/media/../config/settings.py",
    ],
)
def test_nothing_outside_the_catalogs_folders_is_served(client, image, quote_pdf, path):
    response = client.get(path.format(pdf=quote_pdf))

    assert response.status_code == 404


def test_media_answers_only_reads(client, image):
    assert client.post(image.image.url).status_code == 405
    assert client.head(image.image.url).status_code == 200


S3_PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.urls import Resolver404, resolve
try:
    routed = resolve("/media/devices/co2.svg").url_name
except Resolver404:
    routed = None
print(json.dumps({"backend": settings.STORAGES["default"]["BACKEND"],
                  "signed": settings.STORAGES["default"].get("OPTIONS", {}).get("querystring_auth"),
                  "routed": routed}))
"""


def _probe(tmp_path, **env) -> str:
    result = subprocess.run(
        [sys.executable, "-c", S3_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "0", "SECRET_KEY": "x" * 50, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_with_s3_the_bucket_serves_media_at_stable_urls_and_the_app_routes_none(tmp_path):
    on_disk = _probe(tmp_path)
    on_s3 = _probe(tmp_path, S3_BUCKET="catalog-media")

    assert '"routed": "media-file"' in on_disk
    assert '"backend": "storages.backends.s3.S3Storage"' in on_s3
    assert '"signed": false' in on_s3 and '"routed": null' in on_s3
