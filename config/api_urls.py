"""Everything under /api/v1/: each app's api/urls.py is included here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from catalog.api.docs import ApiDocs
from config.api import JsonErrorsMixin


class ApiSchema(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema (YAML, or JSON with ?format=json); errors in the API's shape."""


urlpatterns = [
    path("schema/", ApiSchema.as_view(), name="api-schema"),
    path("docs/", ApiDocs.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("quotes.api.urls")),
    path("", include("catalog.api.urls")),
]
