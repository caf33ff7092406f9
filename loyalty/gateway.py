"""Every call loyalty makes to Stripe, through the project's one Stripe client
(shop.stripe_client). Subscriptions bill legacy Plans (``items=[{"plan":
id}]``), which Stripe still accepts and localstripe supports.
"""

from django.conf import settings

# The errors are re-exported for loyalty's services, which speak to Stripe only through here.
from shop.stripe_client import APIConnectionError, CardError, StripeError, cents, client  # noqa: F401
from shop.stripe_webhooks.events import Payload


class PaymentDeclined(Exception):
    """The first payment of a subscription did not go through."""


def create_plan(plan):
    """A Stripe plan billing ``plan.fee`` per interval; returns its id."""
    created = client().v1.plans.create(
        params={
            "amount": cents(plan.fee),
            "currency": settings.OSCAR_DEFAULT_CURRENCY.lower(),
            "interval": plan.interval,
            "product": {"name": f"{settings.OSCAR_SHOP_NAME} {plan.name}"},
            "metadata": {"plan_code": plan.code},
        }
    )
    return created.id


def create_customer(user, payment_method):
    """A Stripe customer paying with ``payment_method`` by default. Raises CardError when the
    card is refused already while being attached."""
    customer = client().v1.customers.create(
        params={
            "email": user.email,
            "payment_method": payment_method,
            "invoice_settings": {"default_payment_method": payment_method},
            "metadata": {"user_id": str(user.pk)},
        }
    )
    return customer.id


def subscribe(customer_id, stripe_plan_id):
    """Start a subscription, charging the first period now; returns its id. A declined first
    payment raises CardError (Stripe, error_if_incomplete) or PaymentDeclined (a subscription
    left incomplete, which is cancelled so that no unpaid subscription stays behind)."""
    stripe_client = client()
    subscription = stripe_client.v1.subscriptions.create(
        params={
            "customer": customer_id,
            "items": [{"plan": stripe_plan_id}],
            "payment_behavior": "error_if_incomplete",
        }
    )
    if subscription.status not in ("active", "trialing"):
        stripe_client.v1.subscriptions.cancel(subscription.id)
        raise PaymentDeclined(subscription.id)
    return subscription.id


def cancel_at_period_end(subscription_id):
    return client().v1.subscriptions.update(subscription_id, params={"cancel_at_period_end": True})


def retrieve_subscription(subscription_id):
    return client().v1.subscriptions.retrieve(subscription_id)


def subscriptions_of(customer_id):
    """The customer's subscriptions, newest first, whatever their status."""
    return list(client().v1.subscriptions.list(params={"customer": customer_id, "status": "all"}))


def period_end(subscription):
    """The end of the paid period: top-level on legacy API versions, per item on newer ones.
    ``subscription`` comes from the API or, as a Payload, from a webhook (whose readers refuse a
    malformed value)."""
    data = subscription if isinstance(subscription, Payload) else Payload(subscription.to_dict(), "subscription")
    end = data.timestamp("current_period_end")
    if end is None:
        items = data.object("items").objects("data")
        end = items[0].timestamp("current_period_end") if items else None
    return end
