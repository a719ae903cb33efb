"""The app's small error types: valid input in the wrong state, and the hitches a task retries.

Bad input is Django's ValidationError everywhere (QuoteInvalid adds each line's problems).
The views show these errors as a message beside the page, the API as 409 (state) or 429.
"""

from django.core.exceptions import ValidationError


class LeadStateError(Exception):
    """A valid action the lead's current state does not allow."""


class QuoteStateError(Exception):
    """A valid action the quote's (or its lead's) current state does not allow."""


class RateLimited(Exception):
    """Too many requests from one address or mailbox; `retry_after` is in seconds."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class IdempotencyConflict(Exception):
    """An Idempotency-Key came back with a different request body."""


class LinkError(Exception):
    """A buyer's quote link that cannot be honoured; `kind` picks the page the buyer sees."""

    def __init__(self, kind: str, quote=None):
        super().__init__(kind)
        self.kind = kind
        self.quote = quote


class QuoteInvalid(ValidationError):
    """Bad quote input: field errors by name, and each line's problems by its index in the input (0-based).

    The line problems also appear under "lines" as "Line 2: ...", for callers that only show
    messages; callers that place errors beside lines read `line_errors` instead.
    """

    def __init__(self, fields: dict[str, list[str]], line_errors: dict[int, list[str]]):
        messages = {name: list(texts) for name, texts in fields.items()}
        for index, problems in sorted(line_errors.items()):
            messages.setdefault("lines", []).extend(f"Line {index + 1}: {problem}" for problem in problems)
        super().__init__(messages)
        self.fields = {name: list(texts) for name, texts in fields.items()}
        self.line_errors = {index: list(problems) for index, problems in line_errors.items()}


class NotificationSendError(Exception):
    """The mail server did not take the email; the claim is released for a retry."""


class AttachmentNotReady(Exception):
    """The PDF an email carries is not rendered yet; the send waits for it."""


class RenderBusy(Exception):
    """Another task holds the render claim; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"render in progress elsewhere; retry in {retry_after} s")
        self.retry_after = retry_after


class RenderError(Exception):
    """A render failed in a way worth retrying (a storage hiccup, ...)."""
