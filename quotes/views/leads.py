"""The lead page with its actions: status, notes, owner."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from quotes import errors, formats
from quotes.forms.leads import LeadNoteForm, LeadOwnerForm, LeadStatusForm
from quotes.leads import pipeline
from quotes.leads import selectors as leads_selectors
from quotes.models import Lead
from quotes.quoting import selectors as quoting_selectors
from quotes.quoting import sending


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def lead_detail(request, pk):
    lead = leads_selectors.lead_get_for_page(pk=pk)
    ctx = _lead_page_context(request, lead)
    return render(request, "quotes/lead_detail.html", ctx)


def _lead_page_context(request, lead: Lead, **forms) -> dict:
    can_change = request.user.has_perm("quotes.change_lead")
    transitions = pipeline.lead_transitions(lead=lead) if can_change else []
    quotes = quoting_selectors.lead_quotes(lead=lead)
    return {
        "lead": lead,
        "requests": list(lead.requests.all()),
        "timeline": list(lead.activities.all()),
        "quotes": quotes,
        "can_add_quote": request.user.has_perm("quotes.add_quote") and lead.is_open,
        "quote_reopen_hint": lead.status in (Lead.Status.LOST, Lead.Status.SPAM),
        "can_change": can_change,
        "transitions": [(status, transition_label(lead, status)) for status in transitions],
        "status_form": forms.get("status_form") or LeadStatusForm(),
        "note_form": forms.get("note_form") or LeadNoteForm(),
        "owner_form": forms.get("owner_form") or LeadOwnerForm(initial={"owner": lead.owner_id}),
        "overdue": lead.is_overdue(),
    }


TRANSITION_LABELS = {
    Lead.Status.NEW: "Not spam",
    Lead.Status.CONTACTED: "Mark contacted",
    Lead.Status.QUALIFIED: "Mark qualified",
    Lead.Status.QUOTED: "Mark quoted",
    Lead.Status.WON: "Mark won",
    Lead.Status.LOST: "Mark lost",
    Lead.Status.SPAM: "Mark spam",
}


def transition_label(lead: Lead, status: str) -> str:
    if lead.status == Lead.Status.LOST:
        return "Reopen"
    if lead.status == Lead.Status.QUOTED and status == Lead.Status.QUALIFIED:
        return "Back to qualified"
    return TRANSITION_LABELS[status]


def _lead_action_failed(request, lead_pk: int, **forms):
    lead = leads_selectors.lead_get_for_page(pk=lead_pk)
    return render(request, "quotes/lead_detail.html", _lead_page_context(request, lead, **forms), status=400)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def lead_status_change(request, pk):
    lead = get_object_or_404(Lead, pk=pk)
    form = LeadStatusForm(request.POST)
    if form.is_valid():
        try:
            # Through the quotes' side: a lead lost or marked spam withdraws its open quotes.
            sending.lead_move(
                lead=lead, to_status=form.cleaned_data["status"], actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except errors.LeadStateError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Lead moved to {lead.get_status_display().lower()}.")
            return redirect(lead)
    return _lead_action_failed(request, pk, status_form=form)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def lead_note_add(request, pk):
    lead = get_object_or_404(Lead, pk=pk)
    form = LeadNoteForm(request.POST)
    if form.is_valid():
        try:
            pipeline.lead_note_add(lead=lead, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error("body", exc)
        else:
            messages.success(request, "Note added.")
            return redirect(reverse("quotes:lead-detail", kwargs={"pk": pk}) + "#timeline")
    return _lead_action_failed(request, pk, note_form=form)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def lead_assign(request, pk):
    lead = get_object_or_404(Lead.objects.select_related("owner"), pk=pk)
    form = LeadOwnerForm(request.POST)
    if form.is_valid():
        try:
            pipeline.lead_assign(lead=lead, owner=form.cleaned_data["owner"], actor=request.user)
        except ValidationError as exc:
            form.add_error("owner", exc)
        else:
            messages.success(request, f"Lead assigned to {formats.person_label(lead.owner)}.")
            return redirect(lead)
    return _lead_action_failed(request, pk, owner_form=form)
