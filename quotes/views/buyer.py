"""The buyer's quote pages, reached by the signed link in the email: read, download, accept, decline.

The link is a bearer credential to personal data (names, email, phone, prices): every answer
is `Cache-Control: private, no-store`, so no shared cache or back-button copy keeps it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from config.clientip import client_ip
from quotes import errors
from quotes.quoting import rendering, sending

bearer_page = cache_control(private=True, no_store=True)

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
        return sending.quote_from_link(token=token), None
    except errors.LinkError as exc:
        title, text = LINK_PROBLEMS[exc.kind]
        ctx = {"title": title, "text": text, "kind": exc.kind}
        return None, render(
            request, "quotes/quote_link_problem.html", ctx, status=410 if exc.kind != "invalid" else 404
        )


@require_GET
@bearer_page
def quote_public(request, token):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    # Staff opening the clinic's page to check it are not the clinic reading it.
    staff_preview = request.user.has_perm("quotes.view_quote")
    if not staff_preview:
        sending.quote_view_record(quote=quote, revision=revision)
    return render(
        request, "quotes/quote_public.html", _page_context(quote, revision, token, staff_preview=staff_preview)
    )


def _page_context(quote, revision, token, **answer) -> dict:
    return {
        "quote": quote,
        "revision": revision,
        "q": revision.snapshot,
        "token": token,
        "expired": quote.is_expired(),
        "withdrawn": sending.quote_is_withdrawn(quote=quote),
        "evidence": sending.acceptance_evidence(quote=quote),
        "accept_errors": {},
        "decline_errors": {},
        **answer,
    }


def _pdf_pending(request):
    ctx = {"title": "The PDF is being prepared", "text": "Please try again in a minute.", "kind": "pending"}
    return render(request, "quotes/quote_link_problem.html", ctx, status=409)


@require_GET
@bearer_page
def quote_public_pdf(request, token):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    if not revision.pdf_ready:
        return _pdf_pending(request)
    try:
        handle = revision.pdf.open("rb")
    except OSError:
        # The storage lost the file: render it again; the buyer is asked to come back in a minute.
        rendering.quote_pdf_file_lost(revision=revision)
        return _pdf_pending(request)
    return FileResponse(handle, content_type="application/pdf", filename=f"{quote.number}-rev{revision.number}.pdf")


@require_POST
@bearer_page
def quote_public_answer(request, token, answer):
    found, problem = _quote_from_token(request, token)
    if problem:
        return problem
    quote, revision = found
    try:
        if answer == "accept":
            sending.quote_accept(
                quote=quote,
                revision=revision,
                name=request.POST.get("name", ""),
                confirmed=request.POST.get("confirm") == "on",
                ip_address=client_ip(request),
                po_number=request.POST.get("po_number", ""),
            )
        else:
            sending.quote_decline(quote=quote, revision=revision, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        ctx = _page_context(
            quote,
            revision,
            token,
            accept_errors=exc.message_dict if answer == "accept" else {},
            decline_errors=exc.message_dict if answer != "accept" else {},
            name=request.POST.get("name", ""),
            po_number=request.POST.get("po_number", ""),
            reason=request.POST.get("reason", ""),
        )
        return render(request, "quotes/quote_public.html", ctx, status=400)
    except errors.QuoteStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            "Thank you: your acceptance is recorded and a receipt is on its way by email. "
            "Your contact will be in touch about delivery."
            if answer == "accept"
            else "Your answer is recorded. Thank you for letting us know.",
        )
    return redirect("quotes:quote-public", token=token)
