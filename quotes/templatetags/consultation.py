"""The consultation form for pages outside this app (device pages, later articles)."""

from django import template

from quotes.forms.leads import ConsultationForm
from quotes.leads import pipeline

register = template.Library()


@register.inclusion_tag("quotes/includes/consultation_embed.html", takes_context=True)
def consultation_form(context, device=None, also=()):
    """The form pre-filled with `device`, offering it and `also` (devices the page already loaded).

    Uses only objects the page has fetched, so embedding the form adds no queries; the
    general consultation page offers every device.
    """
    request = context.get("request")
    devices = [d for d in [device, *also] if d is not None]
    device_choices = _grouped(devices)
    treatments = list(device.treatments.all()) if device is not None else []
    initial = {"devices": [device.slug]} if device is not None else {}
    if request is not None:
        initial["page"] = request.path
        initial.update({key: value for key, value in request.GET.items() if key.startswith("utm_")})
    form = ConsultationForm(
        initial=initial,
        device_choices=device_choices,
        treatment_choices=[(t.slug, t.name) for t in treatments],
    )
    return {
        "form": form,
        "device": device,
        "response_hours": pipeline.response_window_label(),
        "csrf_token": context.get("csrf_token"),
        "SALES_EMAIL": context.get("SALES_EMAIL"),
    }


def _grouped(devices) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for device in devices:
        groups.setdefault(device.family.name, []).append((device.slug, device.name))
    return list(groups.items())
