from django.apps import AppConfig


class StripeWebhooksConfig(AppConfig):
    """The project's one Stripe webhook endpoint: verifies, records and dispatches events to the
    handlers that apps register (shop.stripe_webhooks.registry)."""

    name = "shop.stripe_webhooks"
    label = "stripe_webhooks"
    verbose_name = "Stripe webhooks"
