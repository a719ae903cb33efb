"""Sales data: consultation requests, clinics and contacts, leads and their timeline, the outbox, quotes.

A consultation request is what a buyer sent, kept as sent. Requests from one email
address join one contact (and its clinic); while that contact has an open lead, new
requests land on it. Every email the system owes someone (a confirmation, an alert, a
quotation, a notice of the buyer's answer) is first written as a notification row (the
outbox) in the same transaction as its cause.
"""

import secrets
import uuid
from decimal import Decimal

import phonenumbers
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from catalog.models import Device, Partner, Treatment

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone


def phone_display(e164: str) -> str:
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def reference_new() -> str:
    """A short random reference a buyer can read out, such as CR-7KQ2-M9XD."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"CR-{chars[:4]}-{chars[4:]}"


class Clinic(models.Model):
    """A clinic, salon or practice that asks about devices."""

    name = models.CharField(max_length=200, help_text="For example: Clínica Dermatológica Sol")
    country = CountryField(blank=True)
    tax_id = models.CharField(
        "tax id", max_length=40, blank=True, help_text="VAT or tax number printed on quotes, for example: ESB87654321"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """A person at a clinic; one row per email address, so repeat requests join it."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(max_length=120)
    # Stored lower-cased by the intake service: the same mailbox is the same person.
    email = models.EmailField(unique=True, help_text="For example: ana@clinica-sol.es")
    phone = models.CharField(max_length=32, blank=True, help_text="E.164, for example: +34612345678")
    country = CountryField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def phone_display(self) -> str:
        """The stored E.164 number spaced for reading, such as +34 612 34 56 78."""
        return phone_display(self.phone)


class Territory(models.Model):
    """Countries a salesperson covers: leads from them go to that person."""

    name = models.CharField(max_length=80, help_text="For example: Iberia")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="territories")
    countries = CountryField(multiple=True, help_text="For example: ES, PT")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "territories"

    def __str__(self):
        return self.name


class LeadQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Lead.OPEN_STATUSES)

    def overdue(self, *, now=None):
        """New leads whose first-response deadline has passed."""
        return self.filter(status=Lead.Status.NEW, response_due_at__lt=now or timezone.now())


