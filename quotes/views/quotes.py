"""The staff quote page and its actions: render the PDF, retry, approve discounts, send; status polling."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quotes import errors, formats, pricing
from quotes.models import Quote, QuoteRevision
from quotes.quoting import drafts, rendering, selectors, sending


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_detail(request, pk):
    page = selectors.quote_get_for_page(pk=pk)
    quote, current, user = page.quote, page.current, request.user
    can_change = user.has_perm("quotes.change_quote")
    lead = quote.lead
    busy = current is not None and current.pdf_status in ("queued", "rendering")
    up_to_date = current is not None and current.pdf_status == "ready" and not page.pdf_outdated
    priced = bool(page.lines) and not page.price_problem
    ctx = {
        "page": page,
        "quote": quote,
        "lead": lead,
        "q": page.shown,
        "overrides": [line for line in page.lines if line.unit_price_override is not None],
        "can_edit": can_change and quote.is_editable and lead.is_open,
        "edit_label": "Edit" if quote.status == Quote.Status.DRAFT else f"Edit: starts revision {quote.revision + 1}",
        "can_render": can_change and bool(page.lines) and not busy and not up_to_date and not page.price_problem,
        "can_send": can_change and lead.is_open and quote.status == Quote.Status.DRAFT and priced,
        "send_blocked": quote.approval in (Quote.Approval.PENDING, Quote.Approval.REFUSED),
        "can_resend": can_change
        and quote.status == Quote.Status.SENT
        and lead.status not in sending.WITHDRAWING_STATUSES,
        "can_approve": user.has_perm("quotes.approve_quote")
        and lead.is_open
        and quote.approval == Quote.Approval.PENDING,
        "can_retry": can_change,
        "approved_by": formats.person_label(quote.approved_by) if quote.approved_by else "a sales manager",
        "expired": quote.is_expired(),
        "buyer_url": _buyer_url(quote, page),
        "evidence": sending.acceptance_evidence(quote=quote) if quote.status == Quote.Status.ACCEPTED else None,
        "status_url": reverse("quotes:quote-status", kwargs={"pk": quote.pk}),
        "approval_percent": settings.QUOTE_DISCOUNT_APPROVAL_PERCENT,
    }
    return render(request, "quotes/quote_detail.html", ctx)


def _buyer_url(quote: Quote, page: selectors.QuotePage) -> str:
    """The clinic's page of the sent revision, for staff to see what the buyer sees."""
    if not page.shown_is_sent or quote.status == Quote.Status.DRAFT:
        return ""
    revision = QuoteRevision(quote_id=quote.pk, number=quote.revision)
    return reverse("quotes:quote-public", kwargs={"token": sending.quote_link_token(revision=revision)})


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@never_cache
@require_GET
def quote_status(request, pk):
    """What the quote page polls while a PDF renders or an email waits: revisions and their state."""
    quote = selectors.quote_get(pk=pk)
    revisions = selectors.quote_revision_statuses(quote=quote)
    return JsonResponse(
        {
            "number": quote.number,
            "status": quote.status,
            "status_label": quote.get_status_display(),
            "revision": quote.revision,
            "approval": quote.approval,
            "revisions": [revision.as_json() for revision in revisions],
            "pending": any(revision.pending for revision in revisions),
        }
    )


def _quote_action(request, pk, action) -> HttpResponse:
    """Run one quote action; refusals (wrong state, bad data) come back as a message on the quote page."""
    quote = selectors.quote_get(pk=pk)
    try:
        text = action(quote)
    except errors.QuoteStateError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except pricing.PricingError as exc:  # the catalog changed under a draft: its prices no longer add up
        messages.error(request, f"{exc} Edit the quote.")
    else:
        messages.success(request, text)
    return redirect(quote)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_POST
def quote_render(request, pk):
    def render_pdf(quote):
        revision = rendering.quote_pdf_request(quote=quote)
        if revision.pdf_ready:
            return f"The PDF of revision {revision.number} is up to date."
        return f"Rendering the PDF of revision {revision.number}; this page shows it as soon as it is ready."

    return _quote_action(request, pk, render_pdf)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_POST
def quote_retry(request, pk, number):
    revision = get_object_or_404(QuoteRevision, quote_id=pk, number=number)

    def retry(quote):
        rendering.quote_pdf_retry(revision=revision)
        return f"Rendering revision {number} again."

    return _quote_action(request, pk, retry)


@login_required
@permission_required("quotes.approve_quote", raise_exception=True)
@require_POST
def quote_approve(request, pk):
    def approve(quote):
        drafts.quote_approve(quote=quote, actor=request.user)
        return f"Discounts on {quote.number} approved; it can be sent."

    return _quote_action(request, pk, approve)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_http_methods(["GET", "POST"])
def quote_send(request, pk):
    """GET: the email that will go out (subject, body, attachment) and a confirmation; POST: send it."""
    if request.method == "GET":
        quote = selectors.quote_get(pk=pk)
        ctx = {"quote": quote, "lead": quote.lead, "email": sending.quote_email_preview(quote=quote)}
        return render(request, "quotes/quote_send.html", ctx)

    def send(quote):
        revision = sending.quote_send(quote=quote, actor=request.user)
        when = "now" if revision.pdf_ready else "as soon as its PDF is rendered"
        return f"Revision {revision.number} is on its way to {quote.contact.email}: the email leaves {when}."

    return _quote_action(request, pk, send)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_POST
def quote_resend(request, pk):
    def resend(quote):
        sending.quote_resend(quote=quote, actor=request.user)
        return f"Revision {quote.revision} is on its way to {quote.contact.email} again."

    return _quote_action(request, pk, resend)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_POST
def quote_email_retry(request, pk, notification_id):
    def retry(quote):
        sending.quote_email_retry(quote=quote, notification_id=notification_id)
        return "The email is back in the outbox; this page shows when it leaves."

    return _quote_action(request, pk, retry)


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_pdf(request, pk, number):
    """Any revision's PDF for staff, shown in the browser."""
    revision = get_object_or_404(QuoteRevision.objects.select_related("quote"), quote_id=pk, number=number)
    if not revision.pdf_ready:
        messages.error(request, f"The PDF of revision {number} is not ready; render it first.")
        return redirect(revision.quote)
    return FileResponse(
        revision.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{revision.quote.number}-rev{revision.number}.pdf",
    )
