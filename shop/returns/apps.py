from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Free online returns of delivered or collected orders: requested by the customer, received
    at the warehouse or in any store, refunded to the card through Stripe."""

    name = "shop.returns"
    label = "returns"
    verbose_name = "Returns"
