# Existing emails join the one outbox, and keep their meaning:
#
# - consultation emails get the template and values they show (so a failed one can be retried);
# - each revision that had an email (pending, sending, sent or failed) gets a quotation row with
#   the same state, attempts, error and send time; one that was being sent is sent again;
# - each accepted or declined quote gets its owner notice: sent if the owner was told, else pending;
# - quote entries on timelines point at the quote they name.
#
# The values are built here as the app built them when this was written (a migration must not
# call code that changes later).

import phonenumbers
from django.conf import settings
from django.core import signing
from django.db import migrations
from django.utils import timezone
from django.utils.formats import date_format

LINK_SALT = "quotes.public-link"
EMAIL_LINES = 5
QUOTE_EMAIL_STATUS = {"pending": "pending", "sending": "pending", "sent": "sent", "failed": "failed"}


def person_name(user):
    return (user.first_name + " " + user.last_name).strip() or user.username


def response_hours():
    hours = settings.LEAD_FIRST_RESPONSE_HOURS
    value = int(hours) if float(hours).is_integer() else hours
    return f"{value} working hour{'s' if value != 1 else ''}"


def lead_url(lead_id):
    return f"{settings.SITE_URL}/sales/leads/{lead_id}/"


def phone_display(e164):
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def consultation_context(notification):
    consultation, lead = notification.consultation_request, notification.lead
    owner = lead.owner
    return {
        "consultation": {
            "reference": consultation.reference,
            "name": consultation.name,
            "email": consultation.email,
            "phone": consultation.phone,
            "phone_display": phone_display(consultation.phone),
            "preferred_channel_label": consultation.get_preferred_channel_display(),
            "timeline": consultation.timeline,
            "timeline_label": consultation.get_timeline_display() if consultation.timeline else "",
            "message": consultation.message,
        },
        "devices": [device.name for device in consultation.devices.all()],
        "treatments": [treatment.name for treatment in consultation.treatments.all()],
        "owner": {
            "name": person_name(owner),
            "full_name": (owner.first_name + " " + owner.last_name).strip(),
            "email": owner.email,
        }
        if owner
        else None,
        "contact": {"name": lead.contact.name},
        "clinic": {"name": lead.clinic.name},
        "lead": {
            "country_name": lead.country.name if lead.country else "",
            "country_code": lead.country.code if lead.country else "",
            "first_contact_due": date_format(timezone.localtime(lead.response_due_at), "D j M Y, H:i T")
            if lead.status == "new" and lead.response_due_at
            else "",
        },
        "is_follow_up": lead.requests.filter(created_at__lt=consultation.created_at).exists(),
        "response_hours": response_hours(),
        "lead_url": lead_url(lead.pk),
    }


def quote_email_context(quote, revision):
    snapshot = revision.snapshot or {}
    lines = snapshot.get("lines", [])
    token = signing.dumps({"q": quote.pk, "r": revision.number}, salt=LINK_SALT, compress=True)
    return {
        "quote": {
            "number": quote.number,
            "revision": revision.number,
            "clinic": quote.clinic.name,
            "contact_name": quote.contact.name,
        },
        "document": {
            "currency": snapshot.get("currency", quote.currency),
            "total": snapshot.get("totals", {}).get("total", ""),
            "incoterm": snapshot.get("incoterm", quote.incoterm),
            "incoterm_place": snapshot.get("incoterm_place", quote.incoterm_place),
            "valid_until": snapshot.get("valid_until", str(quote.valid_until)),
            "owner_name": snapshot.get("owner", {}).get("name", settings.SITE_NAME),
            "lines": [{"quantity": line["quantity"], "device_name": line["device_name"]} for line in lines[:EMAIL_LINES]],
            "more_lines": max(0, len(lines) - EMAIL_LINES),
        },
        "link": f"{settings.SITE_URL}/quote/{token}/",
        "link_days": settings.QUOTE_LINK_MAX_AGE_DAYS,
    }


