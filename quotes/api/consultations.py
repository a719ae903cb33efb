"""POST /api/v1/consultations/: consultation requests pushed in by partners (with a leads:write key) and other sites.

Anonymous callers are limited per address and per email by the intake; a partner's key is limited per key,
owns the lead its requests open, and has its own space of Idempotency-Keys.
"""

from rest_framework import status
from rest_framework.decorators import (
    api_view,
)
from rest_framework.response import Response

from config.api import api_error
from config.clientip import client_ip
from quotes import errors
from quotes.api import docs
from quotes.api.access import caller_partner, leads_push_api
from quotes.api.serializers import (
    ConsultationCreateSerializer,
    ConsultationReceiptSerializer,
)
from quotes.leads import intake
from quotes.models import ConsultationRequest

IDEMPOTENCY_KEY_MAX = 255


@docs.consultation_create
@api_view(["POST"])
@leads_push_api
def consultation_create(request):
    partner = caller_partner(request)
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        return api_error(
            code="invalid",
            message=f"The Idempotency-Key header is longer than {IDEMPOTENCY_KEY_MAX} characters.",
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    fingerprint = intake.request_fingerprint(request.data) if key else ""
    try:
        submission = (
            intake.consultation_replay(idempotency_key=key, fingerprint=fingerprint, partner=partner) if key else None
        )
        if submission is None:
            serializer = ConsultationCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            submission = intake.consultation_submit(
                data=serializer.consultation_data(),
                origin=intake.RequestOrigin(
                    source=ConsultationRequest.Source.API,
                    page_url=serializer.validated_data["page_url"],
                    utm=serializer.utm(),
                    ip_address=client_ip(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                    partner=partner,
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
