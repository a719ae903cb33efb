"""Migrations 0003-0005: the emails that existed before the one outbox keep their meaning in it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from quotes.leads import notifications
from quotes.models import Activity, Notification, Quote

BEFORE = [("quotes", "0002_quotes")]
AFTER = [("quotes", "0005_revision_email_state_removed")]


@pytest.fixture
def old_apps(transactional_db):
    """The database as it was before the outbox took every email; migrated forward again at the end."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate_forward():
    # Through 0003-0005, then on to the latest: the checks below read through today's models.
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_emails_join_the_outbox_with_their_state_and_what_they_say(old_apps, settings):
    settings.SITE_URL = "https://catalog.example.com"
    User = old_apps.get_model("auth", "User")
    Clinic, Contact, Lead = (old_apps.get_model("quotes", name) for name in ("Clinic", "Contact", "Lead"))
    ConsultationRequest, Notification0, Activity0 = (
        old_apps.get_model("quotes", name) for name in ("ConsultationRequest", "Notification", "Activity")
    )
    Quote0, QuoteRevision0 = old_apps.get_model("quotes", "Quote"), old_apps.get_model("quotes", "QuoteRevision")
    now = timezone.now()
    owner = User.objects.create(username="sam", first_name="Sam", last_name="Seller", email="sam@vendor.example")
    clinic = Clinic.objects.create(name="Clínica Sol", country="ES")
    contact = Contact.objects.create(clinic=clinic, name="Ana García", email="ana@clinica-sol.es", country="ES")
    lead = Lead.objects.create(contact=contact, clinic=clinic, owner=owner, status="quoted", country="ES")
    consultation = ConsultationRequest.objects.create(
        reference="CR-AAAA-BBBB",
        lead=lead,
        contact=contact,
        name="Ana García",
        clinic_name="Clínica Sol",
        email="ana@clinica-sol.es",
        country="ES",
        consent=True,
        preferred_channel="whatsapp",
    )
    failed_confirmation = Notification0.objects.create(
        kind="clinic_confirmation",
        lead=lead,
        consultation_request=consultation,
        recipient="ana@clinica-sol.es",
        status="failed",
        error="SMTP down",
    )
    quote_fields = {
        "lead": lead,
        "clinic": clinic,
        "contact": contact,
        "owner": owner,
        "year": 2026,
        "currency": "USD",
        "valid_until": timezone.localdate() + timedelta(days=30),
        "freight": Decimal("0"),
        "tax_rate": Decimal("0"),
    }
    sent = Quote0.objects.create(number="Q-2026-00001", sequence=1, status="sent", **quote_fields)
    snapshot = {
        "currency": "USD",
        "totals": {"total": "23,500.00"},
        "incoterm": "FOB",
        "incoterm_place": "",
        "valid_until": "1 April 2026",
        "owner": {"name": "Sam Seller"},
        "lines": [{"quantity": 1, "device_name": "Fractional CO2 Laser FX-60"}],
    }
    waiting = QuoteRevision0.objects.create(
        quote=sent, number=1, snapshot=snapshot, sent_at=now, email_status="pending", pdf_status="queued"
    )
    accepted = Quote0.objects.create(
        number="Q-2026-00002",
        sequence=2,
        status="accepted",
        accepted_name="Dr. Ana García",
        accepted_at=now,
        answer_notified_at=now,
        **quote_fields,
    )
    delivered = QuoteRevision0.objects.create(
        quote=accepted,
        number=1,
        snapshot=snapshot,
        sent_at=now - timedelta(days=2),
        email_status="sent",
        email_attempts=2,
        email_sent_at=now - timedelta(days=2),
        pdf_status="ready",
    )
    entry = Activity0.objects.create(lead=lead, kind="quote", body="Quote Q-2026-00002 created.")

    migrate_forward()

    confirmation = Notification.objects.get(pk=failed_confirmation.pk)
    assert (confirmation.template, confirmation.status, confirmation.error) == (
        "emails/consultation_confirmation",
        "failed",
        "SMTP down",
    )
    assert confirmation.reply_to == "sam@vendor.example"
    assert confirmation.context["consultation"]["preferred_channel_label"] == "WhatsApp"
    quotation = Notification.objects.get(kind="quote_sent", quote_id=sent.pk)
    assert (quotation.revision_id, quotation.status, quotation.recipient) == (waiting.pk, "pending", contact.email)
    assert "/quote/" in quotation.context["link"] and quotation.context["document"]["total"] == "23,500.00"
    history = Notification.objects.get(kind="quote_sent", quote_id=accepted.pk)
    assert (history.revision_id, history.status, history.send_attempts) == (delivered.pk, "sent", 2)
    notice = Notification.objects.get(kind="quote_accepted")
    assert (notice.quote_id, notice.status, notice.recipient) == (accepted.pk, "sent", "sam@vendor.example")
    assert Activity.objects.get(pk=entry.pk).quote_id == accepted.pk
    assert Quote.objects.get(pk=sent.pk).status == "sent"

    # And a migrated row is an outbox row like any other: the failed confirmation can be retried and sent.
    assert notifications.notifications_retry(notification_ids=[confirmation.pk]) == 1
    assert notifications.notification_send(notification_id=confirmation.pk) is True
    assert mail.outbox[0].to == ["ana@clinica-sol.es"] and "CR-AAAA-BBBB" in mail.outbox[0].subject
