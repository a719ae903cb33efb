"""Quote reads for the sales pages: the quote page, its revisions and emails, a lead's quotes, the editor's catalog."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from catalog.models import Device, DeviceOption
from catalog.money import format_money
from quotes import formats, pricing
from quotes.models import Lead, Notification, Quote, QuoteLine, QuoteRevision
from quotes.quoting import document
from quotes.quoting.lines import quote_totals


def device_price_hint(device: Device) -> str:
    """The prices a salesperson quotes from: "List price USD 23,500 · 3+ at USD 22,300" (tiers loaded)."""
    if device.price_on_request or device.list_price is None:
        return "Price on request: enter a manual unit price."
    tiers = [f"{t.min_quantity}+ at {format_money(t.unit_price, device.currency)}" for t in device.price_tiers.all()]
    return " · ".join([f"List price {device.price_label}", *tiers])


@dataclass
class RevisionStatus:
    """What the quote page and its status endpoint show of one revision."""

    number: int
    pdf_status: str  # queued, rendering, ready, failed
    pdf_status_label: str
    pdf_error: str
    pdf_url: str  # the staff download, when the PDF is ready
    pdf_pages: int | None
    pdf_size: int | None
    rendered_at: object
    sent_at: object
    sent_by: str
    email_id: int | None  # the latest email of this revision in the outbox
    email_status: str  # pending, queued, sending, sent, failed; "" before it was sent
    email_status_label: str
    email_error: str

    @property
    def pending(self) -> bool:
        """Something a worker is still doing: the page polls until it is done."""
        return self.pdf_status in ("queued", "rendering") or self.email_status in ("pending", "queued", "sending")

    @property
    def can_retry(self) -> bool:
        return self.pdf_status == QuoteRevision.PdfStatus.FAILED

    @property
    def can_retry_email(self) -> bool:
        return self.email_status == Notification.Status.FAILED

    def as_json(self) -> dict:
        return {
            "number": self.number,
            "pdf_status": self.pdf_status,
            "pdf_status_label": self.pdf_status_label,
            "pdf_error": self.pdf_error,
            "pdf_url": self.pdf_url,
            "pdf_pages": self.pdf_pages,
            "pdf_size": self.pdf_size,
            "email_status": self.email_status,
            "email_status_label": self.email_status_label if self.email_status else "",
            "email_error": self.email_error,
            "pending": self.pending,
            "can_retry": self.can_retry,
            "can_retry_email": self.can_retry_email,
        }


def revision_status(*, revision: QuoteRevision, email: Notification | None = None) -> RevisionStatus:
    """One revision as the quote page shows it; `email` is its latest quotation email, if it was sent."""
    ready = revision.pdf_ready
    email_label = ""
    if email is not None:
        waiting = email.status in (Notification.Status.PENDING, Notification.Status.QUEUED) and not ready
        email_label = "Waiting for the PDF" if waiting else email.get_status_display()
    return RevisionStatus(
        number=revision.number,
        pdf_status=revision.pdf_status,
        pdf_status_label=revision.get_pdf_status_display(),
        pdf_error=revision.pdf_error,
        pdf_url=reverse("quotes:quote-pdf", kwargs={"pk": revision.quote_id, "number": revision.number})
        if ready
        else "",
        pdf_pages=revision.pdf_pages if ready else None,
        pdf_size=revision.pdf_size if ready else None,
        rendered_at=revision.rendered_at,
        sent_at=revision.sent_at,
        sent_by=(revision.sent_by.get_full_name() or revision.sent_by.get_username()) if revision.sent_by else "",
        email_id=email.pk if email is not None else None,
        email_status=email.status if email is not None else "",
        email_status_label=email_label,
        email_error=email.error if email is not None and email.status == Notification.Status.FAILED else "",
    )


def _quote_emails() -> Prefetch:
    """Each revision's quotation emails, newest first, as `revision.quote_emails` (one query)."""
    emails = Notification.objects.filter(kind=Notification.Kind.QUOTE_SENT).order_by("-created_at", "-id")
    return Prefetch("notifications", queryset=emails, to_attr="quote_emails")