class Lead(models.Model):
    """A sales opportunity with one contact, worked through the pipeline by its owner."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        QUALIFIED = "qualified", "Qualified"
        QUOTED = "quoted", "Quoted"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        SPAM = "spam", "Spam"

    OPEN_STATUSES = [Status.NEW, Status.CONTACTED, Status.QUALIFIED, Status.QUOTED]

    # The API names leads by this, never by the sequential id, so an id says nothing about others.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="leads")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="leads")
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        help_text="The partner that pushed it through the API; empty for the website and staff.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_leads"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    country = CountryField(blank=True)
    devices = models.ManyToManyField(Device, related_name="leads", blank=True)
    lost_reason = models.TextField(blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    response_due_at = models.DateTimeField(
        null=True, blank=True, help_text="When a new lead becomes overdue (working hours after arrival)."
    )
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]
        constraints = [
            # The dedupe rule, enforced even when two requests from one address race: one open lead per
            # contact for the vendor's own channels, and one per contact and partner (a partner's deal is its own).
            models.UniqueConstraint(
                fields=["contact"],
                condition=Q(status__in=["new", "contacted", "qualified", "quoted"], partner__isnull=True),
                name="lead_one_open_per_contact",
            ),
            models.UniqueConstraint(
                fields=["contact", "partner"],
                condition=Q(status__in=["new", "contacted", "qualified", "quoted"], partner__isnull=False),
                name="lead_one_open_per_contact_partner",
            ),
            models.CheckConstraint(
                condition=~Q(status="lost") | ~Q(lost_reason=""),
                name="lead_lost_has_reason",
                violation_error_message="A lost lead needs a reason.",
            ),
        ]
        indexes = [
            # The overdue list and the admin's overdue filter: status = new and due before now.
            models.Index(fields=["status", "response_due_at"], name="lead_status_due_idx"),
            # "My open leads" on the dashboard.
            models.Index(fields=["owner", "status"], name="lead_owner_status_idx"),
        ]

    def __str__(self):
        return f"{self.clinic.name} ({self.contact.name})"

    def get_absolute_url(self):
        return reverse("quotes:lead-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.NEW and self.response_due_at is not None and self.response_due_at < now


class ConsultationRequest(models.Model):
    """What a buyer sent from a form or through the API, kept as sent."""

    class Source(models.TextChoices):
        FORM = "form", "Website form"
        API = "api", "API"

    class Timeline(models.TextChoices):
        NOW = "now", "Ready to buy now"
        QUARTER = "3_months", "Within 3 months"
        HALF_YEAR = "6_months", "Within 6 months"
        YEAR = "12_months", "Within a year"
        RESEARCH = "researching", "Just researching"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        WHATSAPP = "whatsapp", "WhatsApp"
        VIDEO = "video", "Video call"

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", "Filled the hidden field"
        TOO_FAST = "too_fast", "Sent faster than a person can type"
        NO_TOKEN = "no_token", "Posted without loading the form"
        LINKS = "links", "Links in the text"

    reference = models.CharField(max_length=16, unique=True, default=reference_new, editable=False)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_requests",
        help_text="The partner whose key pushed it; empty for the website form and anonymous API calls.",
    )
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests")
    name = models.CharField(max_length=120)
    clinic_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True, help_text="E.164, for example: +34612345678")
    country = CountryField()
    devices = models.ManyToManyField(Device, related_name="consultation_requests", blank=True)
    treatments = models.ManyToManyField(Treatment, related_name="consultation_requests", blank=True)
    timeline = models.CharField(max_length=12, choices=Timeline.choices, blank=True)
    message = models.TextField(blank=True)
    preferred_channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    consent = models.BooleanField(help_text="The buyer agreed to be contacted about this request.")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    page_url = models.CharField(max_length=500, blank=True, help_text="For example: /devices/co2-fractional-60w/")
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    # Held out of the pipeline: only a certain bot (the hidden field filled).
    spam_reason = models.CharField(max_length=10, choices=SpamReason.choices, blank=True)
    # Routed like any request, but a person should look before replying: a hurried or unusual
    # buyer trips these signals too, and must not be lost.
    review_reason = models.CharField(
        max_length=10,
        choices=SpamReason.choices,
        blank=True,
        help_text="Why to check the request before replying, for example: Links in the text.",
    )
    idempotency_key = models.CharField(max_length=255, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A retried API POST with the same Idempotency-Key finds the first request here; keys are
            # per partner (two partners may pick the same key), anonymous callers share one space.
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~Q(idempotency_key="") & Q(partner__isnull=True),
                name="consultation_unique_idempotency_key",
            ),
            models.UniqueConstraint(
                fields=["partner", "idempotency_key"],
                condition=~Q(idempotency_key="") & Q(partner__isnull=False),
                name="consultation_unique_partner_idempotency_key",
            ),
        ]
        indexes = [
            # The per-IP and per-email rate limits count recent rows.
            models.Index(fields=["ip_address", "created_at"], name="consultation_ip_recent_idx"),
            models.Index(fields=["email", "created_at"], name="consultation_email_recent_idx"),
        ]

    def __str__(self):
        return f"{self.reference} from {self.clinic_name}"

    @property
    def is_spam(self) -> bool:
        return bool(self.spam_reason)

    @property
    def phone_display(self) -> str:
        return phone_display(self.phone)

    @property
    def utm(self) -> dict[str, str]:
        keys = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"]
        return {k: getattr(self, k) for k in keys if getattr(self, k)}


class Notification(models.Model):
    """An email the system owes someone: the outbox row, written with its cause and sent once.

    pending -> queued (handed to the broker) -> sending (claimed by one worker) -> sent,
    or failed after the last retry, with the reason. The relay re-queues rows the broker
    lost; staff put failed ones back. What the email says is fixed when it is owed: its
    template and the plain values it shows (`context`); a quotation also carries the PDF
    of its revision, which it waits for.
    """

    class Kind(models.TextChoices):
        CLINIC_CONFIRMATION = "clinic_confirmation", "Confirmation to the clinic"
        OWNER_ALERT = "owner_alert", "New request alert to the owner"
        QUOTE_SENT = "quote_sent", "Quotation to the clinic"
        QUOTE_ACCEPTED = "quote_accepted", "Acceptance notice to the owner"
        QUOTE_DECLINED = "quote_declined", "Decline notice to the owner"
        QUOTE_VIEWED = "quote_viewed", "First-view notice to the owner"
        QUOTE_RECEIPT = "quote_receipt", "Acceptance receipt to the clinic"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="notifications")
    consultation_request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    quote = models.ForeignKey("Quote", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    revision = models.ForeignKey(
        "QuoteRevision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        help_text="The quotation revision whose PDF the email carries.",
    )
    recipient = models.EmailField()
    reply_to = models.EmailField(blank=True)
    template = models.CharField(max_length=100, help_text="For example: emails/quote_sent")
    context = models.JSONField(default=dict, help_text="The plain values the email shows, as they were when owed.")
    subject = models.CharField(max_length=300, blank=True, help_text="As sent.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    publish_attempts = models.PositiveIntegerField(default=0)
    publish_error = models.CharField(max_length=500, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    send_attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # The relay sweep: rows not yet sent, oldest first.
            models.Index(fields=["status", "created_at"], name="notification_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(revision__isnull=True) | Q(quote__isnull=False), name="notification_revision_has_quote"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"


class Activity(models.Model):
    """One entry on a lead's timeline: a request, a status change, a note, an email, an assignment."""

    class Kind(models.TextChoices):
        REQUEST = "request", "Request"
        STATUS = "status", "Status change"
        NOTE = "note", "Note"
        EMAIL = "email", "Email"
        ASSIGNMENT = "assignment", "Assignment"
        QUOTE = "quote", "Quote"

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_activities",
        help_text="Who did it; empty for the buyer or the system.",
    )
    consultation_request = models.ForeignKey(
        ConsultationRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    quote = models.ForeignKey(
        "Quote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text="The quote the entry is about, if any.",
    )
    from_status = models.CharField(max_length=12, choices=Lead.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Lead.Status.choices, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            # A lead's timeline, newest first; the dashboard's latest activity.
            models.Index(fields=["lead", "-created_at"], name="activity_lead_recent_idx"),
            models.Index(fields=["-created_at"], name="activity_recent_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on lead {self.lead_id}"


# --- Quotes ------------------------------------------------------------------------------


class QuoteNumberSequence(models.Model):
    """The last quote number given out in a year: one row per year, locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class QuoteQuerySet(models.QuerySet):
    def with_stage(self):
        """Annotate `stage_value`: the status staff follow a quote by (see Quote.Stage), computed as Quote.stage is."""
        return self.annotate(
            stage_value=models.Case(
                models.When(status="draft", approval="pending", then=models.Value("pending_approval")),
                models.When(status="sent", first_viewed_at__isnull=False, then=models.Value("viewed")),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )


class Quote(models.Model):
    """An offer to a clinic for configured devices; sent revisions are frozen in QuoteRevision."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATUSES = [Status.DRAFT, Status.SENT]

    class Stage(models.TextChoices):
        """The status as the sales lists show it: a draft waiting for approval and a sent quote the clinic opened
        are stages of their own (QuoteQuerySet.with_stage and Quote.stage say which)."""

        DRAFT = "draft", "Draft"
        PENDING_APPROVAL = "pending_approval", "Pending approval"
        SENT = "sent", "Sent"
        VIEWED = "viewed", "Viewed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Incoterm(models.TextChoices):
        EXW = "EXW", "EXW (ex works)"
        FCA = "FCA", "FCA (free carrier)"
        FOB = "FOB", "FOB (free on board)"
        CFR = "CFR", "CFR (cost and freight)"
        CIF = "CIF", "CIF (cost, insurance and freight)"
        CPT = "CPT", "CPT (carriage paid to)"
        CIP = "CIP", "CIP (carriage and insurance paid to)"
        DAP = "DAP", "DAP (delivered at place)"
        DPU = "DPU", "DPU (delivered at place unloaded)"
        DDP = "DDP", "DDP (delivered duty paid)"

    class Approval(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        PENDING = "pending", "Waiting for a sales manager"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused by a sales manager"

    # The API names quotes by this; `number` stays the human reference.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="quotes")
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The partner whose lead it answers (it sees the quote through the API); empty otherwise.",
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="quotes")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="quotes")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_quotes"
    )
    number = models.CharField(max_length=20, unique=True, editable=False, help_text="For example: Q-2026-00042")
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    revision = models.PositiveSmallIntegerField(default=1, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    currency = models.CharField(max_length=3, default="USD", help_text="ISO code, for example: USD")
    valid_until = models.DateField()
    incoterm = models.CharField(max_length=3, choices=Incoterm.choices, default=Incoterm.FOB)
    incoterm_place = models.CharField(max_length=120, blank=True, help_text="For example: Port of Shanghai")
    freight = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    payment_terms = models.CharField(
        max_length=300, default="30% with the order, 70% before shipment, by bank transfer."
    )
    tax_rate = models.DecimalField(
        "tax rate (%)", max_digits=5, decimal_places=2, default=Decimal("0"), help_text="For example: 21"
    )
    deposit_percent = models.DecimalField(
        "deposit (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        help_text="Share of the total paid with the order; the balance is due before dispatch. For example: 30",
    )
    notes = models.TextField("notes to the buyer", blank=True, max_length=2000)
    approval = models.CharField(max_length=12, choices=Approval.choices, default=Approval.NOT_NEEDED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    refused_reason = models.TextField(
        blank=True, max_length=2000, help_text="Why a sales manager refused the discounts, for example: below cost."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # The buyer's views of the revision with the clinic (reset when the next one is sent).
    first_viewed_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    # The acceptance evidence: who typed their name, when, from where, against which revision's content.
    accepted_name = models.CharField(max_length=160, blank=True)
    accepted_po_number = models.CharField(
        "purchase-order number", max_length=60, blank=True, help_text="The clinic's own, for example: PO-2026-118"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_ip = models.GenericIPAddressField(null=True, blank=True)
    accepted_revision_hash = models.CharField(
        max_length=64, blank=True, help_text="The content hash of the revision the clinic accepted."
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_reason = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("approve_quote", "Can approve quote discounts above the threshold")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="quote_unique_number_in_year"),
            models.CheckConstraint(condition=Q(freight__gte=0), name="quote_freight_not_negative"),
            models.CheckConstraint(condition=Q(tax_rate__gte=0, tax_rate__lte=100), name="quote_tax_rate_percent"),
            models.CheckConstraint(
                condition=Q(deposit_percent__gte=0, deposit_percent__lte=100), name="quote_deposit_percent"
            ),
        ]
        indexes = [
            # The expiry sweep: sent quotes past their validity date.
            models.Index(fields=["status", "valid_until"], name="quote_status_valid_idx"),
            # The quotes list and Today: a salesperson's own quotes by status.
            models.Index(fields=["owner", "status"], name="quote_owner_status_idx"),
        ]

    def __str__(self):
        return f"{self.number} rev. {self.revision}"

    def get_absolute_url(self):
        return reverse("quotes:quote-detail", kwargs={"pk": self.pk})

    @property
    def stage(self) -> str:
        """The stage of this row (the annotation when the queryset made it, else the same rule in Python)."""
        annotated = getattr(self, "stage_value", None)
        if annotated:
            return annotated
        if self.status == self.Status.DRAFT and self.approval == self.Approval.PENDING:
            return self.Stage.PENDING_APPROVAL
        if self.status == self.Status.SENT and self.first_viewed_at is not None:
            return self.Stage.VIEWED
        return self.status

    def get_stage_display(self) -> str:
        return self.Stage(self.stage).label

    @property
    def is_editable(self) -> bool:
        """Whether the quote may change (a sent, declined, expired or withdrawn one starts a new revision)."""
        return self.status != self.Status.ACCEPTED

    def is_expired(self, *, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.EXPIRED or (self.status == self.Status.SENT and self.valid_until < today)


class QuoteLine(models.Model):
    """A configured device on a quote: the device, chosen options, quantity and discount."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=1)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="quote_lines")
    options = models.ManyToManyField("catalog.DeviceOption", related_name="quote_lines", blank=True)
    quantity = models.PositiveIntegerField(default=1)
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    unit_price_override = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Replaces the list or tier price of the device (options are added on top).",
    )
    override_reason = models.CharField(max_length=200, blank=True)
    discontinued_confirmed = models.BooleanField(
        default=False, help_text="Staff confirmed quoting a discontinued model (spares, a last unit)."
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    treatments_per_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Treatments the clinic expects to give per week with these devices, for the running costs "
        "and payback; for example: 12. Empty: no forecast.",
    )
    price_per_treatment = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the clinic charges per treatment, for the payback; empty: the device's typical price.",
    )

    class Meta:
        ordering = ["quote", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="quoteline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0, discount_percent__lte=100), name="quoteline_discount_percent"
            ),
            models.CheckConstraint(
                condition=Q(unit_price_override__isnull=True) | Q(unit_price_override__gte=0),
                name="quoteline_override_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price_per_treatment__isnull=True) | Q(price_per_treatment__gte=0),
                name="quoteline_treatment_price_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.device}"


class QuoteRevision(models.Model):
    """One version of a quote as the buyer sees it: a frozen snapshot and its rendered PDF.

    pdf_status: queued -> rendering (claimed by one worker) -> ready | failed (with a reason).
    A revision is frozen once sent; editing the quote afterwards starts the next revision.
    """

    class PdfStatus(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField(default=dict, help_text="Everything the document shows, as shown.")
    content_hash = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="quotes/", blank=True, max_length=200)
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED)
    pdf_error = models.CharField(max_length=500, blank=True)
    pdf_size = models.PositiveIntegerField(null=True, blank=True)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_hash = models.CharField(
        max_length=64, blank=True, help_text="The content hash the stored PDF was rendered from."
    )
    render_task_id = models.CharField(max_length=64, blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    render_requested_at = models.DateTimeField(null=True, blank=True)
    render_started_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["quote", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "number"], name="quoterevision_unique_number"),
        ]
        indexes = [
            # The sweep: renders that were asked for but never finished.
            models.Index(fields=["pdf_status", "render_requested_at"], name="quoterevision_pdf_idx"),
        ]

    def __str__(self):
        return f"{self.quote.number} rev. {self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.sent_at is not None

    @property
    def pdf_ready(self) -> bool:
        return self.pdf_status == self.PdfStatus.READY and bool(self.pdf) and self.pdf_hash == self.content_hash
