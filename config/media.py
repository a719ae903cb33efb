"""Uploaded catalog files served by the app itself when they live on its own disk.

On the embedded defaults and on a single box (`FileSystemStorage` under MEDIA_ROOT) nothing else
serves `/media/`: WhiteNoise serves only the static files collected at deploy time, never uploads.
This view serves the catalog's upload folders (device images, brochures, certificates) and nothing
else under MEDIA_ROOT: quote PDFs carry a buyer's name, email and phone and are only ever streamed
by the views that check who asks. With S3 (`S3_BUCKET`) files have the bucket's URLs and this view
is not routed.
"""

import functools
import posixpath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

# Uploads do not change in place (a new upload gets a new name), so browsers may keep them a while.
MEDIA_MAX_AGE = 24 * 3600


@functools.cache
def public_media_folders() -> tuple[str, ...]:
    """The folders catalog models upload to (`devices/`, ...): the only public part of MEDIA_ROOT."""
    folders = {
        field.upload_to.strip("/") + "/"
        for model in apps.get_app_config("catalog").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and isinstance(field.upload_to, str) and field.upload_to.strip("/")
    }
    return tuple(sorted(folders))


def served_here() -> bool:
    """Whether media are files on this server's disk at a local URL, which only this app can serve."""
    on_disk = settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    return on_disk and settings.MEDIA_URL.startswith("/")


@require_safe
def media_file(request, path: str):
    # Normalise before checking the folder, so `devices/../quotes/…` cannot step out of it.
    if "\x00" in path or "\\" in path:
        raise Http404("No such file.")
    normalised = posixpath.normpath(path).lstrip("/")
    if not normalised.startswith(public_media_folders()):
        raise Http404("No such file.")
    response = serve(request, normalised, document_root=default_storage.location)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response
