"""Consultation requests as the intake receives them, for the lead tests."""

from quotes.leads import intake
from quotes.models import ConsultationRequest


def consultation_data(**overrides) -> intake.ConsultationData:
    values = {
        "name": "Ana García",
        "clinic_name": "Clínica Sol",
        "email": "ana@clinica-sol.es",
        "country": "ES",
        "consent": True,
        "message": "Is training included?",
    }
    return intake.ConsultationData(**{**values, **overrides})


def submit(origin=None, **overrides) -> ConsultationRequest:
    return intake.consultation_submit(
        data=consultation_data(**overrides), origin=origin or intake.RequestOrigin()
    ).consultation
