"""What the sales groups may do with leads (least privilege); catalog editors get nothing here."""

from catalog.roles import SALES, roles_ensure

SALES_MANAGERS = "Sales managers"

_SALES = {
    "lead": ("view", "change"),
    "contact": ("view", "change"),
    "clinic": ("view", "change"),
    # Change on requests only powers the "not spam" action; their fields stay read-only.
    "consultationrequest": ("view", "change"),
    "activity": ("view", "add"),
    "notification": ("view",),
    "territory": ("view",),
    "quote": ("view", "add", "change"),
    "quoteline": ("view", "add", "change", "delete"),
    "quoterevision": ("view",),
}

QUOTES_GRANTS = {
    SALES: _SALES,
    # Managers also draw the territories and put failed emails back in the outbox.
    SALES_MANAGERS: {
        **_SALES,
        "territory": ("view", "add", "change", "delete"),
        "notification": ("view", "change"),
        # Discounts above QUOTE_DISCOUNT_APPROVAL_PERCENT wait for this.
        "quote": ("view", "add", "change", "approve"),
    },
}


def roles_ensure_from_signal(sender, **kwargs):
    roles_ensure(app_label="quotes", grants=QUOTES_GRANTS)
