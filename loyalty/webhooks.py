"""Loyalty's handlers for Stripe events, registered with the project's one webhook endpoint
(shop.stripe_webhooks). Each receives a verified event, once."""

from loyalty import gateway, services
from shop.stripe_webhooks.registry import handles


def _subscription_of(invoice):
    # Legacy API versions name the subscription on the invoice, newer ones under parent.
    data = invoice.to_dict()
    return data.get("subscription") or ((data.get("parent") or {}).get("subscription_details") or {}).get(
        "subscription"
    )


@handles("customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted")
def subscription_changed(event):
    subscription = event.data.object
    details = subscription.to_dict().get("cancellation_details") or {}
    services.apply_stripe_state(
        subscription.id,
        subscription.status,
        gateway.timestamp(event.created),
        period_end=gateway.period_end(subscription),
        cancel_at_period_end=bool(subscription.to_dict().get("cancel_at_period_end")),
        reason=services.Reason.PAYMENT_FAILED if details.get("reason") == "payment_failed" else None,
    )


@handles("invoice.payment_succeeded", "invoice.paid")
def invoice_paid(event):
    invoice = event.data.object
    subscription_id = _subscription_of(invoice)
    if not subscription_id:
        return
    lines = invoice.to_dict().get("lines", {}).get("data") or [{}]
    services.record_payment(
        subscription_id,
        invoice.id,
        invoice.amount_paid,
        gateway.timestamp(event.created),
        period_end=gateway.timestamp((lines[0].get("period") or {}).get("end")),
    )


@handles("invoice.payment_failed")
def invoice_failed(event):
    subscription_id = _subscription_of(event.data.object)
    if subscription_id:
        services.apply_stripe_state(subscription_id, "past_due", gateway.timestamp(event.created))
