"""The catalog API's OpenAPI description: parameters, errors and examples of every endpoint, and the docs page."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView

from catalog.api import serializers, sync
from config.api import JsonErrorsMixin

API_DESCRIPTION = f"""
The vendor's catalog for partners (distributors, marketplaces, partner sites): families with
their spec definitions, devices with typed specs, options, certifications and media, treatments
and clinical guides, kept in sync with small incremental requests.

## Access
Without a key: the published catalog without prices, at a low rate per address. With a partner
key (`Authorization: Api-Key <prefix>.<secret>`, issued by the vendor's staff): what its scopes
allow (`catalog:read`, `prices:read`, `catalog:drafts`, `leads:write`, `quotes:read`, `quotes:write`)
at the key's own rate. Too many requests: 429 with `Retry-After` (seconds).

## Errors
Always `{{"error": {{"code", "message", "fields"?}}}}`, for every address under `/api/`: `code` is
stable (`invalid`, `malformed`, `unauthenticated`, `forbidden`, `not_found`, `method_not_allowed`,
`too_large`, `rate_limited`, `server_error`, …), `message` is for people, and `fields` names each
query parameter or body field at fault. Bodies are JSON of at most 5 MB (413 beyond) nested at
most 32 levels deep (400 beyond).

## Sync
Lists are keyset pages in *sync order* (`updated_at`, then `id`): follow `next` until it is
null, then keep `next_sync` and GET it later. It asks for what changed since, with
`updated_since`: changed items again, whole, and items that left the list (unpublished,
deleted, or no longer matching your filters) as tombstones `{{"id", "slug", "deleted": true,
"updated_at"}}`. A change to anything an item shows (a spec value, an option, an image, a
linked guide) moves its `updated_at`. Pages hold up to {sync.MAX_PAGE_SIZE} items
(`page_size`, default {sync.DEFAULT_PAGE_SIZE}; more is a 400). Changes appear in lists a few
seconds after they are saved, so none can slip behind a cursor.

Every list and item answers `If-None-Match` (the `ETag` it sent) and `If-Modified-Since` with
304 Not Modified when nothing changed. Prices, tiers and option price deltas are null without
`prices:read`, unless the vendor publishes its prices (then every caller gets them, as on the
site's pages).
"""

# A real device of the demo catalog (load_demo_catalog), as a fresh demo database numbers it.
_DEVICE_EXAMPLE = {
    "id": 3,
    "slug": "fractional-co2-laser-fx-60",
    "deleted": False,
    "sku": "HAS-CO2-60",
    "name": "Fractional CO2 Laser FX-60",
    "status": "published",
    "summary": "Our most powerful fractional CO2 laser: 60 W for deep scar revision, fast full-face passes and "
    "gynaecological treatments.",
    "description": "With 60 W behind the scanner, the FX-60 reaches up to 150 mJ per dot, enough to treat deep "
    "atrophic acne scars and surgical scars in fewer passes. The extra headroom also shortens "
    "full-face sessions at lighter settings, which matters when the treatment room is booked all "
    "day.\n"
    "\n"
    "…",
    "featured": True,
    "family": {"id": 1, "slug": "fractional-co2-laser", "name": "Fractional CO2 laser"},
    "url": "https://catalog.example.com/devices/fractional-co2-laser-fx-60/",
    "price": {
        "list_price": "23500.00",
        "currency": "USD",
        "on_request": False,
        "tiers": [{"min_quantity": 3, "unit_price": "22300.00"}, {"min_quantity": 5, "unit_price": "21400.00"}],
    },
    "warranty_months": 36,
    "lead_time_days": 15,
    "skin_types": {"min": 1, "max": 4, "labels": ["I", "II", "III", "IV"]},
    "specs": {
        "power": {
            "label": "Laser power",
            "unit": "W",
            "type": "number",
            "group": "energy",
            "value": "60",
            "display": "60\xa0W",
        },
        "pulse-energy": {
            "label": "Pulse energy",
            "unit": "mJ",
            "type": "range",
            "group": "energy",
            "value": {"min": "1", "max": "150"},
            "display": "1–150\xa0mJ",
        },
        "wavelength": {
            "label": "Wavelength",
            "unit": "nm",
            "type": "number",
            "group": "optical",
            "value": "10600",
            "display": "10\u2009600\xa0nm",
        },
        "scan-patterns": {
            "label": "Scan patterns",
            "unit": "",
            "type": "multi_choice",
            "group": "treatment",
            "value": ["Square", "Rectangle", "Circle", "Ellipse", "Triangle", "Hexagon", "Line"],
            "display": "Square / Rectangle / Circle / Ellipse / Triangle / Hexagon / Line",
        },
    },
    "options": [
        {
            "id": 12,
            "slug": "safety-goggles",
            "kind": "accessory",
            "name": "Operator and patient safety goggles",
            "sku": "",
            "description": "One pair for the operator and one for the patient, rated for the device's wavelengths.",
            "included": True,
            "price_delta": "0.00",
        },
        {
            "id": 10,
            "slug": "gynaecology-handpiece",
            "kind": "handpiece",
            "name": "Gynaecology handpiece with 360° and 90° probes",
            "sku": "HAS-CO2-GYN",
            "description": "Vaginal probes for laxity, dryness and mild stress incontinence.",
            "included": False,
            "price_delta": "2600.00",
        },
    ],
    "certifications": [
        {
            "authority": "fda_510k",
            "authority_label": "FDA 510(k)",
            "identifier": "K213847",
            "countries": ["US"],
            "issued_on": "2022-02-18",
            "expires_on": None,
            "evidence_url": None,
        }
    ],
    "treatments": [
        {"id": 1, "slug": "acne-scars", "name": "Acne scars"},
        {"id": 2, "slug": "skin-resurfacing", "name": "Skin resurfacing"},
    ],
    "images": [
        {
            "url": "https://catalog.example.com/media/devices/demo/fractional-co2-laser-fx-60.svg",
            "alt_text": "Illustration of the Fractional CO2 Laser FX-60, a fractional co2 laser",
        }
    ],
    "brochure_url": None,
    "articles": [
        {
            "id": 1,
            "slug": "fractional-co2-resurfacing-step-by-step",
            "title": "Fractional CO2 resurfacing, step by step: from consultation to day 14",
            "url": "https://catalog.example.com/knowledge/fractional-co2-resurfacing-step-by-step/",
            "published_at": "2026-01-20T09:00:00Z",
        }
    ],
    "created_at": "2026-01-12T08:00:00Z",
    "updated_at": "2026-03-02T10:15:00.120000Z",
}
_TOMBSTONE_EXAMPLE = {"id": 9, "slug": "ipl-shr-classic", "deleted": True, "updated_at": "2026-03-02T11:00:00Z"}
_ERROR_RESPONSES = {
    400: OpenApiResponse(
        serializers.ErrorSerializer,
        description="A parameter is not valid; `error.fields` names each one.",
        examples=[
            OpenApiExample(
                "Page too large",
                value={
                    "error": {
                        "code": "invalid",
                        "message": "Some fields are not valid.",
                        "fields": {"page_size": ["Give a whole number from 1 to 100, not “500”."]},
                    }
                },
            )
        ],
    ),
    401: OpenApiResponse(
        serializers.ErrorSerializer,
        description="The API key is not valid, revoked or expired (leave the header out to read anonymously).",
        examples=[
            OpenApiExample(
                "Revoked key",
                value={
                    "error": {"code": "unauthenticated", "message": "The API key is not valid or has been revoked."}
                },
            )
        ],
    ),
    403: OpenApiResponse(
        serializers.ErrorSerializer,
        description="The key lacks a scope this request needs (catalog:read; catalog:drafts for `status`).",
        examples=[
            OpenApiExample(
                "Missing scope",
                value={"error": {"code": "forbidden", "message": "The status filter needs the catalog:drafts scope."}},
            )
        ],
    ),
    429: OpenApiResponse(
        serializers.ErrorSerializer,
        description="Too many requests from this key or address; wait `Retry-After` seconds.",
        examples=[
            OpenApiExample(
                "Throttled",
                value={
                    "error": {
                        "code": "rate_limited",
                        "message": "Request was throttled. Expected available in 12 seconds.",
                    }
                },
            )
        ],
    ),
}
_NOT_MODIFIED = OpenApiResponse(description="Not Modified: nothing changed since the ETag or date you sent.")
_CONDITIONAL = [
    OpenApiParameter(
        "If-None-Match",
        str,
        OpenApiParameter.HEADER,
        description="The `ETag` of your copy: 304 when it is still current.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        str,
        OpenApiParameter.HEADER,
        description="The `Last-Modified` of your copy (ignored when If-None-Match is sent): 304 when nothing changed.",
    ),
]


def _list_parameters(orderings: dict[str, sync.Ordering]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": sync.MAX_PAGE_SIZE},
            description=f"Items per page, 1 to {sync.MAX_PAGE_SIZE} (default {sync.DEFAULT_PAGE_SIZE}); more is a 400.",
        ),
        OpenApiParameter(
            "cursor",
            {"type": "string", "minLength": 1, "pattern": "^[A-Za-z0-9_-]+$"},
            description="Where the page starts: take it from a `next` link, never build it (another is a 400).",
        ),
        OpenApiParameter(
            "updated_since",
            {"type": "string", "format": "date-time"},
            description=(
                "ISO 8601 time with offset (`2026-03-02T10:15:00Z`): only what changed strictly after it, "
                "with tombstones for what left. Usually taken from `next_sync`. Empty, malformed or in the "
                "future: 400. Only in sync order: with another `ordering` it is a 400."
            ),
        ),
        OpenApiParameter(
            "ordering",
            str,
            enum=list(orderings),
            description="Default `updated_at` (sync order, with tombstones and `next_sync`); the others are for "
            "browsing: a leading minus reverses. Another ordering with `updated_since` is a 400.",
        ),
        *_CONDITIONAL,
    ]


def list_schema(*, resource: str, item):
    from catalog.api import selectors

    orderings = {
        "devices": selectors.DEVICES,
        "families": selectors.FAMILIES,
        "treatments": selectors.TREATMENTS,
        "articles": selectors.ARTICLES,
    }[resource].orderings
    examples = []
    if resource == "devices":
        examples = [
            OpenApiExample(
                "A page of changes",
                value={
                    "results": [_DEVICE_EXAMPLE, _TOMBSTONE_EXAMPLE],
                    "next": None,
                    "next_sync": "https://catalog.example.com/api/v1/devices/?updated_since=2026-03-02T11%3A00%3A00Z",
                },
                response_only=True,
                status_codes=["200"],
            )
        ]
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{resource}_list",
            filters=True,
            summary=f"List or sync {resource}",
            description=(
                f"A page of {resource} in the requested order. In sync order (the default) the last page "
                "carries `next_sync`, and lists asked for `updated_since` include tombstones."
            ),
            tags=[resource],
            parameters=_list_parameters(orderings),
            responses={
                200: serializers.page_of(f"{resource.title()}Page", item),
                304: _NOT_MODIFIED,
                **_ERROR_RESPONSES,
            },
            examples=examples,
        )
    )


def detail_schema(*, resource: str, item):
    examples = []
    if resource == "devices":
        examples = [OpenApiExample("A device", value=_DEVICE_EXAMPLE, response_only=True, status_codes=["200"])]
    errors = {code: response for code, response in _ERROR_RESPONSES.items() if code != 400}
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{resource}_retrieve",
            summary=f"One of the {resource}, by slug",
            description="The same payload as in the list. A slug that is not (or no longer) visible is a 404.",
            tags=[resource],
            parameters=[
                OpenApiParameter(
                    "slug",
                    {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                    OpenApiParameter.PATH,
                    description="The item's slug, for example `fractional-co2-laser-fx-60`.",
                ),
                *_CONDITIONAL,
            ],
            responses={
                200: item,
                304: _NOT_MODIFIED,
                404: OpenApiResponse(
                    serializers.ErrorSerializer,
                    description="No visible item has this slug.",
                    examples=[
                        OpenApiExample(
                            "Unknown slug",
                            value={"error": {"code": "not_found", "message": "No device has the slug “nope”."}},
                        )
                    ],
                ),
                **errors,
            },
            examples=examples,
        )
    )


CATALOG_PATHS = tuple(f"/api/v1/{resource}/" for resource in ("devices", "families", "treatments", "articles"))


def describe_api(result, generator, request, public):
    """drf-spectacular postprocessing hook: the API's general description (access, errors, sync).

    Catalog operations also work without credentials (the published catalog without prices):
    their security requirements get the empty alternative.
    """
    result.setdefault("info", {})["description"] = API_DESCRIPTION.strip()
    for path, operations in result.get("paths", {}).items():
        if path.startswith(CATALOG_PATHS):
            for operation in operations.values():
                if {} not in operation.setdefault("security", []):
                    operation["security"].append({})
    return result


class ApiDocs(JsonErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI from our own static files, its start-up script a separate request: no inline script or style.

    The site's Content-Security-Policy allows scripts and styles only from this origin; the
    split view serves the UI's settings as a script file, and our template links a stylesheet
    where drf-spectacular's has an inline <style>, so the page needs no CSP exemption.
    """

    template_name = "catalog/api_docs.html"
    title = "API documentation"
