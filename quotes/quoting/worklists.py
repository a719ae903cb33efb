"""Reads for the sales workspace: the quotes list and its export, the pipeline board, Today, approvals.

Each read costs a fixed number of queries whatever the number of rows (tests compare one row
with many, every related row present).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from quotes import formats, pricing
from quotes.leads import selectors as leads_selectors
from quotes.models import Lead, Notification, Quote, QuoteRevision
from quotes.quoting import selectors
from quotes.quoting.lines import line_data, line_effective_discount, lines_totals

BOARD_CARDS_PER_COLUMN = 20
TODAY_LIST_LIMIT = 10
EXPIRING_DAYS = 7
RECENT_BUYER_DAYS = 7
# The board's columns: every status but spam (spam is reviewed from the leads list).
BOARD_STATUSES = [status for status in Lead.Status.values if status != Lead.Status.SPAM]


def quotes_for_list() -> QuerySet[Quote]:
    """Every quote with its stage, clinic, contact, owner and lead, newest first (filters narrow it)."""
    return (
        Quote.objects.with_stage().select_related("clinic", "contact", "owner", "lead").order_by("-created_at", "-id")
    )


@dataclass
class QuoteRow:
    quote: Quote
    total: Decimal | None
    total_text: str


def quote_rows(*, quotes) -> list[QuoteRow]:
    """A page (or all) of the filtered quotes with their totals: four more queries whatever the count."""
    rows = []
    for quote in selectors.quote_rows_prefetch(quotes):
        amount = selectors.quote_total_amount(quote=quote)
        text = f"{quote.currency} {formats.money_text(amount, quote.currency)}" if amount is not None else "—"
        rows.append(QuoteRow(quote=quote, total=amount, total_text=text))
    return rows


QUOTES_CSV_HEADER = [
    "number",
    "revision",
    "clinic",
    "contact",
    "email",
    "owner",
    "status",
    "currency",
    "total",
    "valid_until",
    "sent_at",
    "last_buyer_view",
    "views",
    "accepted_at",
    "purchase_order",
]


def quotes_csv_rows(*, rows: list[QuoteRow]) -> list[list[str]]:
    """The quotes list as CSV cells (times in ISO 8601 with their offset)."""

    def when(value: datetime | None) -> str:
        return timezone.localtime(value).isoformat(timespec="seconds") if value else ""

    return [
        [
            row.quote.number,
            str(row.quote.revision),
            row.quote.clinic.name,
            row.quote.contact.name,
            row.quote.contact.email,
            formats.person_label(row.quote.owner) if row.quote.owner else "",
            row.quote.get_stage_display(),
            row.quote.currency,
            str(row.total) if row.total is not None else "",
            row.quote.valid_until.isoformat(),
            when(row.quote.sent_at),
            when(row.quote.last_viewed_at),
            str(row.quote.view_count),
            when(row.quote.accepted_at),
            row.quote.accepted_po_number,
        ]
        for row in rows
    ]


# --- The pipeline board ----------------------------------------------------------------------------


@dataclass
class BoardColumn:
    status: str
    label: str
    count: int
    leads: list[Lead]
    value_label: str  # "open quotes" or, for won, "accepted"
    values: list[tuple[str, str]]  # (currency, amount text), one per currency

    @property
    def more(self) -> int:
        return self.count - len(self.leads)


def pipeline_board(*, owner=None) -> list[BoardColumn]:
    """The leads by status with count, the latest cards and quote value per currency (four queries + quote rows).

    `owner` narrows the board to one salesperson's leads.
    """
    leads = Lead.objects.all() if owner is None else Lead.objects.filter(owner=owner)
    counts = {status: count for status, _label, count in leads_selectors.lead_status_counts(owner=owner)}
    ranked = (
        leads.filter(status__in=BOARD_STATUSES)
        .annotate(
            board_rank=Window(
                RowNumber(), partition_by=[F("status")], order_by=[F("last_activity_at").desc(), F("id").desc()]
            )
        )
        .filter(board_rank__lte=BOARD_CARDS_PER_COLUMN)
        .select_related("contact", "clinic", "owner")
        .order_by("-last_activity_at", "-id")
    )
    cards: dict[str, list[Lead]] = defaultdict(list)
    for lead in ranked:
        cards[lead.status].append(lead)
    valued = Quote.objects.filter(
        Q(status__in=Quote.OPEN_STATUSES, lead__status__in=Lead.OPEN_STATUSES)
        | Q(status=Quote.Status.ACCEPTED, lead__status=Lead.Status.WON)
    ).select_related("lead")
    if owner is not None:
        valued = valued.filter(lead__owner=owner)
    sums: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for quote in selectors.quote_rows_prefetch(valued):
        amount = selectors.quote_total_amount(quote=quote)
        if amount is not None:
            sums[quote.lead.status][quote.currency].append(amount)
    columns = []
    for status in BOARD_STATUSES:
        by_currency = sums.get(status, {})
        values = [
            (currency, formats.money_text(pricing.amounts_sum(amounts, currency), currency))
            for currency, amounts in sorted(by_currency.items())
        ]
        columns.append(
            BoardColumn(
                status=status,
                label=Lead.Status(status).label,
                count=counts.get(status, 0),
                leads=cards.get(status, []),
                value_label="accepted" if status == Lead.Status.WON else "open quotes",
                values=values,
            )
        )
    return columns


# --- Approvals -------------------------------------------------------------------------------------


@dataclass
class ApprovalLine:
    device_name: str
    quantity: int
    list_unit_price: str
    net: str
    effective_discount: Decimal
    above_threshold: bool
    margin: Decimal | None  # over the device's unit cost; None when the cost is not recorded in this currency


@dataclass
class ApprovalRow:
    quote: Quote
    total_text: str
    lines: list[ApprovalLine]
    margin: Decimal | None  # of the whole quote over the devices' costs, when every cost is known
    max_discount: Decimal


def approvals_waiting() -> QuerySet[Quote]:
    """Drafts of open leads whose discounts wait for a sales manager, oldest first."""
    return Quote.objects.filter(
        approval=Quote.Approval.PENDING, status=Quote.Status.DRAFT, lead__status__in=Lead.OPEN_STATUSES
    ).order_by("updated_at", "id")


def approvals_waiting_count() -> int:
    return approvals_waiting().count()


def approval_rows() -> list[ApprovalRow]:
    """The quotes waiting for approval with each line's effective discount and margin (a fixed number of queries)."""
    quotes = selectors.quote_rows_prefetch(approvals_waiting().select_related("clinic", "contact", "owner"))
    threshold = Decimal(settings.QUOTE_DISCOUNT_APPROVAL_PERCENT)
    rows = []
    for quote in quotes:
        currency = quote.currency
        data = [line_data(row) for row in quote.lines.all()]
        try:
            totals = lines_totals(lines=data, currency=currency)
        except pricing.PricingError:
            totals = None
        lines, revenue, cost, costs_known = [], Decimal("0"), Decimal("0"), True
        for index, line in enumerate(data):
            discount = line_effective_discount(line=line, currency=currency)
            computed = totals.lines[index] if totals else None
            device = line.device
            line_cost = None
            if device.unit_cost is not None and device.currency == currency:
                line_cost = device.unit_cost * line.quantity
            margin = (
                pricing.margin_percent(revenue=computed.net, cost=line_cost)
                if computed and line_cost is not None
                else None
            )
            if computed is not None:
                revenue += computed.net
            if line_cost is None:
                costs_known = False
            else:
                cost += line_cost
            lines.append(
                ApprovalLine(
                    device_name=device.name,
                    quantity=line.quantity,
                    list_unit_price=device.price_label,
                    net=formats.money_text(computed.net, currency) if computed else "—",
                    effective_discount=discount,
                    above_threshold=discount > threshold,
                    margin=margin,
                )
            )
        rows.append(
            ApprovalRow(
                quote=quote,
                total_text=selectors.quote_total_text(quote=quote),
                lines=lines,
                margin=pricing.margin_percent(revenue=revenue, cost=cost) if costs_known and totals else None,
                max_discount=max((line.effective_discount for line in lines), default=Decimal("0")),
            )
        )
    return rows


