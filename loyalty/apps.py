from django.apps import AppConfig


class LoyaltyConfig(AppConfig):
    """Membership plans, memberships (Stripe subscriptions), member pricing and points.

    The member price is computed by the pricing strategy in shop.partner.strategy, which
    already takes the basket owner explicitly; this app supplies the membership facts.
    """

    name = "loyalty"
    verbose_name = "Loyalty"
