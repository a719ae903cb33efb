"""Log lines never carry a buyer's whole quote link: its signed token is a bearer credential.

A request for `/quote/<token>/…` is logged by Django (a 404 for a bad link, a 500), by the
development server and by gunicorn's access log. All of them go through `redact`, which keeps
the first characters of the token (enough to match a support request) and drops the rest.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

KEPT_CHARACTERS = 8
_LINK_CHARACTER = r"[^/\s?#\"']"
_QUOTE_LINK = re.compile(rf"(/quote/)({_LINK_CHARACTER}{{0,{KEPT_CHARACTERS}}}){_LINK_CHARACTER}*")


def redact(text: str) -> str:
    return _QUOTE_LINK.sub(r"\1\2…", text)


class RedactQuoteLinks(logging.Filter):
    """A handler filter: the formatted message with quote tokens cut short."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger with quote tokens cut short in access lines (request line, path, referrer, headers)."""

    def atoms(self, resp, req, environ, request_time):
        found = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) if isinstance(value, str) else value for name, value in found.items()}
