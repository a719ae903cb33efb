"""Consultation requests pushed in by partners and other sites; quotes for staff and partner keys."""

import re
from decimal import Decimal

from axes.helpers import get_client_ip_address
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    content_negotiation_class,
    permission_classes,
    throttle_classes,
)
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings

from catalog.api.access import CatalogThrottle, PartnerKeyAuthentication
from catalog.api.serializers import ErrorSerializer
from catalog.models import PartnerKey
from config.api import api_error
from quotes import errors, pricing, quoting, services
from quotes.api.serializers import (
    ConsultationCreateSerializer,
    ConsultationReceiptSerializer,
    PdfNotReadySerializer,
    QuoteCreateSerializer,
    QuoteRenderSerializer,
    QuoteSerializer,
)
from quotes.models import ConsultationRequest, Quote, QuoteLine, QuoteRevision

IDEMPOTENCY_KEY_MAX = 255
REVISION_MAX = 32767  # the column's bound

_EXAMPLE = {
    "name": "Ana García",
    "clinic_name": "Clínica Dermatológica Sol",
    "email": "ana@clinica-sol.es",
    "phone": "+34 612 345 678",
    "country": "ES",
    "devices": ["co2-fractional-60w"],
    "treatments": ["acne-scars"],
    "timeline": "3_months",
    "message": "We want to add resurfacing. Is training included?",
    "preferred_channel": "whatsapp",
    "consent": True,
}


