"""The quote editor: a new quote for a lead, changes to a quote (a new revision once sent), and its live preview."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quotes import formats
from quotes.errors import QuoteInvalid, QuoteStateError
from quotes.forms.quote_editor import QuoteEditor
from quotes.models import Lead, Quote
from quotes.quoting import drafts, selectors


@login_required
@permission_required("quotes.add_quote", raise_exception=True)
@require_http_methods(["GET", "POST"])
def quote_create(request):
    lead = _lead_for_quote(request)
    try:
        drafts.lead_check_open(lead=lead)
    except QuoteStateError as exc:
        messages.error(request, str(exc))
        return redirect(lead)
    return _editor_page(request, lead=lead, quote=None)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_http_methods(["GET", "POST"])
def quote_edit(request, pk):
    quote = selectors.quote_get(pk=pk)
    try:
        if not quote.is_editable:
            raise QuoteStateError(
                f"Quote {quote.number} is {quote.get_status_display().lower()} and can no longer change."
            )
        drafts.lead_check_open(lead=quote.lead)
    except QuoteStateError as exc:
        messages.error(request, str(exc))
        return redirect(quote)
    return _editor_page(request, lead=quote.lead, quote=quote)


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_POST
def quote_preview(request):
    """The editor's live totals: the posted form in, the lines module's arithmetic out, nothing saved."""
    return JsonResponse(QuoteEditor.posted(request.POST).preview())


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_device_options(request, pk):
    """A device's options and prices, for the editor line whose device just changed."""
    device = selectors.quote_device_options(pk=pk)
    return JsonResponse(
        {
            "device": {
                "id": device.pk,
                "name": device.name,
                "currency": device.currency,
                "price_hint": selectors.device_price_hint(device),
            },
            "options": [
                {
                    "id": option.pk,
                    "name": option.name,
                    "kind": option.get_kind_display(),
                    "price": formats.option_price_text(option, device.currency),
                    "included": option.included,
                }
                for option in device.options.all()
            ],
        }
    )


def _lead_for_quote(request) -> Lead:
    value = request.GET.get("lead", "")
    if not value.isdigit():
        raise Http404("Name the lead to quote: ?lead=<id>")
    leads = Lead.objects.select_related("clinic", "contact", "owner").prefetch_related("devices")
    return get_object_or_404(leads, pk=int(value))


def _editor_page(request, *, lead: Lead, quote: Quote | None):
    """The editor for a new quote (quote is None) or an existing one."""
    status, state_error, save_attempted = 200, "", False
    if request.method == "POST":
        editor = QuoteEditor.posted(request.POST, currency=quote.currency if quote else "")
        save_attempted = "add_line" not in request.POST and "refresh" not in request.POST
        if save_attempted:
            status = 400
            if editor.is_valid():
                try:
                    if quote is None:
                        saved = drafts.quote_create(
                            lead=lead, actor=request.user, data=editor.quote_data(), lines=editor.lines()
                        )
                    else:
                        saved = drafts.quote_update(
                            quote=quote, actor=request.user, data=editor.quote_data(), lines=editor.lines()
                        )
                except QuoteInvalid as exc:
                    editor.place_errors(exc)
                except QuoteStateError as exc:
                    state_error, status = str(exc), 409
                else:
                    messages.success(request, _saved_message(saved, before=quote))
                    return redirect(saved)
    elif quote is None:
        editor = QuoteEditor.for_new_quote(lead=lead)
    else:
        editor = QuoteEditor.for_quote(quote=quote)
    preview = editor.preview()
    ctx = {
        "lead": lead,
        "quote": quote,
        "quote_form": editor.quote_form,
        "formset": editor.formset,
        "line_rows": [(form, preview["lines"].get(form.prefix)) for form in editor.formset.forms],
        "preview": preview,
        "unpriced_lines": any(line["problem"] for line in preview["lines"].values()),
        "save_attempted": save_attempted,
        "state_error": state_error,
        "general_errors": [*editor.general_errors, *editor.formset.non_form_errors()] if save_attempted else [],
        "error_count": editor.error_count() if save_attempted else 0,
        "next_revision": quote.revision + 1 if quote is not None and quote.status != Quote.Status.DRAFT else None,
        "action_url": (
            reverse("quotes:quote-create") + f"?lead={lead.pk}"
            if quote is None
            else reverse("quotes:quote-edit", kwargs={"pk": quote.pk})
        ),
        "cancel_url": quote.get_absolute_url() if quote is not None else lead.get_absolute_url(),
        "approval_percent": settings.QUOTE_DISCOUNT_APPROVAL_PERCENT,
    }
    return render(request, "quotes/quote_editor.html", ctx, status=status)


def _saved_message(quote: Quote, *, before: Quote | None) -> str:
    if before is None:
        text = f"Quote {quote.number} created as a draft."
    elif quote.revision != before.revision:
        text = (
            f"Quote {quote.number} is now revision {quote.revision}, a draft; "
            f"revision {before.revision} stays as the clinic received it."
        )
    else:
        text = f"Quote {quote.number} saved."
    if quote.approval == Quote.Approval.PENDING:
        text += (
            f" A discount above {settings.QUOTE_DISCOUNT_APPROVAL_PERCENT}% needs a sales manager's approval "
            "before the quote can be sent."
        )
    return text
