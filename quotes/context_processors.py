"""The consultation form for pages outside this app: catalog pages end with it (includes/consultation_embed.html).

The catalog neither imports this app nor loads its template tags: its templates include a plain
form that posts to the consultation page, with the devices the page already shows. What only this
app knows (the form's fields, the signed note of when the form was shown, the first-response
promise) reaches them as two context variables, built lazily: only a page that shows the form pays.
"""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from config import vendor
from quotes.forms.leads import ConsultationForm
from quotes.leads import validation
from quotes.quoting import worklists


def consultation(request) -> dict:
    return {
        "consultation_form": SimpleLazyObject(lambda: _embedded_form(request)),
        "consultation_response_hours": SimpleLazyObject(vendor.first_response_label),
    }


def _embedded_form(request) -> ConsultationForm:
    initial = {"page": request.path}
    initial.update({key: value for key, value in request.GET.items() if key in validation.UTM_FIELDS})
    # The embedding page offers its own devices and treatments: no choices to look up here.
    return ConsultationForm(initial=initial, device_choices=[], treatment_choices=[])


# The workspace's sections and the pages that belong to each (by URL name), for aria-current.
STAFF_SECTIONS = [
    ("Today", "quotes:sales-dashboard", {"sales-dashboard"}),
    ("Leads", "quotes:lead-list", {"lead-list", "lead-detail"}),
    ("Pipeline", "quotes:pipeline-board", {"pipeline-board"}),
    ("Quotes", "quotes:quote-list", {"quote-list", "quote-detail", "quote-create", "quote-edit", "quote-send"}),
]


def staff_nav(request) -> dict:
    """The sales workspace's navigation, built only on pages that show it (one count query for managers)."""
    return {"staff_nav": SimpleLazyObject(lambda: _staff_nav(request))}


def _staff_nav(request) -> list[dict]:
    user = request.user
    current = request.resolver_match.url_name if request.resolver_match else ""
    items = [
        {"label": label, "url": reverse(name), "current": current in pages} for label, name, pages in STAFF_SECTIONS
    ]
    if user.has_perm("quotes.approve_quote"):
        waiting = worklists.approvals_waiting_count()
        items.append(
            {
                "label": "Approvals",
                "url": reverse("quotes:approval-list"),
                "current": current == "approval-list",
                "count": waiting,
                "alert": bool(waiting),
            }
        )
    if user.is_staff:
        items.append({"label": "Catalog admin", "url": reverse("admin:index"), "current": False})
    return items
