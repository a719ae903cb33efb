"""The sales workspace's lists: Today, leads (with bulk actions), the pipeline board, quotes (and CSV), approvals.

Every action is a plain form POST answered by a redirect; the lists keep their state in the URL.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from quotes import errors, formats
from quotes.forms.leads import LeadStatusForm
from quotes.forms.lists import LeadBulkForm, LeadListFilter, QuoteListFilter
from quotes.leads import notifications, pipeline
from quotes.leads import selectors as leads_selectors
from quotes.models import Lead, Quote
from quotes.quoting import drafts, sending, worklists
from quotes.views.leads import transition_label

LEADS_PER_PAGE = 25
QUOTES_PER_PAGE = 25


def _page(request, items, per_page: int):
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


def _back(request, default: str) -> str:
    """Where a list action returns: the list as it was (its URL state), never another site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# --- Today ---------------------------------------------------------------------------------------


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def sales_today(request):
    leads_url, quotes_url = reverse("quotes:lead-list"), reverse("quotes:quote-list")
    urls = {
        "overdue": f"{leads_url}?mine=true&overdue=true",
        "due_today": f"{leads_url}?mine=true&due_today=true",
        "approvals": reverse("quotes:approval-list")
        if request.user.has_perm("quotes.approve_quote")
        else f"{quotes_url}?mine=true&stage=pending_approval",
        "expiring": f"{quotes_url}?mine=true&expiring=true&sort=valid",
        "viewed": f"{quotes_url}?mine=true&stage=viewed&sort=-viewed",
        "buyer_news": f"{quotes_url}?mine=true&sort=-viewed",
        "failed_emails": f"{quotes_url}?mine=true&failed=true",
        "failed_pdfs": f"{quotes_url}?mine=true&failed=true",
    }
    ctx = {
        "today": worklists.today(user=request.user, urls=urls),
        "status_counts": leads_selectors.lead_status_counts(owner=request.user),
        "spam_held": leads_selectors.spam_held_count()
        if request.user.has_perm("quotes.view_consultationrequest")
        else 0,
    }
    return render(request, "quotes/sales_today.html", ctx)


@login_required
@permission_required("quotes.change_notification", raise_exception=True)
@require_POST
def notification_retry(request, pk):
    """Put one failed email back in the outbox from Today (who may: as in the admin, sales managers)."""
    if notifications.notifications_retry(notification_ids=[pk]):
        messages.success(request, "The email is back in the outbox; it leaves in a moment.")
    else:
        messages.error(request, "Only a failed email can be retried; this one is not failed any more.")
    return redirect("quotes:sales-dashboard")


# --- Leads -----------------------------------------------------------------------------------------


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def lead_list(request):
    filters = LeadListFilter(request.GET or None, queryset=leads_selectors.leads_for_list(), request=request)
    page, page_range = _page(request, filters.qs, LEADS_PER_PAGE)
    can_change = request.user.has_perm("quotes.change_lead")
    ctx = {
        "filters": filters,
        "page": page,
        "page_range": page_range,
        "leads": list(page.object_list),
        "now": timezone.now(),
        "can_change": can_change,
        "bulk_form": LeadBulkForm(auto_id="bulk_%s") if can_change else None,
        "here": request.get_full_path(),
    }
    return render(request, "quotes/lead_list.html", ctx)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def lead_bulk(request):
    form = LeadBulkForm(request.POST)
    back = _back(request, reverse("quotes:lead-list"))
    if not form.is_valid():
        for problems in form.errors.values():
            messages.error(request, " ".join(problems))
        return redirect(back)
    leads = list(form.cleaned_data["leads"].select_related("owner", "clinic", "contact"))
    if form.cleaned_data["action"] == "assign":
        owner, done, problems = form.cleaned_data["owner"], 0, []
        for lead in leads:
            try:
                pipeline.lead_assign(lead=lead, owner=owner, actor=request.user)
                done += 1
            except ValidationError as exc:
                problems.append(f"{lead.clinic.name}: {' '.join(exc.messages)}")
        text = f"{done} lead{'s' if done != 1 else ''} assigned to {formats.person_label(owner)}."
    else:
        to_status = form.cleaned_data["status"]
        done, problems = sending.leads_move(
            leads=leads, to_status=to_status, actor=request.user, reason=form.cleaned_data["reason"]
        )
        text = f"{done} lead{'s' if done != 1 else ''} moved to {Lead.Status(to_status).label.lower()}."
    if done:
        messages.success(request, text)
    for problem in problems:
        messages.error(request, problem)
    return redirect(back)