def answer_context(quote, event):
    accepted_at = timezone.localtime(quote.accepted_at) if quote.accepted_at else None
    return {
        "quote": {"number": quote.number, "revision": quote.revision, "clinic": quote.clinic.name},
        "event": event,
        "answer": {
            "accepted_name": quote.accepted_name,
            "accepted_at": date_format(accepted_at, "j M Y, H:i e") if accepted_at else "",
            "accepted_ip": quote.accepted_ip or "",
            "declined_reason": quote.declined_reason,
        },
        "lead_url": lead_url(quote.lead_id),
    }


def forwards(apps, schema_editor):
    Notification = apps.get_model("quotes", "Notification")
    QuoteRevision = apps.get_model("quotes", "QuoteRevision")
    Quote = apps.get_model("quotes", "Quote")
    Activity = apps.get_model("quotes", "Activity")
    templates = {"clinic_confirmation": "emails/consultation_confirmation", "owner_alert": "emails/lead_owner_alert"}

    consultation_rows = Notification.objects.filter(template="").select_related(
        "lead__owner", "lead__contact", "lead__clinic", "consultation_request"
    )
    for notification in consultation_rows.iterator(chunk_size=200):
        owner = notification.lead.owner
        notification.template = templates[notification.kind]
        notification.context = consultation_context(notification)
        if notification.kind == "clinic_confirmation" and owner and owner.email:
            notification.reply_to = owner.email
        notification.save(update_fields=["template", "context", "reply_to"])

    revisions = QuoteRevision.objects.exclude(email_status="").select_related(
        "quote__contact", "quote__clinic", "quote__owner"
    )
    for revision in revisions.iterator(chunk_size=200):
        quote = revision.quote
        status = QUOTE_EMAIL_STATUS[revision.email_status]
        suffix = f" (revision {revision.number})" if revision.number > 1 else ""
        Notification.objects.create(
            kind="quote_sent",
            lead_id=quote.lead_id,
            quote=quote,
            revision=revision,
            recipient=quote.contact.email,
            reply_to=quote.owner.email if quote.owner and quote.owner.email else "",
            template="emails/quote_sent",
            context=quote_email_context(quote, revision),
            subject=f"Quotation {quote.number}{suffix} from {settings.SITE_NAME}" if status == "sent" else "",
            status=status,
            send_attempts=revision.email_attempts,
            sent_at=revision.email_sent_at,
            error=revision.email_error,
            created_at=revision.sent_at or revision.created_at,
        )

    answered = Quote.objects.filter(status__in=["accepted", "declined"]).select_related("owner", "clinic")
    for quote in answered.iterator(chunk_size=200):
        event = quote.status
        Notification.objects.create(
            kind=f"quote_{event}",
            lead_id=quote.lead_id,
            quote=quote,
            recipient=quote.owner.email if quote.owner and quote.owner.email else settings.SALES_EMAIL,
            template="emails/quote_answered",
            context=answer_context(quote, event),
            subject=f"{quote.number} {event} by {quote.clinic.name}" if quote.answer_notified_at else "",
            status="sent" if quote.answer_notified_at else "pending",
            sent_at=quote.answer_notified_at,
            created_at=(quote.accepted_at if event == "accepted" else quote.declined_at) or quote.updated_at,
        )

    # Timeline entries named their quote in words; from now on they point at it.
    numbers = {}
    for quote_id, lead_id, number in Quote.objects.values_list("pk", "lead_id", "number"):
        numbers.setdefault(lead_id, []).append((number, quote_id))
    entries = Activity.objects.filter(kind__in=["quote", "email"], quote__isnull=True, lead_id__in=list(numbers))
    for activity in entries.iterator(chunk_size=500):
        named = [quote_id for number, quote_id in numbers[activity.lead_id] if number in activity.body]
        if len(named) == 1:
            Activity.objects.filter(pk=activity.pk).update(quote_id=named[0])


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0003_outbox_fields'),
    ]

    operations = [
        # Backwards there is nothing to undo here: 0005 brings the old columns back empty.
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
