"""The checkout's handlers for Stripe events, registered with the project's one webhook endpoint
(shop.stripe_webhooks: verified, recorded once, dispatched here). They let a payment that
succeeds while the shopper's browser or app is gone still become an order, through the same
service as every other channel; a payment that can no longer become one is given back there. A
capture of an order's payment is recorded on the order once (shop.order.services)."""

from shop.checkout import services
from shop.checkout.models import Payment
from shop.checkout.payments import Intent
from shop.order import services as order_services
from shop.stripe_client import euros
from shop.stripe_webhooks.registry import handles


def _intent(event):
    data = event.object
    return Intent(
        id=data.id(),
        status=data.string("status", required=True),
        amount=euros(data.integer("amount", required=True)),
        currency=data.string("currency", required=True).upper(),
    )


# Stripe sends amount_capturable_updated when an authorisation (click-and-collect) succeeds, and
# succeeded when a payment is captured; localstripe sends succeeded for both.
@handles("payment_intent.succeeded", "payment_intent.amount_capturable_updated")
def payment_authorised(event):
    intent = _intent(event)
    payment = Payment.objects.filter(intent_id=intent.id).select_related("checkout").first()
    if payment is None:
        return  # not a checkout's (a membership invoice's, say)
    try:
        services.place_order(payment.checkout, intent)
    except services.CheckoutError:
        return  # refused: the service recorded why and is giving the payment back
    # A click-and-collect payment captured at the handover (or in Stripe's dashboard): recorded once.
    order_services.capture_reported(intent)


@handles("payment_intent.payment_failed")
def payment_failed(event):
    data = event.object
    message = data.object("last_payment_error").string("message") or ""
    if message:
        Payment.objects.filter(intent_id=data.id()).update(last_error=message[:255])
