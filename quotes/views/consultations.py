"""The buyer's consultation pages: the general form (and what embedded forms post to), and the receipt."""

from urllib.parse import urlsplit

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from config import vendor
from config.clientip import client_ip
from quotes.errors import RateLimited
from quotes.forms.leads import ConsultationForm
from quotes.leads import intake, selectors, validation
from quotes.models import ConsultationRequest


def _referring_page(request) -> str:
    """The same-site page that linked to the general form, as a path."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return validation.page_url_clean(parts.path + (f"?{parts.query}" if parts.query else ""))
    return request.get_full_path()


def _origin(request, form: ConsultationForm) -> intake.RequestOrigin:
    return intake.RequestOrigin(
        source=ConsultationRequest.Source.FORM,
        page_url=form.page_url(),
        utm=form.utm(),
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


@require_http_methods(["GET", "POST"])
def consultation_create(request):
    rate_limit = retry_after = None
    if request.method == "POST":
        form = ConsultationForm(
            request.POST, device_choices=selectors.consultation_device_choices(selected=request.POST.getlist("devices"))
        )
        if form.is_valid():
            try:
                submission = intake.consultation_submit(
                    data=form.consultation_data(), origin=_origin(request, form), form_signal=form.spam_reason()
                )
            except RateLimited as exc:
                rate_limit, retry_after = exc.message, exc.retry_after
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
        "response_hours": vendor.first_response_label(),
    }
    response = render(request, "quotes/consultation_form.html", ctx, status=429 if rate_limit else 200)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@require_GET
def consultation_received(request, reference):
    consultation = selectors.consultation_get_by_reference(reference=reference)
    ctx = {
        "consultation": consultation,
        "first_name": consultation.name.split()[0] if consultation.name.split() else "",
        "masked_email": _masked_email(consultation.email),
        "devices": list(consultation.devices.all()),
        "response_hours": vendor.first_response_label(),
    }
    return render(request, "quotes/consultation_received.html", ctx)


def _masked_email(email: str) -> str:
    # The page's address is unguessable, but it need not spell out the whole mailbox.
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * 3}@{domain}"
