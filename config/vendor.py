"""The vendor's own details and promises as the public pages, forms and emails state them: one home each.

Both apps read these (the catalog's pages, the quotes app's forms and emails), so they live in
a plain module over settings rather than in either app.
"""

import re
from dataclasses import dataclass

from django.conf import settings


def first_response_label() -> str:
    """The first-response promise in words, such as "4 working hours" (LEAD_FIRST_RESPONSE_HOURS)."""
    hours = settings.LEAD_FIRST_RESPONSE_HOURS
    value = int(hours) if float(hours).is_integer() else hours
    return f"{value} working hour{'s' if value != 1 else ''}"


@dataclass(frozen=True)
class VendorContact:
    name: str
    address: list[str]
    email: str
    phone: str
    messaging_label: str
    messaging_url: str
    registration: str

    @property
    def phone_href(self) -> str:
        """The phone as a tel: link (digits and a leading plus only)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""


def contact() -> VendorContact:
    """How a buyer reaches the vendor: the SELLER_* settings the quote letterhead also uses."""
    seller = settings.QUOTE_SELLER
    return VendorContact(
        name=seller["name"],
        address=list(seller["address"]),
        email=seller["email"],
        phone=seller["phone"],
        messaging_label=seller["messaging_label"],
        messaging_url=seller["messaging_url"],
        registration=seller["registration"],
    )
