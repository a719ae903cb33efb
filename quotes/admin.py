"""Admin for sales staff: leads with bulk actions, requests as sent, contacts, territories, the outbox, quotes."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from catalog.models import Device
from quotes import errors, formats, pricing
from quotes.leads import intake, notifications, pipeline
from quotes.leads import selectors as leads_selectors
from quotes.models import (
    Activity,
    Clinic,
    ConsultationRequest,
    Contact,
    Lead,
    Notification,
    Quote,
    QuoteLine,
    QuoteRevision,
    Territory,
)
from quotes.quoting import drafts, rendering, sending
from quotes.quoting import selectors as quoting_selectors


def _flat(row) -> list[str]:
    return list(row) if isinstance(row, tuple) else [row]


class LeadActionForm(ActionForm):
    """Extra inputs beside the action menu, used by the assign and change-status actions."""

    owner = forms.ModelChoiceField(queryset=None, required=False, label="Owner", empty_label="(choose an owner)")
    status = forms.ChoiceField(choices=[("", "(choose a status)"), *Lead.Status.choices], required=False)
    reason = forms.CharField(required=False, label="Reason (for lost)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = leads_selectors.sales_staff()


class OverdueFilter(admin.SimpleListFilter):
    title = "first response"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "On time")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.overdue(now=now)
        if self.value() == "no":
            return queryset.exclude(pk__in=Lead.objects.overdue(now=now).values("pk"))
        return queryset


class HeldAsSpamFilter(admin.SimpleListFilter):
    title = "held as spam"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("spam", "Held as spam, not in the pipeline")]

    def queryset(self, request, queryset):
        if self.value() == "spam":
            return queryset.filter(lead__isnull=True).exclude(spam_reason="")
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ActivityInline(ReadOnlyInline):
    model = Activity
    fields = ["created_at", "kind", "actor", "from_status", "to_status", "body"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class RequestInline(ReadOnlyInline):
    model = ConsultationRequest
    fk_name = "lead"
    fields = ["reference", "created_at", "source", "timeline", "preferred_channel", "message"]
    readonly_fields = fields


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["lead", "country", "owner", "status", "overdue", "device_names", "created_at", "last_activity_at"]
    list_filter = ["status", "owner", "country", OverdueFilter, "partner", "devices"]
    list_select_related = ["clinic", "contact", "owner"]
    search_fields = [
        "clinic__name",
        "contact__name",
        "contact__email",
        "contact__phone",
        "requests__reference",
    ]
    date_hierarchy = "created_at"
    action_form = LeadActionForm
    actions = ["assign", "mark_spam", "change_status"]
    inlines = [RequestInline, ActivityInline]
    fields = [
        ("clinic", "contact"),
        ("status", "owner"),
        ("country", "partner"),
        "devices",
        "lost_reason",
        ("created_at", "assigned_at", "response_due_at", "first_response_at", "last_activity_at"),
        "dashboard_link",
    ]
    # Status and owner change through the actions and the dashboard, which record who and when.
    readonly_fields = [
        "clinic",
        "contact",
        "status",
        "owner",
        "country",
        "partner",
        "lost_reason",
        "created_at",
        "assigned_at",
        "response_due_at",
        "first_response_at",
        "last_activity_at",
        "dashboard_link",
    ]
    filter_horizontal = ["devices"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("devices", queryset=Device.objects.order_by("name").only("id", "name")))
        )

    def has_add_permission(self, request):
        return False  # leads come from requests

    @admin.display(description="lead", ordering="clinic__name")
    def lead(self, obj):
        return f"{obj.clinic.name} · {obj.contact.name}"

    @admin.display(description="devices")
    def device_names(self, obj):
        return ", ".join(d.name for d in obj.devices.all()) or "—"

    @admin.display(description="overdue", boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()

    @admin.display(description="sales dashboard")
    def dashboard_link(self, obj):
        return format_html('<a href="{}">Open the lead page</a>', reverse("quotes:lead-detail", kwargs={"pk": obj.pk}))

    @admin.action(description="Assign selected leads to the chosen owner", permissions=["change"])
    def assign(self, request, queryset):
        owner = LeadActionForm(request.POST).fields["owner"].queryset.filter(pk=request.POST.get("owner") or 0).first()
        if owner is None:
            self.message_user(request, "Choose an owner beside the action menu first.", messages.ERROR)
            return
        leads = list(queryset.select_related("owner", "clinic", "contact"))
        for lead in leads:
            pipeline.lead_assign(lead=lead, owner=owner, actor=request.user)
        self.message_user(
            request, f"{len(leads)} lead{'s' if len(leads) != 1 else ''} assigned to {formats.person_label(owner)}."
        )

    @admin.action(description="Mark selected leads as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._change_status(request, queryset, Lead.Status.SPAM, "")

    @admin.action(description="Change selected leads to the chosen status", permissions=["change"])
    def change_status(self, request, queryset):
        status = request.POST.get("status", "")
        if status not in Lead.Status.values:
            self.message_user(request, "Choose a status beside the action menu first.", messages.ERROR)
            return
        self._change_status(request, queryset, status, request.POST.get("reason", ""))

    def _change_status(self, request, queryset, status, reason):
        leads = list(queryset.select_related("clinic", "contact"))
        # Through the quotes' side: a lead lost or marked spam withdraws its open quotes.
        moved, problems = sending.leads_move(leads=leads, to_status=status, actor=request.user, reason=reason)
        label = Lead.Status(status).label.lower()
        if moved:
            self.message_user(request, f"{moved} lead{'s' if moved != 1 else ''} moved to {label}.", messages.SUCCESS)
        for problem in problems:
            self.message_user(request, problem, messages.WARNING)


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "created_at",
        "clinic_name",
        "name",
        "email",
        "country",
        "source",
        "spam_reason",
        "review_reason",
    ]
    list_filter = [
        HeldAsSpamFilter,
        "source",
        "partner",
        "spam_reason",
        "review_reason",
        "country",
        "preferred_channel",
        "timeline",
        "utm_source",
        "devices",
    ]
    search_fields = ["reference", "email", "name", "clinic_name", "phone"]
    date_hierarchy = "created_at"
    actions = ["accept"]
    # A request is kept as the buyer sent it: nothing here is editable.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("reference", "created_at", "source", "partner"),
                    ("lead", "contact"),
                    ("spam_reason", "review_reason"),
                ]
            },
        ),
        ("Buyer", {"fields": [("name", "clinic_name"), ("email", "phone", "country"), "consent"]}),
        (
            "Request",
            {"fields": ["devices", "treatments", ("timeline", "preferred_channel"), "message"]},
        ),
        (
            "Origin",
            {
                "fields": [
                    "page_url",
                    ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"),
                    ("ip_address", "user_agent"),
                    ("idempotency_key", "request_fingerprint"),
                ]
            },
        ),
    ]
    readonly_fields = [name for _title, opts in fieldsets for row in opts["fields"] for name in _flat(row)]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description="Not spam: take selected requests into the pipeline", permissions=["change"])
    def accept(self, request, queryset):
        accepted = 0
        for consultation in queryset.filter(lead__isnull=True).exclude(spam_reason=""):
            try:
                intake.consultation_accept(consultation=consultation, actor=request.user)
                accepted += 1
            except errors.LeadStateError as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{accepted} request{'s' if accepted != 1 else ''} taken into the pipeline.")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "clinic", "country", "created_at"]
    list_select_related = ["clinic"]
    search_fields = ["name", "email", "phone", "clinic__name"]
    list_filter = ["country"]
    readonly_fields = ["email", "created_at", "updated_at"]


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "created_at"]
    search_fields = ["name", "contacts__email"]
    list_filter = ["country"]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "country_list"]
    list_select_related = ["owner"]

    @admin.display(description="countries")
    def country_list(self, obj):
        return ", ".join(c.code for c in obj.countries)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = leads_selectors.sales_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: every email the system owes, its state and, when it failed, why; failed ones can be retried."""

    list_display = ["created_at", "kind", "recipient", "quote", "status", "send_attempts", "sent_at", "error"]
    list_filter = ["status", "kind"]
    list_select_related = ["quote"]
    search_fields = ["recipient", "consultation_request__reference", "quote__number", "subject"]
    actions = ["retry"]
    readonly_fields = [f.name for f in Notification._meta.get_fields() if f.concrete and f.name != "id"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send selected failed emails again", permissions=["change"])
    def retry(self, request, queryset):
        count = notifications.notifications_retry(notification_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} email{'s' if count != 1 else ''} back in the outbox.")


# --- Quotes ----------------------------------------------------------------------------------


class QuoteEmailInline(ReadOnlyInline):
    """The quote's emails in the outbox: the quotation to the clinic and the notices of its answer."""

    model = Notification
    fk_name = "quote"
    fields = ["created_at", "kind", "recipient", "status", "send_attempts", "sent_at", "error"]
    readonly_fields = fields
    verbose_name_plural = "emails"


class QuoteLineInline(ReadOnlyInline):
    model = QuoteLine
    fields = ["position", "device", "option_names", "quantity", "discount_percent", "manual_price"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("device", "override_by").prefetch_related("options")

    @admin.display(description="options")
    def option_names(self, obj):
        return ", ".join(option.name for option in obj.options.all()) or "—"

    @admin.display(description="manual unit price")
    def manual_price(self, obj):
        if obj.unit_price_override is None:
            return "—"
        who = f", {formats.person_label(obj.override_by)}" if obj.override_by else ""
        return f"{obj.unit_price_override} ({obj.override_reason or 'no reason given'}{who})"


class QuoteRevisionInline(ReadOnlyInline):
    model = QuoteRevision
    fields = ["number", "pdf_state", "pdf_link", "rendered_at", "sent_at", "sent_by"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sent_by")

    @admin.display(description="PDF")
    def pdf_state(self, obj):
        text = obj.get_pdf_status_display()
        return f"{text}: {obj.pdf_error}" if obj.pdf_error else text

    @admin.display(description="file")
    def pdf_link(self, obj):
        if not obj.pdf_ready:
            return "—"
        url = reverse("quotes:quote-pdf", kwargs={"pk": obj.quote_id, "number": obj.number})
        return format_html('<a href="{}">Download ({} pages)</a>', url, obj.pdf_pages or "?")


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """Quotes are read here and changed through actions and the sales editor, which go through
    the quoting use cases (numbering, approval, revisions, who set a manual price)."""

    list_display = ["number", "revision", "clinic", "owner", "status", "approval", "total", "valid_until", "pdf"]
    list_filter = [
        "status",
        "approval",
        "owner",
        "partner",
        "currency",
        "incoterm",
        ("valid_until", admin.DateFieldListFilter),
    ]
    search_fields = ["number", "clinic__name", "contact__name", "contact__email"]
    date_hierarchy = "created_at"
    actions = ["render_pdf", "send", "resend", "approve", "retry_emails"]
    inlines = [QuoteLineInline, QuoteRevisionInline, QuoteEmailInline]
    fieldsets = [
        (
            None,
            {"fields": [("number", "revision", "status"), ("lead", "clinic", "contact", "owner"), "partner", "links"]},
        ),
        (
            "Terms",
            {
                "fields": [
                    ("currency", "valid_until"),
                    ("incoterm", "incoterm_place"),
                    ("freight", "tax_rate", "deposit_percent"),
                    "payment_terms",
                    "notes",
                ]
            },
        ),
        ("Approval", {"fields": [("approval", "approved_by", "approved_at"), "refused_reason"]}),
        (
            "Answer",
            {
                "fields": [
                    ("sent_at", "first_viewed_at", "last_viewed_at", "view_count"),
                    ("accepted_name", "accepted_po_number", "accepted_at", "accepted_ip"),
                    "accepted_revision_hash",
                    ("declined_at", "declined_reason"),
                ]
            },
        ),
    ]
    readonly_fields = [name for _title, opts in fieldsets for row in opts["fields"] for name in _flat(row)]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # list_select_related is ignored once the queryset selects anything, so all here.
            .select_related("lead", "clinic", "contact", "owner", "approved_by")
            .prefetch_related(
                Prefetch("lines", queryset=QuoteLine.objects.select_related("device")),
                "lines__options",
                "lines__device__price_tiers",
                "revisions",
            )
        )

    def has_add_permission(self, request):
        return False  # quotes start from a lead, in the sales editor

    def has_change_permission(self, request, obj=None):
        # The change page is read-only (edits go through the editor); the actions need change.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # numbers are gap-free and sent quotes are records

    def has_approve_permission(self, request):
        return request.user.has_perm("quotes.approve_quote")

    @admin.display(description="total")
    def total(self, obj):
        return quoting_selectors.quote_total_text(quote=obj)

    @admin.display(description="PDF")
    def pdf(self, obj):
        current = next((r for r in obj.revisions.all() if r.number == obj.revision), None)
        return current.get_pdf_status_display() if current else "—"

    @admin.display(description="open")
    def links(self, obj):
        return format_html(
            '<a href="{}">The quote page</a> · <a href="{}">Edit in the quote editor</a> · <a href="{}">The lead</a>',
            obj.get_absolute_url(),
            reverse("quotes:quote-edit", kwargs={"pk": obj.pk}),
            obj.lead.get_absolute_url(),
        )

    def _each(self, request, queryset, run) -> int:
        done = 0
        for quote in queryset:
            try:
                run(quote)
                done += 1
            except errors.QuoteStateError as exc:
                self.message_user(request, f"{quote.number}: {exc}", messages.WARNING)
            except ValidationError as exc:
                self.message_user(request, f"{quote.number}: {' '.join(exc.messages)}", messages.WARNING)
            except pricing.PricingError as exc:  # the catalog changed under a draft
                self.message_user(request, f"{quote.number}: {exc} Edit the quote.", messages.WARNING)
        return done

    @admin.action(description="Render the PDF of the selected quotes", permissions=["change"])
    def render_pdf(self, request, queryset):
        done = self._each(request, queryset, lambda quote: rendering.quote_pdf_request(quote=quote))
        if done:
            plural = "s" if done != 1 else ""
            self.message_user(request, f"{done} PDF{plural} asked for; the quote pages show their progress.")

    @admin.action(description="Send the selected quotes to their clinics", permissions=["change"])
    def send(self, request, queryset):
        done = self._each(request, queryset, lambda quote: sending.quote_send(quote=quote, actor=request.user))
        if done:
            self.message_user(request, f"{done} quote{'s' if done != 1 else ''} sent; the emails leave with the PDFs.")

    @admin.action(description="Send the selected quotes to their clinics again", permissions=["change"])
    def resend(self, request, queryset):
        done = self._each(request, queryset, lambda quote: sending.quote_resend(quote=quote, actor=request.user))
        if done:
            self.message_user(request, f"{done} quote{'s' if done != 1 else ''} on their way again.")

    @admin.action(description="Retry the failed emails of the selected quotes", permissions=["retry_emails"])
    def retry_emails(self, request, queryset):
        failed = Notification.objects.filter(quote__in=queryset, status=Notification.Status.FAILED)
        count = notifications.notifications_retry(notification_ids=list(failed.values_list("pk", flat=True)))
        self.message_user(request, f"{count} email{'s' if count != 1 else ''} back in the outbox.")

    def has_retry_emails_permission(self, request):
        return request.user.has_perm("quotes.change_notification")

    @admin.action(description="Approve the discounts of the selected quotes", permissions=["approve"])
    def approve(self, request, queryset):
        done = self._each(request, queryset, lambda quote: drafts.quote_approve(quote=quote, actor=request.user))
        if done:
            self.message_user(request, f"Discounts approved on {done} quote{'s' if done != 1 else ''}.")