# --- The pipeline board ---------------------------------------------------------------------------


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def pipeline_board(request):
    mine = request.GET.get("mine") == "true"
    columns = worklists.pipeline_board(owner=request.user if mine else None)
    can_change = request.user.has_perm("quotes.change_lead")
    for column in columns:
        for lead in column.leads:
            moves = pipeline.lead_transitions(lead=lead) if can_change else []
            lead.board_moves = [
                (status, transition_label(lead, status)) for status in moves if status != Lead.Status.LOST
            ]
            lead.board_can_lose = Lead.Status.LOST in moves
    ctx = {
        "columns": columns,
        "mine": mine,
        "now": timezone.now(),
        "can_change": can_change,
        "here": request.get_full_path(),
        "lead_list_url": reverse("quotes:lead-list"),
    }
    return render(request, "quotes/pipeline_board.html", ctx)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def pipeline_move(request, pk):
    lead = get_object_or_404(Lead.objects.select_related("clinic"), pk=pk)
    form = LeadStatusForm(request.POST)
    back = _back(request, reverse("quotes:pipeline-board"))
    if not form.is_valid():
        messages.error(request, "Choose a status to move the lead to.")
        return redirect(back)
    try:
        sending.lead_move(
            lead=lead, to_status=form.cleaned_data["status"], actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, f"{lead.clinic.name}: {' '.join(exc.messages)}")
    except errors.LeadStateError as exc:
        messages.error(request, f"{lead.clinic.name}: {exc}")
    else:
        messages.success(request, f"{lead.clinic.name} moved to {lead.get_status_display().lower()}.")
    return redirect(back)


# --- Quotes ----------------------------------------------------------------------------------------


def _quote_filters(request) -> QuoteListFilter:
    return QuoteListFilter(request.GET or None, queryset=worklists.quotes_for_list(), request=request)


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_list(request):
    filters = _quote_filters(request)
    page, page_range = _page(request, filters.qs, QUOTES_PER_PAGE)
    ctx = {
        "filters": filters,
        "page": page,
        "page_range": page_range,
        "rows": worklists.quote_rows(quotes=page.object_list),
        "export_url": reverse("quotes:quote-export") + ("?" + request.GET.urlencode() if request.GET else ""),
    }
    return render(request, "quotes/quote_list.html", ctx)


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_export(request):
    """The filtered quotes list as CSV: every row the filters match, not only the page shown."""
    filters = _quote_filters(request)
    rows = worklists.quote_rows(quotes=filters.qs)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="quotes-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(worklists.QUOTES_CSV_HEADER)
    # A cell that starts like a formula is written as text, so a spreadsheet never runs it.
    for cells in worklists.quotes_csv_rows(rows=rows):
        writer.writerow([f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in cells])
    return response


# --- Approvals -------------------------------------------------------------------------------------


@login_required
@permission_required("quotes.approve_quote", raise_exception=True)
@require_GET
def approval_list(request):
    ctx = {"rows": worklists.approval_rows(), "threshold": settings.QUOTE_DISCOUNT_APPROVAL_PERCENT}
    return render(request, "quotes/approval_list.html", ctx)


@login_required
@permission_required("quotes.approve_quote", raise_exception=True)
@require_POST
def approval_decide(request, pk):
    quote = get_object_or_404(Quote.objects.select_related("lead"), pk=pk)
    decision, reason = request.POST.get("decision"), request.POST.get("reason", "")
    try:
        if decision == "approve":
            drafts.quote_approve(quote=quote, actor=request.user)
            messages.success(request, f"Discounts on {quote.number} approved; it can be sent.")
        elif decision == "refuse":
            drafts.quote_approval_refuse(quote=quote, actor=request.user, reason=reason)
            messages.success(request, f"Discounts on {quote.number} refused; its owner sees why.")
        else:
            messages.error(request, "Choose approve or refuse.")
    except ValidationError as exc:
        messages.error(request, f"{quote.number}: {' '.join(exc.messages)}")
    except errors.QuoteStateError as exc:
        messages.error(request, f"{quote.number}: {exc}")
    return redirect(_back(request, reverse("quotes:approval-list")))
