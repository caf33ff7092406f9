"""The one Stripe client of the project: membership subscriptions (loyalty.gateway) and card
payments (shop.checkout.payments) both call Stripe through it, with the official SDK.

The API base comes from settings (STRIPE_API_BASE), so tests and the demo talk to localstripe and
production to Stripe with the same code. Each call waits at most STRIPE_TIMEOUT_SECONDS and is not
retried by the SDK (a retry would double the wait of a Stripe that hangs); the callers decide
what a lost answer means, and calls that move money carry an idempotency key.
"""

from decimal import Decimal

import stripe
from django.conf import settings

CardError = stripe.CardError
StripeError = stripe.StripeError
# Stripe did not answer (a timeout) or could not be reached; whether it acted is unknown.
APIConnectionError = stripe.APIConnectionError


def client():
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
        max_network_retries=0,
    )


def cents(amount):
    """An amount in euros (Decimal or str) as Stripe's integer minor units."""
    return int((Decimal(amount) * 100).to_integral_value())


def euros(minor_units):
    return (Decimal(minor_units) / 100).quantize(Decimal("0.01"))