# --- Today -----------------------------------------------------------------------------------------


@dataclass
class TodayList:
    key: str
    title: str
    count: int
    url: str  # the full list, filtered the same way
    items: list = field(default_factory=list)


@dataclass
class Today:
    now: datetime
    overdue: TodayList
    due_today: TodayList
    approvals: TodayList
    expiring: TodayList
    viewed: TodayList
    buyer_news: TodayList
    failed_emails: TodayList
    failed_pdfs: TodayList
    is_manager: bool

    @property
    def quiet(self) -> bool:
        lists = [self.overdue, self.due_today, self.approvals, self.expiring, self.viewed, self.failed_emails]
        return not any(item.count for item in [*lists, self.failed_pdfs])


def _end_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


def today(*, user, urls: dict[str, str]) -> Today:
    """A salesperson's day: their late and due leads, quotes that need them, what buyers did, what failed.

    `urls` holds the filtered list each count links to, by key. Two queries per list (count and
    rows), whatever the number of rows.
    """
    now = timezone.now()
    is_manager = user.has_perm("quotes.approve_quote")
    mine = leads_selectors.lead_rows(Lead.objects.filter(owner=user))
    overdue = mine.overdue(now=now).order_by("response_due_at")
    due_today = mine.filter(status=Lead.Status.NEW, response_due_at__gte=now, response_due_at__lt=_end_of_today(now))
    due_today = due_today.order_by("response_due_at")
    my_quotes = Quote.objects.with_stage().filter(owner=user).select_related("clinic", "contact", "lead")
    approvals = (
        approvals_waiting()
        if is_manager
        else my_quotes.filter(status=Quote.Status.DRAFT, approval__in=[Quote.Approval.PENDING, Quote.Approval.REFUSED])
    )
    approvals = approvals.select_related("clinic", "contact", "owner", "lead")
    horizon = timezone.localdate() + timedelta(days=EXPIRING_DAYS)
    expiring = my_quotes.filter(status=Quote.Status.SENT, valid_until__lte=horizon).order_by("valid_until", "id")
    viewed = my_quotes.filter(status=Quote.Status.SENT, first_viewed_at__isnull=False).order_by("-last_viewed_at")
    since = now - timedelta(days=RECENT_BUYER_DAYS)
    buyer_news = my_quotes.filter(
        Q(accepted_at__gte=since) | Q(declined_at__gte=since) | Q(first_viewed_at__gte=since)
    ).order_by(F("updated_at").desc())
    failed_emails = (
        Notification.objects.filter(status=Notification.Status.FAILED, lead__owner=user)
        .select_related("lead__clinic", "quote")
        .order_by("-created_at")
    )
    failed_pdfs = (
        QuoteRevision.objects.filter(pdf_status=QuoteRevision.PdfStatus.FAILED, quote__owner=user)
        .select_related("quote__clinic")
        .defer("snapshot")
        .order_by("-updated_at")
    )

    def listed(key, title, queryset):
        return TodayList(
            key=key, title=title, count=queryset.count(), url=urls.get(key, ""), items=list(queryset[:TODAY_LIST_LIMIT])
        )

    return Today(
        now=now,
        overdue=listed("overdue", "Overdue first response", overdue),
        due_today=listed("due_today", "Due today", due_today),
        approvals=listed(
            "approvals", "Discounts to approve" if is_manager else "Waiting for a manager or refused", approvals
        ),
        expiring=listed("expiring", f"Expiring within {EXPIRING_DAYS} days", expiring),
        viewed=listed("viewed", "Viewed, not answered", viewed),
        buyer_news=listed("buyer_news", f"Buyers in the last {RECENT_BUYER_DAYS} days", buyer_news),
        failed_emails=listed("failed_emails", "Emails that failed", failed_emails),
        failed_pdfs=listed("failed_pdfs", "PDFs that failed", failed_pdfs),
        is_manager=is_manager,
    )
