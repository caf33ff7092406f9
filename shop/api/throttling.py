"""DRF's throttles counting anonymous clients by the shop's client-IP rule (shop.client_ip)."""

from rest_framework import throttling

from shop.client_ip import client_ip


class ClientIpMixin:
    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(ClientIpMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIpMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
    """Views with a ``throttle_scope`` get that scope's budget besides the general one."""
