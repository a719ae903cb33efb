"""The client's address, one rule for every caller: the admin lockout (axes), the API throttles, the
consultation rate limit and the address stored with a request or an acceptance.

`PROXY_COUNT` says how many reverse proxies stand in front of the app, each adding the address it
saw to `X-Forwarded-For`. With none, only the socket's address counts and the header is ignored
(anyone can send one). With N, the client is the address the outermost proxy saw: the N-th from the
right of the chain the proxies built (the last proxy's own address is REMOTE_ADDR, not in the
header), so whatever a client wrote into the header itself, further left, is never taken.
django-ipware reads the header (IPv6, ports, RFC 7239 forms, junk entries).
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the configured proxies report it, or None when there is none."""
    proxies = settings.PROXY_COUNT
    if proxies:
        # ipware counts the proxies listed in the header, which leaves out the last one (REMOTE_ADDR).
        forwarded, _ = get_client_ip(
            request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if forwarded is not None:
            return forwarded
    # No proxy configured, or a request that did not come through them (a health check): the socket.
    address, _ = get_client_ip(request, proxy_count=0, request_header_order=["REMOTE_ADDR"], strict=False)
    return address
