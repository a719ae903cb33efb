"""The project's URLs, plus the reference endpoint and a plain view that exist only under bench settings."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from bench import reference
from config import urls as project_urls


@require_GET
def hello(request):
    """The cheapest Django answer: what `/healthz/` is compared with."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello, name="bench-hello"),
    path("bench/reference/devices/", reference.DeviceList.as_view(), name="bench-reference-device-list"),
    path("bench/reference/devices/<str:slug>/", reference.DeviceDetail.as_view(), name="bench-reference-device-detail"),
    *project_urls.urlpatterns,
]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
