"""The quotes API's OpenAPI description: parameters, errors and examples of every endpoint (views apply these)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from catalog.api.serializers import ErrorSerializer
from quotes.api.serializers import (
    ConsultationCreateSerializer,
    ConsultationReceiptSerializer,
    PdfNotReadySerializer,
    QuoteCreateSerializer,
    QuoteRenderSerializer,
    QuoteSerializer,
)

_CONSULTATION_EXAMPLE = {
    "name": "Ana García",
    "clinic_name": "Clínica Dermatológica Sol",
    "email": "ana@clinica-sol.es",
    "phone": "+34 612 345 678",
    "country": "ES",
    "devices": ["fractional-co2-laser-fx-60"],
    "treatments": ["acne-scars"],
    "timeline": "3_months",
    "message": "We want to add resurfacing. Is training included?",
    "preferred_channel": "whatsapp",
    "consent": True,
}


_ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer, description="No credentials, or the API key is not valid, revoked or expired."
    ),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests from this key or user; see Retry-After."),
}
_QUOTE_ID = OpenApiParameter(
    "quote_id",
    {"type": "string", "format": "uuid"},
    OpenApiParameter.PATH,
    description="The quote's public id (its `id`), for example 9b2e4f7a-51c3-4d8e-b0a6-7c1d2e3f4a5b.",
)
_NOT_FOUND = {
    404: OpenApiResponse(
        ErrorSerializer, description="No quote has this id, or it is another partner's (the same answer)."
    )
}
_QUOTE_UUID = "9b2e4f7a-51c3-4d8e-b0a6-7c1d2e3f4a5b"
_LEAD_UUID = "3f0c9b1e-8d4a-4c1f-9a57-2b6e0d81c4aa"


def _forbidden(scope: str, perm: str) -> dict:
    return {
        403: OpenApiResponse(
            ErrorSerializer,
            description=f"The key lacks the `{scope}` scope, or the staff account the `{perm}` permission "
            "(or a session request without its CSRF token).",
        )
    }


_QUOTE_EXAMPLE = {
    "id": _QUOTE_UUID,
    "number": "Q-2026-00001",
    "revision": 1,
    "status": "draft",
    "approval": "not_needed",
    "lead": _LEAD_UUID,
    "currency": "USD",
    "valid_until": "2026-04-01",
    "incoterm": "FOB",
    "incoterm_place": "Port of Shanghai",
    "payment_terms": "30% with the order, 70% before shipment, by bank transfer.",
    "notes": "Training for two operators included.",
    "lines": [
        {
            "position": 1,
            "device": "fractional-co2-laser-fx-60",
            "device_name": "Fractional CO2 Laser FX-60",
            "options": [{"slug": "gynaecology-handpiece", "name": "Gynaecology handpiece with 360° and 90° probes"}],
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
        "self": f"https://catalog.example.com/api/v1/quotes/{_QUOTE_UUID}/",
        "render": f"https://catalog.example.com/api/v1/quotes/{_QUOTE_UUID}/render/",
        "pdf": f"https://catalog.example.com/api/v1/quotes/{_QUOTE_UUID}/pdf/",
    },
    "created_at": "2026-03-02T10:15:00Z",
}


consultation_create = extend_schema(
    operation_id="consultations_create",
    summary="Send a consultation request",
    description=(
        "Saves the request and routes it to a salesperson. Send an `Idempotency-Key` header to retry "
        "safely: a repeat with the same key and body returns the first answer, not a second request. "
        "Anonymous callers are limited per address and per email. A partner sends its key "
        "(`Authorization: Api-Key …`, with the `leads:write` scope): the request and its lead are the "
        "partner's, the receipt's `lead` names the lead for its quotes, the key's own rate applies instead of "
        "the per-address limit, and its Idempotency-Keys are its own."
    ),
    request=ConsultationCreateSerializer,
    parameters=[
        OpenApiParameter(
            "Idempotency-Key", str, OpenApiParameter.HEADER, required=False, description="Any unique string, ≤255."
        )
    ],
    responses={
        201: ConsultationReceiptSerializer,
        400: OpenApiResponse(ErrorSerializer, description="Invalid input: `error.fields` names each field at fault."),
        401: OpenApiResponse(ErrorSerializer, description="A key was sent that is not valid, revoked or expired."),
        403: OpenApiResponse(ErrorSerializer, description="The key lacks the `leads:write` scope."),
        422: OpenApiResponse(ErrorSerializer, description="The Idempotency-Key was used before with a different body."),
        429: OpenApiResponse(
            ErrorSerializer, description="Too many requests from this address, email or key; see Retry-After."
        ),
    },
    examples=[
        OpenApiExample("A clinic in Spain", value=_CONSULTATION_EXAMPLE, request_only=True),
        OpenApiExample(
            "Received",
            value={
                "reference": "CR-7KQ2-M9XD",
                "status": "received",
                "received_at": "2026-03-02T10:15:00Z",
                "lead": _LEAD_UUID,
                "next_steps": "A specialist will contact the clinic within 4 working hours.",
            },
            response_only=True,
            status_codes=["201"],
        ),
    ],
)


quote_create = extend_schema(
    operation_id="quotes_create",
    summary="Create a draft quote for a lead",
    description=(
        "Prices come from the devices' list prices and quantity tiers plus the chosen options, unless a line "
        "gives `unit_price` (recorded as a manual price, with its `price_reason`). A discount above the approval "
        "threshold, counting a manual price below the list as one, leaves the quote `approval: pending` until a "
        "sales manager approves it. Nothing is saved unless the whole quote is valid. "
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
        409: OpenApiResponse(
            ErrorSerializer, description="The lead is closed (won, lost or spam): the message says what to do."
        ),
    },
    examples=[
        OpenApiExample(
            "Two lasers, FOB Shanghai",
            value={
                "lead": _LEAD_UUID,
                "currency": "USD",
                "incoterm": "FOB",
                "incoterm_place": "Port of Shanghai",
                "notes": "Training for two operators included.",
                "lines": [
                    {
                        "device": "fractional-co2-laser-fx-60",
                        "options": ["gynaecology-handpiece"],
                        "quantity": 2,
                        "discount_percent": "5",
                    }
                ],
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


quote_detail = extend_schema(
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


quote_render = extend_schema(
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
            value={"pdf_status": "queued", "status_url": f"https://catalog.example.com/api/v1/quotes/{_QUOTE_UUID}/"},
            response_only=True,
            status_codes=["202"],
        )
    ],
)


quote_pdf = extend_schema(
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
            {"type": "integer", "minimum": 1, "maximum": 32767},
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
                "error": {"code": "pdf_not_ready", "message": "The PDF of Q-2026-00001 revision 1 is rendering."},
                "pdf_status": "rendering",
                "pdf_error": "",
            },
            response_only=True,
            status_codes=["409"],
        )
    ],
)
