"""Consultation requests pushed in by partners and other sites."""

from axes.helpers import get_client_ip_address
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from config.api import api_error
from quotes import services
from quotes.api.serializers import ConsultationCreateSerializer, ConsultationReceiptSerializer
from quotes.models import ConsultationRequest

IDEMPOTENCY_KEY_MAX = 255

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
    except services.IdempotencyConflict:
        return api_error(
            code="idempotency_key_reused",
            message="This Idempotency-Key was already used for a different request; use a new key.",
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    except services.RateLimited as exc:
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
