"""Consultation pages for buyers, the sales dashboard and quotes. Thin: parse, call one service, render."""

import dataclasses
import re
from decimal import Decimal
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quotes import errors, formats, pricing, quoting, selectors, services, validation
from quotes.forms import ConsultationForm, LeadNoteForm, LeadOwnerForm, LeadStatusForm, QuoteForm, QuoteLineFormSet
from quotes.models import Activity, ConsultationRequest, Lead, Quote, QuoteRevision


def request_origin(request, *, source: str, page_url: str, utm: dict[str, str]) -> services.RequestOrigin:
    return services.RequestOrigin(
        source=source,
        page_url=page_url,
        utm=utm,
        ip_address=get_client_ip_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def _referring_page(request) -> str:
    """The same-site page that linked to the general form, as a path."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return validation.page_url_clean(parts.path + (f"?{parts.query}" if parts.query else ""))
    return request.get_full_path()


@require_http_methods(["GET", "POST"])
def consultation_create(request):
    rate_limit = None
    if request.method == "POST":
        form = ConsultationForm(
            request.POST,
            device_choices=selectors.consultation_device_choices(selected=request.POST.getlist("devices")),
        )
        if form.is_valid():
            try:
                submission = services.consultation_submit(
                    data=form.consultation_data(),
                    origin=request_origin(
                        request, source=ConsultationRequest.Source.FORM, page_url=form.page_url(), utm=form.utm()
                    ),
                    spam_reason=form.spam_reason(),
                )
            except errors.RateLimited as exc:
                rate_limit = exc.message
            else:
                return redirect("quotes:consultation-received", reference=submission.consultation.reference)
        device = None
    else:
        device = selectors.consultation_device(slug=request.GET.get("device", ""))
        initial = {key: request.GET[key] for key in validation.UTM_FIELDS if request.GET.get(key)}
        initial["page"] = request.GET.get("from") or _referring_page(request)
        if device:
            initial["devices"] = [device.slug]
        form = ConsultationForm(
            initial=initial, device_choices=selectors.consultation_device_choices(selected=initial.get("devices", []))
        )
    ctx = {
        "form": form,
        "device": device,
        "rate_limit": rate_limit,
        "response_hours": services.response_window_label(),
    }
    return render(request, "quotes/consultation_form.html", ctx, status=429 if rate_limit else 200)


@require_GET
def consultation_received(request, reference):
    consultation = selectors.consultation_get_by_reference(reference=reference)
    ctx = {
        "consultation": consultation,
        "first_name": consultation.name.split()[0] if consultation.name.split() else "",
        "masked_email": _masked_email(consultation.email),
        "devices": list(consultation.devices.all()),
        "response_hours": services.response_window_label(),
    }
    return render(request, "quotes/consultation_received.html", ctx)


def _masked_email(email: str) -> str:
    # The page's address is unguessable, but it need not spell out the whole mailbox.
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * 3}@{domain}"


# --- Sales staff ----------------------------------------------------------------


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def sales_dashboard(request):
    dashboard = selectors.sales_dashboard(user=request.user)
    ctx = {"dashboard": dashboard, "can_review_spam": request.user.has_perm("quotes.view_consultationrequest")}
    return render(request, "quotes/sales_dashboard.html", ctx)


@login_required
@permission_required("quotes.view_lead", raise_exception=True)
@require_GET
def lead_detail(request, pk):
    lead = selectors.lead_get_for_page(pk=pk)
    ctx = _lead_page_context(request, lead)
    return render(request, "quotes/lead_detail.html", ctx)


def _lead_page_context(request, lead: Lead, **forms) -> dict:
    can_change = request.user.has_perm("quotes.change_lead")
    transitions = services.lead_transitions(lead=lead) if can_change else []
    quotes = selectors.lead_quotes(lead=lead)
    return {
        "lead": lead,
        "requests": list(lead.requests.all()),
        "timeline": _timeline_with_quote_links(list(lead.activities.all()), quotes),
        "quotes": quotes,
        "can_add_quote": request.user.has_perm("quotes.add_quote") and lead.is_open,
        "quote_reopen_hint": lead.status in (Lead.Status.LOST, Lead.Status.SPAM),
        "can_change": can_change,
        "transitions": [(status, _transition_label(lead, status)) for status in transitions],
        "status_form": forms.get("status_form") or LeadStatusForm(),
        "note_form": forms.get("note_form") or LeadNoteForm(),
        "owner_form": forms.get("owner_form") or LeadOwnerForm(initial={"owner": lead.owner_id}),
        "overdue": lead.is_overdue(),
    }


def _timeline_with_quote_links(timeline: list[Activity], quotes: list[selectors.LeadQuoteRow]) -> list[Activity]:
    """Quote entries of the timeline link to the quote they name."""
    urls = {row.quote.number: row.quote.get_absolute_url() for row in quotes}
    for activity in timeline:
        activity.quote_url = next(
            (url for number, url in urls.items() if activity.kind == Activity.Kind.QUOTE and number in activity.body),
            "",
        )
    return timeline


TRANSITION_LABELS = {
    Lead.Status.NEW: "Not spam",
    Lead.Status.CONTACTED: "Mark contacted",
    Lead.Status.QUALIFIED: "Mark qualified",
    Lead.Status.QUOTED: "Mark quoted",
    Lead.Status.WON: "Mark won",
    Lead.Status.LOST: "Mark lost",
    Lead.Status.SPAM: "Mark spam",
}


def _transition_label(lead: Lead, status: str) -> str:
    if lead.status == Lead.Status.LOST:
        return "Reopen"
    if lead.status == Lead.Status.QUOTED and status == Lead.Status.QUALIFIED:
        return "Back to qualified"
    return TRANSITION_LABELS[status]


def _lead_action_failed(request, lead_pk: int, **forms):
    lead = selectors.lead_get_for_page(pk=lead_pk)
    return render(request, "quotes/lead_detail.html", _lead_page_context(request, lead, **forms), status=400)


@login_required
@permission_required("quotes.change_lead", raise_exception=True)
@require_POST
def lead_status_change(request, pk):
    lead = get_object_or_404(Lead, pk=pk)
    form = LeadStatusForm(request.POST)
    if form.is_valid():
        try:
            services.lead_status_change(
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
            services.lead_note_add(lead=lead, actor=request.user, body=form.cleaned_data["body"])
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
            services.lead_assign(lead=lead, owner=form.cleaned_data["owner"], actor=request.user)
        except ValidationError as exc:
            form.add_error("owner", exc)
        else:
            messages.success(request, f"Lead assigned to {formats.person_label(lead.owner)}.")
            return redirect(lead)
    return _lead_action_failed(request, pk, owner_form=form)


# --- The buyer's quote page (signed link, no login) ---------------------------------------

LINK_PROBLEMS = {
    "invalid": (
        "This link is not valid",
        "The address may be incomplete or changed. Open the link from the email again, "
        "or reply to that email and we will send it once more.",
    ),
    "expired": (
        "This link has expired",
        "For your security, quote links work for a limited time. Reply to the email "
        "you received and we will send a fresh link.",
    ),
    "superseded": (
        "A newer version of this quotation exists",
        "The quotation was revised after this link was sent. Please use the link in the most recent email from us.",
    ),
}


def _quote_from_token(request, token):
    try:
        return quoting.quote_from_link(token=token), None
    except errors.LinkError as exc:
        title, text = LINK_PROBLEMS[exc.kind]
        ctx = {"title": title, "text": text, "kind": exc.kind}
        return None, render(
            request, "quotes/quote_link_problem.html", ctx, status=410 if exc.kind != "invalid" else 404
        )


@require_GET
def quote_public(request, token):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    ctx = {
        "quote": quote,
        "revision": revision,
        "q": revision.snapshot,
        "token": token,
        "expired": quote.is_expired(),
        "accept_errors": {},
        "decline_errors": {},
    }
    return render(request, "quotes/quote_public.html", ctx)


@require_GET
def quote_public_pdf(request, token):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    if not revision.pdf_ready:
        return render(
            request,
            "quotes/quote_link_problem.html",
            {
                "title": "The PDF is being prepared",
                "text": "Please try again in a minute.",
                "kind": "pending",
            },
            status=409,
        )
    return FileResponse(
        revision.pdf.open("rb"), content_type="application/pdf", filename=f"{quote.number}-rev{revision.number}.pdf"
    )


@require_POST
def quote_public_answer(request, token, answer):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    try:
        if answer == "accept":
            quoting.quote_accept(
                quote=quote,
                revision=revision,
                name=request.POST.get("name", ""),
                confirmed=request.POST.get("confirm") == "on",
                ip_address=get_client_ip_address(request),
            )
        else:
            quoting.quote_decline(quote=quote, revision=revision, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        ctx = {
            "quote": quote,
            "revision": revision,
            "q": revision.snapshot,
            "token": token,
            "expired": quote.is_expired(),
            "accept_errors": exc.message_dict if answer == "accept" else {},
            "decline_errors": exc.message_dict if answer != "accept" else {},
            "name": request.POST.get("name", ""),
            "reason": request.POST.get("reason", ""),
        }
        return render(request, "quotes/quote_public.html", ctx, status=400)
    except errors.QuoteStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            "Thank you: your acceptance is recorded and your contact will be in touch about delivery."
            if answer == "accept"
            else "Your answer is recorded. Thank you for letting us know.",
        )
    return redirect("quotes:quote-public", token=token)


# --- Quotes for sales staff ----------------------------------------------------------------

LINE_PREFIX = "lines"
LINE_MESSAGE = re.compile(r"^Line (\d+): (.+)$", re.DOTALL)


def _currencies(current: str = "") -> list[str]:
    codes = list(settings.CATALOG_CURRENCIES)
    return codes if not current or current in codes else [*codes, current]


def _posted_device_ids(data) -> list[int]:
    """The devices the posted lines name, so the editor loads just those with their options."""
    ids = []
    for key, value in data.items():
        if key.startswith(f"{LINE_PREFIX}-") and key.endswith("-device") and value.isdigit():
            ids.append(int(value))
    return ids


def _with_one_more_line(data):
    """The posted editor with one more (blank) line: "Add a line" without JavaScript."""
    data = data.copy()
    key = f"{LINE_PREFIX}-TOTAL_FORMS"
    value = data.get(key, "")
    if value.isdigit() and int(value) < quoting.MAX_LINES:  # else the formset reports the problem
        index = int(value)
        data[key] = str(index + 1)
        # What a browser posts for a fresh blank line, so the line reads as untouched.
        data[f"{LINE_PREFIX}-{index}-quantity"] = "1"
        data[f"{LINE_PREFIX}-{index}-discount_percent"] = "0"
    return data


def _line_initial(line: quoting.LineData) -> dict:
    return {
        "device": line.device.pk,
        "options": [option.pk for option in line.options],
        "quantity": line.quantity,
        "discount_percent": line.discount_percent,
        "unit_price_override": line.unit_price_override,
        "override_reason": line.override_reason,
    }


PreviewLine = tuple[str, quoting.LineData | None, str]  # (form prefix, line, why it cannot be priced)


def _preview(*, currency: str, freight, tax_rate, lines: list[PreviewLine], errors) -> dict:
    """Totals of the quote being edited, computed by the services: the live preview and its no-JS twin.

    A line with a problem (or one the services would refuse) is left out of the totals and
    says why beside itself.
    """
    threshold = Decimal(settings.QUOTE_DISCOUNT_APPROVAL_PERCENT)
    result = {"currency": currency, "lines": {}, "totals": None, "amounts": None, "errors": errors}
    priced = []
    for prefix, line, problem in lines:
        if line is not None and not problem and not errors:
            # The services' own per-line check, so the preview and the save say the same thing.
            problem = " ".join(quoting.line_problems(line=line, currency=currency))
        if line is None or problem or errors:
            result["lines"][prefix] = {"problem": problem}
            continue
        computed = quoting.lines_totals(data=quoting.QuoteData(currency=currency), lines=[line]).lines[0]
        result["lines"][prefix] = {
            "problem": "",
            "unit_price": formats.money_text(computed.unit_price, currency),
            "quantity": computed.quantity,
            "gross": formats.money_text(computed.gross, currency),
            "discount": formats.money_text(computed.discount, currency),
            "has_discount": computed.discount > 0,
            "net": formats.money_text(computed.net, currency),
        }
        priced.append(line)
    if not errors:
        try:
            totals = quoting.lines_totals(
                data=quoting.QuoteData(currency=currency, freight=freight, tax_rate=tax_rate), lines=priced
            )
        except pricing.PricingError as exc:
            result["errors"] = {"__all__": [str(exc)]}
        else:
            names = ["subtotal_gross", "discount", "subtotal", "freight", "tax", "total"]
            result["totals"] = {name: formats.money_text(getattr(totals, name), currency) for name in names}
            result["totals"]["tax_rate"] = f"{totals.tax_rate_percent.normalize():f}"
            result["amounts"] = {name: str(getattr(totals, name)) for name in names}
    result["needs_approval"] = any(line is not None and line.discount_percent > threshold for _p, line, _e in lines)
    return result


def _preview_of_forms(quote_form: QuoteForm, formset) -> dict:
    """The preview of a posted editor: whatever parses is priced, the rest says what is missing."""
    quote_form.is_valid()
    priced_by = ("currency", "freight", "tax_rate")
    errors = {name: quote_form.errors[name] for name in priced_by if quote_form.has_error(name)}
    lines = []
    for form in formset.forms:
        if form.empty_permitted and not form.has_changed():
            continue
        if form.is_valid():
            if not form.cleaned_data.get("DELETE"):
                lines.append((form.prefix, form.line_data(), ""))
        elif not form.cleaned_data.get("DELETE"):
            missing = "Choose a device." if "device" in form.errors else "Check the values of this line."
            lines.append((form.prefix, None, missing))
    data = quote_form.cleaned_data
    return _preview(
        currency=data.get("currency", ""),
        freight=data.get("freight", Decimal("0")),
        tax_rate=data.get("tax_rate", Decimal("0")),
        lines=lines,
        errors={name: [str(e) for e in errs] for name, errs in errors.items()},
    )


def _service_errors_placed(exc: ValidationError, quote_form: QuoteForm, kept_forms: list) -> list[str]:
    """Put each error of the services beside what it is about; return those about the quote as a whole."""
    general = []
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    for name, texts in exc.message_dict.items():
        for text in texts:
            match = LINE_MESSAGE.match(text) if name == "lines" else None
            if match and 1 <= int(match[1]) <= len(kept_forms):
                kept_forms[int(match[1]) - 1].add_error(None, match[2])
            elif name in quote_form.fields:
                quote_form.add_error(name, text)
            else:
                general.append(text)
    return general


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


def _quote_editor(request, *, lead: Lead, quote: Quote | None):
    """The editor for a new quote (quote is None) or an existing one; see quote_create and quote_edit."""
    status, state_error, general_errors, save_attempted = 200, "", [], False
    currencies = _currencies(quote.currency if quote else "")
    if request.method == "POST":
        data = _with_one_more_line(request.POST) if "add_line" in request.POST else request.POST
        catalog = selectors.quote_editor_catalog(device_ids=_posted_device_ids(data))
        quote_form = QuoteForm(data, currencies=currencies)
        formset = QuoteLineFormSet(data, prefix=LINE_PREFIX, form_kwargs={"catalog": catalog})
        save_attempted = "add_line" not in data and "refresh" not in data
        if save_attempted:
            valid = quote_form.is_valid() & formset.is_valid()  # both, so every error shows at once
            if valid:
                kept = formset.kept_forms()
                lines = [form.line_data() for form in kept]
                try:
                    if quote is None:
                        saved = quoting.quote_create(
                            lead=lead, actor=request.user, data=quote_form.quote_data(), lines=lines
                        )
                    else:
                        saved = quoting.quote_update(
                            quote=quote, actor=request.user, data=quote_form.quote_data(), lines=lines
                        )
                except ValidationError as exc:
                    general_errors = _service_errors_placed(exc, quote_form, kept)
                except errors.QuoteStateError as exc:
                    state_error, status = str(exc), 409
                else:
                    messages.success(request, _saved_message(saved, before=quote))
                    return redirect(saved)
            general_errors += list(formset.non_form_errors())
            status = status if status != 200 else 400
        preview = _preview_of_forms(quote_form, formset)
    else:
        if quote is None:
            defaults = quoting.quote_defaults(lead=lead)
            asked = [d.pk for d in lead.devices.all() if d.status == d.Status.PUBLISHED]
            catalog = selectors.quote_editor_catalog(device_ids=asked)
            lines = [
                quoting.LineData(device=catalog.devices[pk], options=[o for o in catalog.options_of(pk) if o.included])
                for pk in asked
            ]
        else:
            defaults = quoting.quote_data(quote=quote)
            current = list(quote.lines.prefetch_related("options").order_by("position", "id"))
            catalog = selectors.quote_editor_catalog(device_ids=[line.device_id for line in current])
            lines = [
                quoting.LineData(
                    device=catalog.devices[line.device_id],
                    options=list(line.options.all()),
                    quantity=line.quantity,
                    discount_percent=line.discount_percent,
                    unit_price_override=line.unit_price_override,
                    override_reason=line.override_reason,
                )
                for line in current
            ]
        quote_form = QuoteForm(initial=dataclasses.asdict(defaults), currencies=currencies)
        formset = QuoteLineFormSet(
            initial=[_line_initial(line) for line in lines] or None,
            prefix=LINE_PREFIX,
            form_kwargs={"catalog": catalog},
        )
        if not lines:
            formset.extra = 1  # a new quote for a lead that named no device starts with one blank line
        preview = _preview(
            currency=defaults.currency,
            freight=defaults.freight,
            tax_rate=defaults.tax_rate,
            lines=[(f"{LINE_PREFIX}-{index}", line, "") for index, line in enumerate(lines)],
            errors={},
        )
    if quote is None:
        action = reverse("quotes:quote-create") + f"?lead={lead.pk}"
    else:
        action = reverse("quotes:quote-edit", kwargs={"pk": quote.pk})
    ctx = {
        "lead": lead,
        "quote": quote,
        "quote_form": quote_form,
        "formset": formset,
        "line_rows": [(form, preview["lines"].get(form.prefix)) for form in formset.forms],
        "preview": preview,
        "unpriced_lines": any(line["problem"] for line in preview["lines"].values()),
        "save_attempted": save_attempted,
        "state_error": state_error,
        "general_errors": general_errors,
        "error_count": _editor_error_count(quote_form, formset, general_errors) if save_attempted else 0,
        "next_revision": quote.revision + 1 if quote is not None and quote.status != Quote.Status.DRAFT else None,
        "action_url": action,
        "cancel_url": quote.get_absolute_url() if quote is not None else lead.get_absolute_url(),
        "approval_percent": settings.QUOTE_DISCOUNT_APPROVAL_PERCENT,
    }
    return render(request, "quotes/quote_editor.html", ctx, status=status)


def _editor_error_count(quote_form, formset, general_errors) -> int:
    line_errors = sum(len(form.errors) for form in formset.forms if not form.cleaned_data.get("DELETE"))
    return len(quote_form.errors) + line_errors + len(general_errors)


def _lead_for_quote(request) -> Lead:
    value = request.GET.get("lead", "")
    if not value.isdigit():
        raise Http404("Name the lead to quote: ?lead=<id>")
    leads = Lead.objects.select_related("clinic", "contact", "owner").prefetch_related("devices")
    return get_object_or_404(leads, pk=int(value))


@login_required
@permission_required("quotes.add_quote", raise_exception=True)
@require_http_methods(["GET", "POST"])
def quote_create(request):
    lead = _lead_for_quote(request)
    if not lead.is_open:
        messages.error(request, f"The lead is {lead.get_status_display().lower()}; reopen it before quoting.")
        return redirect(lead)
    return _quote_editor(request, lead=lead, quote=None)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_http_methods(["GET", "POST"])
def quote_edit(request, pk):
    quote = selectors.quote_get(pk=pk)
    if not quote.is_editable:
        messages.error(
            request, f"Quote {quote.number} is {quote.get_status_display().lower()} and can no longer change."
        )
        return redirect(quote)
    return _quote_editor(request, lead=quote.lead, quote=quote)


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_POST
def quote_preview(request):
    """The editor's live totals: the posted form in, the services' arithmetic out, nothing saved."""
    catalog = selectors.quote_editor_catalog(device_ids=_posted_device_ids(request.POST))
    quote_form = QuoteForm(request.POST, currencies=_currencies(request.POST.get("currency", "")[:3]))
    formset = QuoteLineFormSet(request.POST, prefix=LINE_PREFIX, form_kwargs={"catalog": catalog})
    return JsonResponse(_preview_of_forms(quote_form, formset))


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


@login_required
@permission_required("quotes.view_quote", raise_exception=True)
@require_GET
def quote_detail(request, pk):
    page = selectors.quote_get_for_page(pk=pk)
    quote, current, user = page.quote, page.current, request.user
    can_change = user.has_perm("quotes.change_quote")
    busy = current is not None and current.pdf_status in ("queued", "rendering")
    up_to_date = current is not None and current.pdf_status == "ready" and not page.pdf_outdated
    ctx = {
        "page": page,
        "quote": quote,
        "q": page.shown,
        "overrides": [line for line in page.lines if line.unit_price_override is not None],
        "can_edit": can_change and quote.is_editable,
        "edit_label": "Edit" if quote.status == Quote.Status.DRAFT else f"Edit: starts revision {quote.revision + 1}",
        "can_render": can_change and bool(page.lines) and not busy and not up_to_date and not page.price_problem,
        "can_send": can_change and quote.status == Quote.Status.DRAFT and bool(page.lines) and not page.price_problem,
        "send_blocked": quote.approval == Quote.Approval.PENDING,
        "can_approve": user.has_perm("quotes.approve_quote") and quote.approval == Quote.Approval.PENDING,
        "can_retry": can_change,
        "approved_by": formats.person_label(quote.approved_by) if quote.approved_by else "a sales manager",
        "expired": quote.is_expired(),
        "buyer_url": _buyer_url(quote, page),
        "status_url": reverse("quotes:quote-status", kwargs={"pk": quote.pk}),
        "approval_percent": settings.QUOTE_DISCOUNT_APPROVAL_PERCENT,
    }
    return render(request, "quotes/quote_detail.html", ctx)


def _buyer_url(quote: Quote, page: selectors.QuotePage) -> str:
    """The clinic's page of the sent revision, for staff to see what the buyer sees."""
    if not page.shown_is_sent or quote.status == Quote.Status.DRAFT:
        return ""
    revision = QuoteRevision(quote_id=quote.pk, number=quote.revision)
    return reverse("quotes:quote-public", kwargs={"token": quoting.quote_link_token(revision=revision)})


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
        revision = quoting.quote_pdf_request(quote=quote)
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
        quoting.quote_pdf_retry(revision=revision)
        return f"Rendering revision {number} again."

    return _quote_action(request, pk, retry)


@login_required
@permission_required("quotes.approve_quote", raise_exception=True)
@require_POST
def quote_approve(request, pk):
    def approve(quote):
        quoting.quote_approve(quote=quote, actor=request.user)
        return f"Discounts on {quote.number} approved; it can be sent."

    return _quote_action(request, pk, approve)


@login_required
@permission_required("quotes.change_quote", raise_exception=True)
@require_POST
def quote_send(request, pk):
    def send(quote):
        revision = quoting.quote_send(quote=quote, actor=request.user)
        when = "now" if revision.pdf_ready else "as soon as its PDF is rendered"
        return f"Revision {revision.number} is on its way to {quote.contact.email}: the email leaves {when}."

    return _quote_action(request, pk, send)


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