@extend_schema(
    operation_id="consultations_create",
    summary="Send a consultation request",
    description=(
        "Saves the request and routes it to a salesperson. Send an `Idempotency-Key` header to retry "
        "safely: a repeat with the same key and body returns the first answer, not a second request."
    ),
    request=ConsultationCreateSerializer,
    parameters=[
        OpenApiParameter(
            "Idempotency-Key", str, OpenApiParameter.HEADER, required=False, description="Any unique string, ≤255."
        )
    ],
    responses={
        201: ConsultationReceiptSerializer,
        400: OpenApiResponse(description="Invalid input: `error.fields` names each field at fault."),
        422: OpenApiResponse(description="The Idempotency-Key was used before with a different body."),
        429: OpenApiResponse(description="Too many requests from this address or email; see Retry-After."),
    },
    examples=[
        OpenApiExample("A clinic in Spain", value=_EXAMPLE, request_only=True),
        OpenApiExample(
            "Received",
            value={
                "reference": "CR-7KQ2-M9XD",
                "status": "received",
                "received_at": "2026-03-02T10:15:00Z",
                "next_steps": "A specialist will contact the clinic within 4 working hours.",
            },
            response_only=True,
            status_codes=["201"],
        ),
    ],
)
@api_view(["POST"])
def consultation_create(request):
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        return api_error(
            code="invalid",
            message=f"The Idempotency-Key header is longer than {IDEMPOTENCY_KEY_MAX} characters.",
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    fingerprint = services.request_fingerprint(request.data) if key else ""
    try:
        submission = services.consultation_replay(idempotency_key=key, fingerprint=fingerprint) if key else None
        if submission is None:
            serializer = ConsultationCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            submission = services.consultation_submit(
                data=serializer.consultation_data(),
                origin=services.RequestOrigin(
                    source=ConsultationRequest.Source.API,
                    page_url=serializer.validated_data["page_url"],
                    utm=serializer.utm(),
                    ip_address=get_client_ip_address(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                ),
                idempotency_key=key,
                fingerprint=fingerprint,
            )
    except errors.IdempotencyConflict:
        return api_error(
            code="idempotency_key_reused",
            message="This Idempotency-Key was already used for a different request; use a new key.",
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    except errors.RateLimited as exc:
        return api_error(
            code="rate_limited",
            message=exc.message,
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(exc.retry_after)},
        )
    headers = {"Idempotent-Replayed": "true"} if submission.replayed else {}
    return Response(
        ConsultationReceiptSerializer(submission.consultation).data, status=status.HTTP_201_CREATED, headers=headers
    )


# --- Quotes --------------------------------------------------------------------------------
#
# For staff signed in (session, CSRF enforced on writes) with the quotes permissions, and for
# partner keys with quotes:read (reads) or quotes:write (writes). Money is computed by
# quotes.pricing through quoting; the PDF is rendered by a worker (quoting.quote_pdf_request).


class QuotesAccess(BasePermission):
    """A key needs `key_scope`; a staff user needs the `staff_perm` model permission."""

    key_scope: str
    staff_perm: str

    def has_permission(self, request, view):
        if isinstance(request.auth, PartnerKey):
            self.message = f"This API key does not have the {self.key_scope} scope."
            return request.auth.has_scope(self.key_scope)
        user = request.user
        if user is None or not user.is_authenticated:
            return False  # DRF answers 401: nobody is signed in
        self.message = f"Your account may not do this (it needs the {self.staff_perm} permission)."
        return user.is_staff and user.has_perm(self.staff_perm)


class QuotesRead(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_READ, "quotes.view_quote"


class QuotesCreate(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_WRITE, "quotes.add_quote"


class QuotesChange(QuotesAccess):
    key_scope, staff_perm = PartnerKey.Scope.QUOTES_WRITE, "quotes.change_quote"


class QuotesThrottle(CatalogThrottle):
    """Per key (its own rate if set) or per staff user, at the partner-key rate; never anonymous (401 first)."""

    def _rate_for(self, access):
        if access.key is not None and access.key.rate_per_minute:
            return f"{access.key.rate_per_minute}/minute"
        return api_settings.DEFAULT_THROTTLE_RATES["catalog_key"]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return self.cache_format % {"scope": "quotes_key", "ident": request.auth.prefix}
        user_id = request.user.pk if request.user is not None else "none"
        return self.cache_format % {"scope": "quotes_staff", "ident": str(user_id)}


QUOTES_AUTHENTICATION = [PartnerKeyAuthentication, SessionAuthentication]


def quotes_api(*, permission):
    """The quotes endpoints' access: who may call (401/403) and how often (429)."""

    def decorate(view):
        view = throttle_classes([QuotesThrottle])(view)
        view = permission_classes([permission])(view)
        return authentication_classes(QUOTES_AUTHENTICATION)(view)

    return decorate


class JsonOnlyNegotiation(BaseContentNegotiation):
    """The PDF endpoint answers a PDF or a JSON error whatever the Accept header says (never 406)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _quote_queryset():
    lines = QuoteLine.objects.select_related("device").prefetch_related("options", "device__price_tiers")
    return Quote.objects.prefetch_related(Prefetch("lines", queryset=lines), "revisions")


def _quote_or_404(pk: int) -> Quote:
    quote = _quote_queryset().filter(pk=pk).first()
    if quote is None:
        raise NotFound(f"No quote has the id {pk}.")
    return quote


def _url(request, name: str, pk: int, query: str = "") -> str:
    return request.build_absolute_uri(reverse(f"quotes-api:{name}", kwargs={"pk": pk}) + query)


def _current(quote: Quote) -> QuoteRevision | None:
    return next((r for r in quote.revisions.all() if r.number == quote.revision), None)


def _amount(value: Decimal, currency: str) -> str:
    return f"{pricing.quantize(value, currency):f}"


def quote_representation(*, quote: Quote, request) -> dict:
    """The quote as the API shows it; the quote must come from _quote_queryset (constant queries)."""
    currency = quote.currency
    totals = quoting.quote_totals(quote=quote)
    lines = [
        {
            "position": line.position,
            "device": line.device.slug,
            "device_name": line.device.name,
            "options": [{"slug": o.slug, "name": o.name} for o in line.options.all()],
            "quantity": computed.quantity,
            "unit_price": _amount(computed.unit_price, currency),
            "unit_price_overridden": line.unit_price_override is not None,
            "discount_percent": f"{computed.discount_percent:f}",
            "gross": _amount(computed.gross, currency),
            "discount": _amount(computed.discount, currency),
            "net": _amount(computed.net, currency),
        }
        for line, computed in zip(quote.lines.all(), totals.lines, strict=True)
    ]
    current = _current(quote)
    return {
        "id": quote.pk,
        "number": quote.number,
        "revision": quote.revision,
        "status": quote.status,
        "approval": quote.approval,
        "lead": quote.lead_id,
        "currency": currency,
        "valid_until": quote.valid_until,
        "incoterm": quote.incoterm,
        "incoterm_place": quote.incoterm_place,
        "payment_terms": quote.payment_terms,
        "notes": quote.notes,
        "lines": lines,
        "totals": {
            "subtotal_gross": _amount(totals.subtotal_gross, currency),
            "discount": _amount(totals.discount, currency),
            "subtotal": _amount(totals.subtotal, currency),
            "freight": _amount(totals.freight, currency),
            "tax_rate_percent": f"{totals.tax_rate_percent:f}",
            "tax": _amount(totals.tax, currency),
            "total": _amount(totals.total, currency),
        },
        "pdf_status": current.pdf_status if current else None,
        "pdf_error": current.pdf_error if current else "",
        "revisions": [
            {
                "number": r.number,
                "sent_at": r.sent_at,
                "pdf_status": r.pdf_status,
                "pdf_error": r.pdf_error,
                "pdf_url": _url(request, "quote-pdf", quote.pk, f"?revision={r.number}") if r.pdf_ready else None,
            }
            for r in quote.revisions.all()
        ],
        "links": {
            "self": _url(request, "quote-detail", quote.pk),
            "render": _url(request, "quote-render", quote.pk),
            "pdf": _url(request, "quote-pdf", quote.pk),
        },
        "created_at": quote.created_at,
    }


def _invalid(fields: dict[str, list[str]], message: str = "") -> Response:
    return api_error(
        code="invalid",
        message=message or "Some fields are not valid.",
        status_code=status.HTTP_400_BAD_REQUEST,
        fields=fields,
    )


def _flat(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {msg}" for key, value in detail.items() for msg in _flat(value)]
    if isinstance(detail, list):
        return [msg for item in detail for msg in _flat(item)]
    return [str(detail)]


def _serializer_fields(errors) -> dict[str, list[str]]:
    """DRF's errors by field; a line's field errors read "Line 2: quantity: …"."""
    fields = {}
    for name, detail in errors.items():
        items = None
        if name == "lines" and isinstance(detail, list) and any(isinstance(item, dict) for item in detail):
            items = enumerate(detail)
        elif name == "lines" and isinstance(detail, dict) and all(isinstance(k, int) for k in detail):
            items = sorted(detail.items())  # DRF gives the failing items by index
        if items is not None:
            fields[name] = [
                f"Line {index + 1}: {msg}" for index, item in items if isinstance(item, dict) for msg in _flat(item)
            ]
        else:
            fields[name] = _flat(detail)
    return fields


def _django_invalid(exc: DjangoValidationError) -> Response:
    """quoting's ValidationError: field messages as `fields`, the rest as the message."""
    if hasattr(exc, "error_dict"):
        fields = {name: messages for name, messages in exc.message_dict.items() if name != NON_FIELD_ERRORS}
        general = exc.message_dict.get(NON_FIELD_ERRORS, [])
    else:
        fields, general = {}, exc.messages
    return _invalid(fields, " ".join(general))


def _conflict(exc: Exception) -> Response:
    return api_error(code="conflict", message=str(exc), status_code=status.HTTP_409_CONFLICT)


_ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer, description="No credentials, or the API key is not valid, revoked or expired."
    ),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests from this key or user; see Retry-After."),
}
_QUOTE_ID = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH, description="The quote's id, for example 42."
)
_NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No quote has this id.")}


def _forbidden(scope: str, perm: str) -> dict:
    return {
        403: OpenApiResponse(
            ErrorSerializer,
            description=f"The key lacks the `{scope}` scope, or the staff account the `{perm}` permission "
            "(or a session request without its CSRF token).",
        )
    }


_QUOTE_EXAMPLE = {
    "id": 42,
    "number": "Q-2026-00042",
    "revision": 1,
    "status": "draft",
    "approval": "not_needed",
    "lead": 17,
    "currency": "USD",
    "valid_until": "2026-04-01",
    "incoterm": "FOB",
    "incoterm_place": "Port of Shanghai",
    "payment_terms": "30% with the order, 70% before shipment, by bank transfer.",
    "notes": "Training for two operators included.",
    "lines": [
        {
            "position": 1,
            "device": "co2-fractional-60w",
            "device_name": "Fractional CO2 Laser 60 W",
            "options": [{"slug": "gyn", "name": "Gynecology handpiece"}],
            "quantity": 2,
            "unit_price": "26100.00",
            "unit_price_overridden": False,
            "discount_percent": "5",
            "gross": "52200.00",
            "discount": "2610.00",
            "net": "49590.00",
        }
    ],
    "totals": {
        "subtotal_gross": "52200.00",
        "discount": "2610.00",
        "subtotal": "49590.00",
        "freight": "0.00",
        "tax_rate_percent": "0",
        "tax": "0.00",
        "total": "49590.00",
    },
    "pdf_status": "failed",
    "pdf_error": "Rendering stopped the worker 3 times; the quote may be too large.",
    "revisions": [
        {
            "number": 1,
            "sent_at": None,
            "pdf_status": "failed",
            "pdf_error": "Rendering stopped the worker 3 times; the quote may be too large.",
            "pdf_url": None,
        }
    ],
    "links": {
        "self": "https://catalog.example.com/api/v1/quotes/42/",
        "render": "https://catalog.example.com/api/v1/quotes/42/render/",
        "pdf": "https://catalog.example.com/api/v1/quotes/42/pdf/",
    },
    "created_at": "2026-03-02T10:15:00Z",
}


@extend_schema(
    operation_id="quotes_create",
    summary="Create a draft quote for a lead",
    description=(
        "Prices come from the devices' list prices and quantity tiers plus the chosen options, unless a line "
        "gives `unit_price` (recorded as a manual price). Nothing is saved unless the whole quote is valid. "
        "Needs the `quotes:write` scope, or a staff session with permission to add quotes (with its CSRF token); "
        "a quote created with a key is recorded as created by the lead's owner."
    ),
    request=QuoteCreateSerializer,
    responses={
        201: QuoteSerializer,
        400: OpenApiResponse(
            ErrorSerializer,
            description="Invalid input (unknown lead, device or option, bad amounts, currency or date): "
            "`error.fields` names each field at fault. Nothing is saved.",
        ),
        **_ERRORS,
        **_forbidden("quotes:write", "quotes.add_quote"),
        409: OpenApiResponse(ErrorSerializer, description="The lead is closed (won or lost); reopen it first."),
    },
    examples=[
        OpenApiExample(
            "Two lasers, FOB Shanghai",
            value={
                "lead": 17,
                "currency": "USD",
                "incoterm": "FOB",
                "incoterm_place": "Port of Shanghai",
                "notes": "Training for two operators included.",
                "lines": [{"device": "co2-fractional-60w", "options": ["gyn"], "quantity": 2, "discount_percent": "5"}],
            },
            request_only=True,
        ),
        OpenApiExample("Created", value=_QUOTE_EXAMPLE, response_only=True, status_codes=["201"]),
        OpenApiExample(
            "Unknown device",
            value={
                "error": {
                    "code": "invalid",
                    "message": "Some fields are not valid.",
                    "fields": {"lines": ["Line 1: no device with the slug “co2-90w”."]},
                }
            },
            response_only=True,
            status_codes=["400"],
        ),
    ],
)
@api_view(["POST"])
@quotes_api(permission=QuotesCreate)
def quote_create(request):
    serializer = QuoteCreateSerializer(data=request.data)
    if not serializer.is_valid():
        fields = _serializer_fields(serializer.errors)
        general = fields.pop(api_settings.NON_FIELD_ERRORS_KEY, [])
        return _invalid(fields, " ".join(general))
    lead = serializer.validated_data["lead"]
    # Keys are not users: a quote a partner creates is recorded as the lead owner's.
    actor = lead.owner if isinstance(request.auth, PartnerKey) else request.user
    try:
        quote = quoting.quote_create(
            lead=lead, actor=actor, data=serializer.quote_data(), lines=serializer.validated_data["lines"]
        )
    except errors.QuoteStateError as exc:
        return _conflict(exc)
    except DjangoValidationError as exc:
        return _django_invalid(exc)
    quote = _quote_or_404(quote.pk)
    return Response(
        QuoteSerializer(quote_representation(quote=quote, request=request)).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": _url(request, "quote-detail", quote.pk)},
    )


@extend_schema(
    operation_id="quotes_retrieve",
    parameters=[_QUOTE_ID],
    summary="A quote, its totals and the status of its PDF",
    description=(
        "`pdf_status` and `pdf_error` are those of the current revision: poll this after asking for a render. "
        "Earlier revisions keep their PDFs (`revisions[].pdf_url`). Needs `quotes:read` or `quotes.view_quote`."
    ),
    responses={
        200: QuoteSerializer,
        **_ERRORS,
        **_forbidden("quotes:read", "quotes.view_quote"),
        **_NOT_FOUND,
    },
    examples=[OpenApiExample("A failed render", value=_QUOTE_EXAMPLE, response_only=True, status_codes=["200"])],
)
@api_view(["GET"])
@quotes_api(permission=QuotesRead)
def quote_detail(request, pk):
    quote = _quote_or_404(pk)
    return Response(QuoteSerializer(quote_representation(quote=quote, request=request)).data)


@extend_schema(
    operation_id="quotes_render",
    parameters=[_QUOTE_ID],
    summary="Ask for the PDF of the quote's current revision",
    description=(
        "Answers at once; a worker renders the PDF. Follow `status_url` (also the `Location` header) until "
        "`pdf_status` is `ready` (then GET the pdf link) or `failed` (`pdf_error` says why; ask again to retry). "
        "A PDF already rendered from the same content is not rendered again. "
        "Needs `quotes:write` or `quotes.change_quote`."
    ),
    request=None,
    responses={
        202: QuoteRenderSerializer,
        400: OpenApiResponse(ErrorSerializer, description="The quote has no lines to render."),
        **_ERRORS,
        **_forbidden("quotes:write", "quotes.change_quote"),
        **_NOT_FOUND,
    },
    examples=[
        OpenApiExample(
            "Queued",
            value={"pdf_status": "queued", "status_url": "https://catalog.example.com/api/v1/quotes/42/"},
            response_only=True,
            status_codes=["202"],
        )
    ],
)
@api_view(["POST"])
@quotes_api(permission=QuotesChange)
def quote_render(request, pk):
    quote = Quote.objects.filter(pk=pk).first()
    if quote is None:
        raise NotFound(f"No quote has the id {pk}.")
    try:
        # A failed render is asked for again (attempts counted afresh); a ready one is not redone.
        revision = quoting.quote_pdf_request(quote=quote)
    except errors.QuoteStateError as exc:
        return _conflict(exc)
    except DjangoValidationError as exc:
        return _django_invalid(exc)
    status_url = _url(request, "quote-detail", quote.pk)
    return Response(
        QuoteRenderSerializer({"pdf_status": revision.pdf_status, "status_url": status_url}).data,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": status_url},
    )


@extend_schema(
    operation_id="quotes_pdf",
    summary="The PDF of a quote",
    description=(
        "The current revision's PDF, or an earlier one's with `?revision=N`. Before it is ready: 409 with "
        "`pdf_status` (null when no render was asked for). Needs `quotes:read` or `quotes.view_quote`."
    ),
    parameters=[
        _QUOTE_ID,
        OpenApiParameter(
            "revision",
            int,
            OpenApiParameter.QUERY,
            required=False,
            description="A revision number, for example 1; default: the current revision.",
        ),
    ],
    responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF document."),
        400: OpenApiResponse(ErrorSerializer, description="`revision` is not a revision number."),
        **_ERRORS,
        **_forbidden("quotes:read", "quotes.view_quote"),
        404: OpenApiResponse(ErrorSerializer, description="No quote has this id, or no such revision."),
        409: OpenApiResponse(PdfNotReadySerializer, description="The PDF is not ready: see `pdf_status`."),
    },
    examples=[
        OpenApiExample(
            "Still rendering",
            value={
                "error": {"code": "pdf_not_ready", "message": "The PDF of Q-2026-00042 revision 1 is rendering."},
                "pdf_status": "rendering",
                "pdf_error": "",
            },
            response_only=True,
            status_codes=["409"],
        )
    ],
)
@api_view(["GET"])
@content_negotiation_class(JsonOnlyNegotiation)
@quotes_api(permission=QuotesRead)
def quote_pdf(request, pk):
    quote = Quote.objects.filter(pk=pk).first()
    if quote is None:
        raise NotFound(f"No quote has the id {pk}.")
    raw = request.query_params.get("revision")
    number = quote.revision
    if raw is not None:
        if not re.fullmatch(r"[0-9]{1,5}", raw) or not 1 <= int(raw) <= REVISION_MAX:
            return _invalid({"revision": ["Give a revision number, for example 1."]})
        number = int(raw)
    revision = quote.revisions.filter(number=number).first()
    if revision is None and number != quote.revision:
        raise NotFound(f"{quote.number} has no revision {number}.")
    if revision is None or not revision.pdf_ready:
        pdf_status = revision.pdf_status if revision else None
        if pdf_status is None:
            what = "has not been rendered; ask for a render first"
        elif pdf_status == QuoteRevision.PdfStatus.FAILED:
            what = f"could not be rendered: {revision.pdf_error}"
        elif pdf_status == QuoteRevision.PdfStatus.READY:
            what = "is out of date; ask for a render again"
        else:
            what = f"is {pdf_status}"
        response = api_error(
            code="pdf_not_ready",
            message=f"The PDF of {quote.number} revision {number} {what}.",
            status_code=status.HTTP_409_CONFLICT,
        )
        response.data["pdf_status"] = pdf_status
        response.data["pdf_error"] = revision.pdf_error if revision else ""
        return response
    try:
        handle = revision.pdf.open("rb")
    except OSError:
        return api_error(
            code="pdf_not_ready",
            message=f"The PDF file of {quote.number} revision {number} is missing; ask for a render again.",
            status_code=status.HTTP_409_CONFLICT,
        )
    return FileResponse(handle, content_type="application/pdf", filename=f"{quote.number}-rev{revision.number}.pdf")