def _latest_email(revision: QuoteRevision) -> Notification | None:
    return revision.quote_emails[0] if revision.quote_emails else None


def _current(revisions, number: int) -> QuoteRevision | None:
    return next((r for r in revisions if r.number == number), None)


def quote_total_amount(*, quote: Quote) -> Decimal | None:
    """The total the buyer saw (a sent revision's snapshot) or, for a draft, at today's prices; None if it
    cannot be priced. Uses the quote's prefetched revisions, lines, options and price tiers when there are."""
    current = _current(quote.revisions.all(), quote.revision)
    if current is not None and current.is_frozen and current.snapshot.get("totals"):
        return formats.money_parse(current.snapshot["totals"]["total"])
    try:
        return quote_totals(quote=quote).total
    except pricing.PricingError:
        return None


def quote_total_text(*, quote: Quote) -> str:
    """The quote's total as the sales pages print it: "USD 87,622.15", or a dash when it cannot be priced."""
    amount = quote_total_amount(quote=quote)
    if amount is None:
        return "—"
    return f"{quote.currency} {formats.money_text(amount, quote.currency)}"


def quote_rows_prefetch(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    """Quotes ready for a list row with their total: lines, options, tiers, revisions (five queries with the quotes)."""
    return quotes.prefetch_related(
        Prefetch("lines", queryset=QuoteLine.objects.select_related("device")),
        "lines__options",
        "lines__device__price_tiers",
        Prefetch("revisions", queryset=QuoteRevision.objects.select_related("sent_by")),
    )


@dataclass
class LeadQuoteRow:
    quote: Quote
    total: str
    pdf: RevisionStatus | None  # the current revision's PDF; None before the first render


def lead_quotes(*, lead: Lead) -> list[LeadQuoteRow]:
    """The lead's quotes, newest first, with totals and PDF status (five queries, one without quotes)."""
    quotes = quote_rows_prefetch(Quote.objects.filter(lead=lead).order_by("-created_at", "-id"))
    rows = []
    for quote in quotes:
        current = _current(quote.revisions.all(), quote.revision)
        rows.append(
            LeadQuoteRow(
                quote=quote,
                total=quote_total_text(quote=quote),
                pdf=revision_status(revision=current) if current is not None else None,
            )
        )
    return rows


def quote_get(*, pk: int) -> Quote:
    """One quote with who it is for, for actions and the status endpoint."""
    try:
        return Quote.objects.select_related(
            "lead__clinic", "lead__contact", "clinic", "contact", "owner", "approved_by"
        ).get(pk=pk)
    except Quote.DoesNotExist as exc:
        raise Http404("No such quote") from exc


def quote_revision_statuses(*, quote: Quote) -> list[RevisionStatus]:
    """Every revision of the quote, newest first (one query; polled, so without the snapshots)."""
    revisions = (
        QuoteRevision.objects.filter(quote=quote)
        .select_related("sent_by")
        .prefetch_related(_quote_emails())
        .defer("snapshot")
        .order_by("-number")
    )
    return [revision_status(revision=revision, email=_latest_email(revision)) for revision in revisions]


@dataclass
class QuotePage:
    quote: Quote
    shown: dict | None  # lines and totals as the document shows them (see document.quote_snapshot)
    shown_is_sent: bool  # shown is the frozen snapshot the clinic received
    price_problem: str  # why a draft cannot be priced with today's catalog, if it cannot
    lines: list[QuoteLine]  # the current lines, for manual prices and their reasons
    revisions: list[RevisionStatus]
    current: RevisionStatus | None
    pdf_outdated: bool  # the current draft changed since its PDF was rendered

    @property
    def pending(self) -> bool:
        return any(revision.pending for revision in self.revisions)


def quote_get_for_page(*, pk: int) -> QuotePage:
    """The quote page: lines and totals as the PDF shows them, revisions with PDF and email status.

    A constant number of queries: the quote, its revisions, its lines with their manual
    prices, and for a draft the snapshot's own (see document.quote_snapshot: fixed in the lines).
    """
    quote = quote_get(pk=pk)
    revisions = list(
        QuoteRevision.objects.filter(quote=quote)
        .select_related("sent_by")
        .prefetch_related(_quote_emails())
        .order_by("-number")
    )
    current = _current(revisions, quote.revision)
    lines = list(quote.lines.select_related("device", "override_by").order_by("position", "id"))
    shown, price_problem, outdated = None, "", False
    if current is not None and current.is_frozen:
        shown = current.snapshot
    elif lines:
        try:
            shown = document.quote_snapshot(quote=quote)
        except pricing.PricingError as exc:
            price_problem = str(exc)
        else:
            outdated = bool(current and current.pdf_hash and document.snapshot_hash(shown) != current.pdf_hash)
    return QuotePage(
        quote=quote,
        shown=shown,
        shown_is_sent=bool(current and current.is_frozen),
        price_problem=price_problem,
        lines=lines,
        revisions=[revision_status(revision=r, email=_latest_email(r)) for r in revisions],
        current=revision_status(revision=current, email=_latest_email(current)) if current is not None else None,
        pdf_outdated=outdated,
    )


@dataclass
class EditorCatalog:
    """The devices a quote line can offer, and the full rows of those the lines use."""

    choices: list[tuple[str, list[tuple[int, str]]]]  # (family, [(device id, label)]) for the picker
    devices: dict[int, Device]  # with family, options and price tiers loaded

    def options_of(self, device_id: int | None) -> list[DeviceOption]:
        device = self.devices.get(device_id)
        return list(device.options.all()) if device is not None else []


def quote_editor_catalog(*, device_ids: Iterable[int] = ()) -> EditorCatalog:
    """Published devices grouped by family for the picker (plus any already on the quote), and
    the devices in `device_ids` with their options and tiers: four queries whatever the size."""
    device_ids = {pk for pk in device_ids if pk}
    picker = (
        # Discontinued models stay pickable (spares, a last unit): their line asks for a confirmation.
        Device.objects.filter(
            Q(status__in=[Device.Status.PUBLISHED, Device.Status.DISCONTINUED]) | Q(pk__in=device_ids)
        )
        .select_related("family")
        .only("id", "name", "status", "list_price", "currency", "price_on_request", "family__name", "family__order")
        .order_by("family__order", "family__name", "name")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for device in picker:
        label = f"{device.name} · {device.price_label}"
        if device.status != Device.Status.PUBLISHED:
            label += f" ({device.get_status_display().lower()})"
        groups.setdefault(device.family.name, []).append((device.pk, label))
    devices = {}
    if device_ids:
        devices = {
            device.pk: device
            for device in Device.objects.filter(pk__in=device_ids)
            .select_related("family", "successor")
            .prefetch_related("options", "price_tiers")
        }
    return EditorCatalog(choices=list(groups.items()), devices=devices)


def quote_device_options(*, pk: int) -> Device:
    """A device a quote line may use, with its options and tiers (for the editor's option list)."""
    try:
        return Device.objects.listed().select_related("successor").prefetch_related("options", "price_tiers").get(pk=pk)
    except Device.DoesNotExist as exc:
        raise Http404("No such device") from exc


def pdf_render_counts() -> dict[str, int]:
    """Quote revisions by PDF status (one query): renders waiting, running, ready and failed."""
    counts = {status: 0 for status in QuoteRevision.PdfStatus.values}
    for row in QuoteRevision.objects.values("pdf_status").annotate(n=Count("id")).order_by():
        counts[row["pdf_status"]] = row["n"]
    return counts
