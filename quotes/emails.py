"""One way to build an email: a subject, text and HTML template triple under templates/emails/.

`emails/quote_sent` means `emails/quote_sent_subject.txt`, `emails/quote_sent.txt` and
`emails/quote_sent.html`. Every template also sees SITE_NAME, SITE_URL and SALES_EMAIL.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

Attachment = tuple[str, bytes, str]  # (file name, content, MIME type)


def email_message(
    *,
    template: str,
    context: dict,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> EmailMultiAlternatives:
    """The email from `template`'s triple rendered with `context`, ready to send."""
    ctx = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SALES_EMAIL": settings.SALES_EMAIL,
        **context,
    }
    # A subject is one line, however the template wraps it.
    subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", ctx), to=to, reply_to=reply_to or None
    )
    message.attach_alternative(render_to_string(f"{template}.html", ctx), "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message
