"""/api/v1/quotes/: create a draft, read it with its totals and PDF status, ask for its PDF, download it.

For staff signed in (session, CSRF enforced on writes) with the quotes permissions, and for
partner keys with quotes:read (reads) or quotes:write (writes). Money is computed by
quotes.pricing through quotes.quoting.lines; the PDF is rendered by a worker.
"""

import re
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import FileResponse
from django.urls import reverse
from rest_framework import status
from rest_framework.decorators import (
    api_view,
    content_negotiation_class,
)
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.settings import api_settings

from catalog.models import PartnerKey
from config.api import api_error
from quotes import errors, pricing
from quotes.api import docs
from quotes.api.access import (
    JsonOnlyNegotiation,
    QuotesChange,
    QuotesCreate,
    QuotesRead,
    public_id_parse,
    quotes_api,
    visible_to_caller,
)
from quotes.api.serializers import (
    QuoteCreateSerializer,
    QuoteRenderSerializer,
    QuoteSerializer,
)
from quotes.models import Quote, QuoteLine, QuoteRevision
from quotes.quoting import drafts, rendering
from quotes.quoting.lines import quote_totals

REVISION_MAX = 32767  # the column's bound


def _quote_queryset():
    lines = QuoteLine.objects.select_related("device").prefetch_related("options", "device__price_tiers")
    return Quote.objects.select_related("lead").prefetch_related(Prefetch("lines", queryset=lines), "revisions")


def _quote_or_404(queryset, *, request, quote_id) -> Quote:
    """The caller's quote by its public id; another partner's quote is as missing as one that never was."""
    public_id = public_id_parse(quote_id)
    quote = None
    if public_id is not None:
        quote = visible_to_caller(queryset, request=request).filter(public_id=public_id).first()
    if quote is None:
        raise NotFound(f"No quote has the id {quote_id}.")
    return quote


def _url(request, name: str, quote: Quote, query: str = "") -> str:
    return request.build_absolute_uri(reverse(f"quotes-api:{name}", kwargs={"quote_id": quote.public_id}) + query)


def _current(quote: Quote) -> QuoteRevision | None:
    return next((r for r in quote.revisions.all() if r.number == quote.revision), None)


def _amount(value: Decimal, currency: str) -> str:
    return f"{pricing.quantize(value, currency):f}"


def quote_representation(*, quote: Quote, request) -> dict:
    """The quote as the API shows it; the quote must come from _quote_queryset (constant queries)."""
    currency = quote.currency
    totals = quote_totals(quote=quote)
    line_rows = [
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
        "id": str(quote.public_id),
        "number": quote.number,
        "revision": quote.revision,
        "status": quote.status,
        "approval": quote.approval,
        "lead": str(quote.lead.public_id),
        "currency": currency,
        "valid_until": quote.valid_until,
        "incoterm": quote.incoterm,
        "incoterm_place": quote.incoterm_place,
        "payment_terms": quote.payment_terms,
        "notes": quote.notes,
        "lines": line_rows,
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
                "pdf_url": _url(request, "quote-pdf", quote, f"?revision={r.number}") if r.pdf_ready else None,
            }
            for r in quote.revisions.all()
        ],
        "links": {
            "self": _url(request, "quote-detail", quote),
            "render": _url(request, "quote-render", quote),
            "pdf": _url(request, "quote-pdf", quote),
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


def _conflict(exc: Exception | str) -> Response:
    return api_error(code="conflict", message=str(exc), status_code=status.HTTP_409_CONFLICT)


@docs.quote_create
@api_view(["POST"])
@quotes_api(permission=QuotesCreate)
def quote_create(request):
    serializer = QuoteCreateSerializer(data=request.data, context={"request": request})
    if not serializer.is_valid():
        fields = _serializer_fields(serializer.errors)
        general = fields.pop(api_settings.NON_FIELD_ERRORS_KEY, [])
        return _invalid(fields, " ".join(general))
    lead = serializer.validated_data["lead"]
    # Keys are not users: a quote a partner creates is recorded as the lead owner's.
    actor = lead.owner if isinstance(request.auth, PartnerKey) else request.user
    try:
        quote = drafts.quote_create(
            lead=lead, actor=actor, data=serializer.quote_data(), lines=serializer.validated_data["lines"]
        )
    except errors.QuoteStateError as exc:
        return _conflict(exc)
    except DjangoValidationError as exc:
        return _django_invalid(exc)
    quote = _quote_queryset().get(pk=quote.pk)
    return Response(
        QuoteSerializer(quote_representation(quote=quote, request=request)).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": _url(request, "quote-detail", quote)},
    )


@docs.quote_detail
@api_view(["GET"])
@quotes_api(permission=QuotesRead)
def quote_detail(request, quote_id):
    quote = _quote_or_404(_quote_queryset(), request=request, quote_id=quote_id)
    return Response(QuoteSerializer(quote_representation(quote=quote, request=request)).data)


@docs.quote_render
@api_view(["POST"])
@quotes_api(permission=QuotesChange)
def quote_render(request, quote_id):
    quote = _quote_or_404(Quote.objects.all(), request=request, quote_id=quote_id)
    try:
        # A failed render is asked for again (attempts counted afresh); a ready one is not redone.
        revision = rendering.quote_pdf_request(quote=quote)
    except errors.QuoteStateError as exc:
        return _conflict(exc)
    except pricing.PricingError as exc:  # the catalog changed under a draft: its prices no longer add up
        return _conflict(f"{exc} Edit the quote.")
    except DjangoValidationError as exc:
        return _django_invalid(exc)
    status_url = _url(request, "quote-detail", quote)
    return Response(
        QuoteRenderSerializer({"pdf_status": revision.pdf_status, "status_url": status_url}).data,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": status_url},
    )


@docs.quote_pdf
@api_view(["GET"])
@content_negotiation_class(JsonOnlyNegotiation)
@quotes_api(permission=QuotesRead)
def quote_pdf(request, quote_id):
    quote = _quote_or_404(Quote.objects.all(), request=request, quote_id=quote_id)
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
        revision = rendering.quote_pdf_file_lost(revision=revision)
        response = api_error(
            code="pdf_not_ready",
            message=f"The PDF file of {quote.number} revision {number} was missing; it is being rendered again.",
            status_code=status.HTTP_409_CONFLICT,
        )
        response.data["pdf_status"] = revision.pdf_status
        response.data["pdf_error"] = revision.pdf_error
        return response
    return FileResponse(handle, content_type="application/pdf", filename=f"{quote.number}-rev{revision.number}.pdf")
