"""The client's IP address, the one rule that every rate limit counts by (allauth's sign-in
limits, the API's throttles, failed voucher codes)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address the outermost of the ``TRUSTED_PROXY_COUNT`` proxies in front of the shop saw.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client's address is
    that many entries from the end; anything further left was written by the client and is
    ignored. Without trusted proxies, or when the header holds no valid address there, the
    connecting address counts (DRF's NUM_PROXIES rule, without allauth's 500 on a short header).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        try:
            return str(ipaddress.ip_address(hops[-min(proxies, len(hops))]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")
