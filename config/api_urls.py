"""Everything under /api/v1/: each app's api/urls.py is included here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from catalog.api.docs import ApiDocs

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocs.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("quotes.api.urls")),
    path("", include("catalog.api.urls")),
]
