"""Catalog API views: parse the request, answer 304 when nothing changed, else write stored documents out.

A conditional GET costs one query (plus the key lookup): the ETag is computed from the
resource's change state (`selectors.state`) before anything else is read. A page is the
stored JSON bytes of its items joined into the list envelope (`catalog.documents`): no
serializer runs per request. Bodies are gzip-compressed for clients that accept it.
"""

import gzip
import re

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from catalog import documents
from catalog.api import access as api_access
from catalog.api import docs, selectors, serializers, sync
from catalog.api.filters import ArticleFilter, DeviceFilter
from catalog.models import Device

JSON = "application/json"
# Below this a gzip header and trailer cost more than they save.
GZIP_MIN_LENGTH = 200
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def compressed(request, response: HttpResponse) -> HttpResponse:
    """The response gzip-compressed when the client accepts it.

    Only API bodies: they carry no CSRF token or other secret next to text an attacker could
    reflect, which is what BREACH needs, so compressing them is safe; HTML pages are not
    compressed for that reason.
    """
    patch_vary_headers(response, ("Accept-Encoding",))
    if len(response.content) < GZIP_MIN_LENGTH or not _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        return response
    response.content = gzip.compress(response.content, compresslevel=settings.API_GZIP_LEVEL, mtime=0)
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        # The compressed bytes are another representation: the same validator, but weak.
        response["ETag"] = f"W/{etag}"
    return response


def tombstone_json(entry: sync.Entry) -> bytes:
    return documents.encode(
        {
            "id": entry.position.id,
            "slug": entry.slug,
            "deleted": True,
            "updated_at": documents.json_time(entry.position.value),
        }
    )


class CatalogView(generics.GenericAPIView):
    authentication_classes = api_access.CATALOG_API["authentication_classes"]
    permission_classes = api_access.CATALOG_API["permission_classes"]
    throttle_classes = api_access.CATALOG_API["throttle_classes"]
    resource: selectors.Resource

    def get_queryset(self):
        # Filters select catalog rows; the documents of those rows are what gets written out.
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return self.resource.model.objects.none()
        return self.resource.model.objects.all()

    def conditional(self, request, found: sync.Validators) -> Response | None:
        if sync.not_modified(request, found):
            return self.with_validators(Response(status=status.HTTP_304_NOT_MODIFIED), found)
        return None

    @staticmethod
    def with_validators(response, found: sync.Validators):
        response["ETag"] = found.etag
        if found.last_modified is not None:
            response["Last-Modified"] = sync.http_date(found.last_modified)
        # Bodies differ by key (prices, drafts): shared caches must not mix them, clients revalidate.
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization, Cookie"
        return response

    def document_response(self, request, body: bytes, found: sync.Validators) -> HttpResponse:
        return compressed(request, self.with_validators(HttpResponse(body, content_type=JSON), found))


class CatalogListView(CatalogView):
    filter_backends = [DjangoFilterBackend]
    # Filters applied to the documents themselves (their columns), not through the catalog rows.
    document_filters: frozenset[str] = frozenset()

    def check_filters_allowed(self, request, access: api_access.Access) -> None:
        """Refuse filters the caller's scopes do not allow (before anything is read)."""

    def narrow(self, request, documents_base, cleaned: dict, access: api_access.Access):
        """The resource's default narrowing of the caller's documents (the base itself when none)."""
        return documents_base

    def filters_checked(self, request):
        """The request's filters, their form checked (a 400 when malformed); no query runs yet."""
        if not self.filter_backends:
            return None
        filterset = DjangoFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        return filterset

    def filtered(self, filterset) -> tuple[object, dict]:
        """The rows the request's filters select (None when no filter narrows), and the cleaned filter values."""
        if filterset is None:
            return None, {}
        cleaned = filterset.form.cleaned_data
        active = [
            name for name, value in cleaned.items() if name not in self.document_filters and value not in (None, "", [])
        ]
        return (filterset.qs if active else None), cleaned

    def get(self, request, *args, **kwargs):
        access = api_access.access_for(request)
        language = documents.language_current()
        page_request = sync.page_request(request.query_params, choices=self.resource.orderings)
        self.check_filters_allowed(request, access)
        # Malformed parameters are a 400 even to a caller whose ETag matches.
        filterset = self.filters_checked(request)

        def validators_for(found_state: selectors.State) -> sync.Validators:
            return sync.validators(
                request=request,
                variant=access.cache_variant(),
                state=(language, *found_state.token()),
                last_modified=sync.collection_last_modified(latest=found_state.latest, horizon=page_request.horizon),
            )

        # The state up to the settle horizon (sync order) or up to now (other orders).
        memo = (self.resource.kind, language, page_request.horizon is None)
        if sync.is_conditional(request):
            # A syncing partner asks "changed?" far more often than anything changes: answer
            # from the state this process read within API_STATE_CACHE_SECONDS when it says no.
            recent = selectors.state_recent(memo=memo)
            if recent is not None and (not_modified := self.conditional(request, validators_for(recent))) is not None:
                return not_modified
        found_state = selectors.state(
            resource=self.resource, language=language, horizon=page_request.horizon or timezone.now()
        )
        selectors.state_remember(memo=memo, found=found_state)
        found = validators_for(found_state)
        if (not_modified := self.conditional(request, found)) is not None:
            return not_modified

        rows, cleaned = self.filtered(filterset)
        base = self.resource.documents(access=access, language=language)
        view = self.narrow(request, base, cleaned, access)
        if rows is not None:
            view = view.filter(**{f"{self.resource.id_field}__in": rows.values("pk")})
        page = selectors.page(
            resource=self.resource,
            access=access,
            base=base,
            view=view,
            narrowed=view is not base,
            request=page_request,
        )
        next_url, next_sync = sync.links(
            request=request, page=page, page_request=page_request, latest=found_state.latest
        )
        items = b",".join(tombstone_json(entry) if entry.deleted else entry.obj for entry in page.entries)
        body = b"".join(
            [
                b'{"results":[',
                items,
                b'],"next":',
                orjson.dumps(next_url),
                b',"next_sync":',
                orjson.dumps(next_sync),
                b"}",
            ]
        )
        return self.document_response(request, body, found)


class CatalogDetailView(CatalogView):
    def get(self, request, slug):
        access = api_access.access_for(request)
        language = documents.language_current()
        found_item = selectors.detail(resource=self.resource, access=access, language=language, slug=slug)
        if found_item is None:
            raise NotFound(f"No {self.resource.kind} has the slug “{slug[:100]}”.")
        pk, position, body = found_item
        found = sync.validators(
            request=request,
            variant=access.cache_variant(),
            state=(language, pk, position.isoformat()),
            last_modified=sync.collection_last_modified(latest=position, horizon=None),
        )
        if (not_modified := self.conditional(request, found)) is not None:
            return not_modified
        return self.document_response(request, body, found)


@docs.list_schema(resource="devices", item=serializers.DeviceSerializer)
class DeviceList(CatalogListView):
    resource = selectors.DEVICES
    serializer_class = serializers.DeviceSerializer
    filterset_class = DeviceFilter
    document_filters = frozenset({"status"})

    def check_filters_allowed(self, request, access):
        if request.query_params.get("status") and not access.drafts:
            raise PermissionDenied("The status filter needs the catalog:drafts scope.")

    def narrow(self, request, documents_base, cleaned, access):
        # Published only, unless the caller (with catalog:drafts) asks for statuses; without
        # that scope the base holds published devices only already.
        statuses = cleaned.get("status") or [Device.Status.PUBLISHED]
        if not access.drafts:
            return documents_base
        return documents_base.filter(status__in=statuses)


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
