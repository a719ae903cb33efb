"""Catalog API views: parse the request, answer 304 when nothing changed, else call the selectors and serialise.

A conditional GET costs one query (plus the key lookup): the ETag is computed from the
resource's change state (`selectors.state`) before anything is loaded or serialised.
"""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from catalog.api import access as api_access
from catalog.api import docs, selectors, serializers, sync
from catalog.api.filters import ArticleFilter, DeviceFilter
from catalog.models import Device


class CatalogView(generics.GenericAPIView):
    authentication_classes = api_access.CATALOG_API["authentication_classes"]
    permission_classes = api_access.CATALOG_API["permission_classes"]
    throttle_classes = api_access.CATALOG_API["throttle_classes"]
    resource: selectors.Resource

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return self.resource.model.objects.none()
        return self.resource.base(access=api_access.access_for(self.request))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "access": api_access.access_for(self.request)}

    def conditional(self, request, found: sync.Validators) -> Response | None:
        if sync.not_modified(request, found):
            return self.with_validators(Response(status=status.HTTP_304_NOT_MODIFIED), found)
        return None

    @staticmethod
    def with_validators(response: Response, found: sync.Validators) -> Response:
        response["ETag"] = found.etag
        if found.last_modified is not None:
            response["Last-Modified"] = sync.http_date(found.last_modified)
        # Bodies differ by key (prices, drafts): shared caches must not mix them, clients revalidate.
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization, Cookie"
        return response


class CatalogListView(CatalogView):
    filter_backends = [DjangoFilterBackend]

    def check_filters_allowed(self, request, access: api_access.Access) -> None:
        """Refuse filters the caller's scopes do not allow (before anything is read)."""

    def narrow(self, request, view):
        """The resource's default narrowing of the filtered rows."""
        return view

    def get(self, request, *args, **kwargs):
        access = api_access.access_for(request)
        page_request = sync.page_request(request.query_params, choices=self.resource.orderings)
        self.check_filters_allowed(request, access)

        latest, count = selectors.state(resource=self.resource, horizon=page_request.horizon or timezone.now())
        found = sync.validators(
            request=request,
            variant=access.cache_variant(),
            state=(latest.isoformat() if latest else None, count),
            last_modified=sync.collection_last_modified(latest=latest, horizon=page_request.horizon),
        )
        if (not_modified := self.conditional(request, found)) is not None:
            return not_modified

        view = self.narrow(request, self.filter_queryset(self.get_queryset()))
        page = selectors.page(resource=self.resource, access=access, view=view, request=page_request)
        next_url, next_sync = sync.links(request=request, page=page, page_request=page_request, latest=latest)
        results = [
            serializers.TombstoneSerializer(entry).data if entry.deleted else self.get_serializer(entry.obj).data
            for entry in page.entries
        ]
        return self.with_validators(Response({"results": results, "next": next_url, "next_sync": next_sync}), found)


class CatalogDetailView(CatalogView):
    def get(self, request, slug):
        access = api_access.access_for(request)
        found_row = selectors.detail_state(resource=self.resource, access=access, slug=slug)
        if found_row is None:
            raise NotFound(f"No {self.resource.kind} has the slug “{slug[:100]}”.")
        pk, position = found_row
        found = sync.validators(
            request=request,
            variant=access.cache_variant(),
            state=(pk, position.isoformat()),
            last_modified=sync.collection_last_modified(latest=position, horizon=None),
        )
        if (not_modified := self.conditional(request, found)) is not None:
            return not_modified
        obj = selectors.detail(resource=self.resource, access=access, pk=pk)
        return self.with_validators(Response(self.get_serializer(obj).data), found)


@docs.list_schema(resource="devices", item=serializers.DeviceSerializer)
class DeviceList(CatalogListView):
    resource = selectors.DEVICES
    serializer_class = serializers.DeviceSerializer
    filterset_class = DeviceFilter

    def check_filters_allowed(self, request, access):
        if request.query_params.get("status") and not access.drafts:
            raise PermissionDenied("The status filter needs the catalog:drafts scope.")

    def narrow(self, request, view):
        if not request.query_params.get("status"):
            view = view.filter(status=Device.Status.PUBLISHED)
        return view


@docs.detail_schema(resource="devices", item=serializers.DeviceSerializer)
class DeviceDetail(CatalogDetailView):
    resource = selectors.DEVICES
    serializer_class = serializers.DeviceSerializer


@docs.list_schema(resource="families", item=serializers.FamilySerializer)
class FamilyList(CatalogListView):
    resource = selectors.FAMILIES
    serializer_class = serializers.FamilySerializer
    filter_backends = []


@docs.detail_schema(resource="families", item=serializers.FamilySerializer)
class FamilyDetail(CatalogDetailView):
    resource = selectors.FAMILIES
    serializer_class = serializers.FamilySerializer


@docs.list_schema(resource="treatments", item=serializers.TreatmentSerializer)
class TreatmentList(CatalogListView):
    resource = selectors.TREATMENTS
    serializer_class = serializers.TreatmentSerializer
    filter_backends = []


@docs.detail_schema(resource="treatments", item=serializers.TreatmentSerializer)
class TreatmentDetail(CatalogDetailView):
    resource = selectors.TREATMENTS
    serializer_class = serializers.TreatmentSerializer


@docs.list_schema(resource="articles", item=serializers.ArticleSerializer)
class ArticleList(CatalogListView):
    resource = selectors.ARTICLES
    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter


@docs.detail_schema(resource="articles", item=serializers.ArticleSerializer)
class ArticleDetail(CatalogDetailView):
    resource = selectors.ARTICLES
    serializer_class = serializers.ArticleSerializer
