"""The consultation form for pages outside this app: catalog pages end with it (includes/consultation_embed.html).

The catalog neither imports this app nor loads its template tags: its templates include a plain
form that posts to the consultation page, with the devices the page already shows. What only this
app knows (the form's fields, the signed note of when the form was shown, the first-response
promise) reaches them as two context variables, built lazily: only a page that shows the form pays.
"""

from django.utils.functional import SimpleLazyObject

from config import vendor
from quotes.forms.leads import ConsultationForm
from quotes.leads import validation


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
