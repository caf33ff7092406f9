from allauth.account.adapter import DefaultAccountAdapter

from shop.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with the shop's rule for the client's address behind trusted proxies, so that
    failed sign-ins are counted per client and not per load balancer."""

    def get_client_ip(self, request):
        return client_ip(request)
