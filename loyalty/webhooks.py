"""Loyalty's handlers for Stripe events, registered with the project's one webhook endpoint
(shop.stripe_webhooks). Each receives a verified event, once, and reads its object through the
Payload readers, which refuse a malformed field (the endpoint answers 400, nothing is written)."""

from loyalty import gateway, services
from shop.stripe_webhooks.registry import handles


def _subscription_of(invoice):
    # Legacy API versions name the subscription on the invoice, newer ones under parent.
    return invoice.id("subscription", required=False) or (
        invoice.object("parent").object("subscription_details").id("subscription", required=False)
    )


@handles("customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted")
def subscription_changed(event):
    subscription = event.object
    details = subscription.object("cancellation_details")
    services.apply_stripe_state(
        subscription.id(),
        subscription.string("status", required=True),
        event.created,
        period_end=gateway.period_end(subscription),
        cancel_at_period_end=subscription.flag("cancel_at_period_end"),
        reason=services.Reason.PAYMENT_FAILED if details.string("reason") == "payment_failed" else None,
        customer_id=subscription.id("customer", required=False),
    )


@handles("invoice.payment_succeeded", "invoice.paid")
def invoice_paid(event):
    invoice = event.object
    subscription_id = _subscription_of(invoice)
    invoice_id, amount = invoice.id(), invoice.integer("amount_paid", required=True)
    lines = invoice.object("lines").objects("data")
    period_end = lines[0].object("period").timestamp("end") if lines else None
    customer_id = invoice.id("customer", required=False)
    if subscription_id:
        services.record_payment(
            subscription_id, invoice_id, amount, event.created, period_end=period_end, customer_id=customer_id
        )


@handles("invoice.payment_failed")
def invoice_failed(event):
    subscription_id = _subscription_of(event.object)
    if subscription_id:
        services.apply_stripe_state(subscription_id, "past_due", event.created)
