from django.apps import AppConfig


class LoyaltyConfig(AppConfig):
    """Membership plans, memberships (Stripe subscriptions), member pricing and points.

    The member price is computed by the pricing strategy in shop.partner.strategy, which
    takes the basket owner explicitly; this app supplies the membership facts (queries), the
    state changes (services), its Stripe webhook handlers and its reactions to Oscar's signals.
    """

    name = "loyalty"
    verbose_name = "Membership and loyalty"

    def ready(self):
        from loyalty import signals, webhooks  # noqa: F401  (registers receivers and handlers)
