"""The checkout's background work: the order confirmation and carrying out at Stripe what becomes
of a payment that did not make an order (a release or a refund, and the customer's email), each
queued through the outbox in the transaction that makes it necessary; and the sweep of payments
whose hold ran out (beat). Each is safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from shop.checkout import payments
from shop.checkout.models import Payment
from shop.order.queries import absolute, tracking_path
from shop.outbox.services import enqueue

Order = get_model("order", "Order")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(self, order_id):
    """Email the customer that their order was received, in the language they shopped in. Safe
    to retry and to run twice at once (the outbox may resend it while a slow first run is still
    going): the order row is locked and an order whose confirmation was already sent (Oscar
    records it as a communication event) is skipped."""
    code = OrderDispatcher.ORDER_PLACED_EVENT_CODE
    # Oscar records a sent message as an event only when its type exists, and that record is
    # what makes a retry skip the order, so make sure the type is there.
    CommunicationEventType.objects.get_or_create(
        code=code, defaults={"name": "Order placed", "category": CommunicationEventType.ORDER_RELATED}
    )
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("user").get(pk=order_id)
        if order.communication_events.filter(event_type__code=code).exists():
            return "already sent"
        send_confirmation(order)
    return f"sent confirmation of order {order.number}"


def send_confirmation(order):
    path = tracking_path(order)
    context = {
        "order": order,
        "lines": order.lines.all(),
        "user": order.user,
        "status_path": path,
        "status_url": absolute(path),
    }
    with translation.override(order.language):
        OrderDispatcher().send_order_placed_email_for_user(order, context)


@shared_task(bind=True, autoretry_for=(payments.StripeError,), retry_backoff=True, max_retries=8)
def settle_payment(self, payment_id):
    """Carry out at Stripe what the checkout decided for a payment that makes no order: release
    it (cancel the PaymentIntent: nothing is charged) or refund it in full. Once: the payment row
    is locked and a settled payment is skipped; the calls carry idempotency keys besides. A
    payment let go that went through after all (3-D Secure finished late) is refunded, not left
    charged. The customer is told by email when money had been taken or held."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("checkout").get(pk=payment_id)
        given_back = (Payment.Outcome.RELEASED, Payment.Outcome.REFUNDED)
        if payment.settled_at is not None or payment.outcome not in given_back:
            return "nothing to do"
        intent = payments.retrieve(payment.intent_id)
        held = intent.is_authorised  # money was taken or held: the customer is told
        if intent.status == "succeeded":  # taken: refunded in full
            payments.refund(payment.intent_id, payment.amount, idempotency_key=f"{payment.intent_id}-refund")
            payment.outcome, payment.status = Payment.Outcome.REFUNDED, "refunded"
        else:  # never captured: cancelling releases whatever the card holds
            if intent.status != "canceled":
                payments.cancel(payment.intent_id, idempotency_key=f"{payment.intent_id}-cancel")
            payment.status = "canceled"
        payment.settled_at = timezone.now()
        payment.save(update_fields=["outcome", "status", "settled_at", "updated"])
        if held and payment.checkout.email:
            enqueue(tell_payment_returned, payment.pk)
    return f"{payment.intent_id} {payment.status}"


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def tell_payment_returned(self, payment_id):
    """Email the customer that a payment which could not become an order was given back, and
    why, in the language they shopped in; once."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("checkout").get(pk=payment_id)
        if payment.customer_told_at is not None:
            return "already told"
        checkout = payment.checkout
        with translation.override(checkout.language):
            context = {"payment": payment, "reason": payment.outcome_reason, "shop_name": settings.OSCAR_SHOP_NAME}
            subject = render_to_string("checkout/emails/payment_returned_subject.txt", context).strip()
            body = render_to_string("checkout/emails/payment_returned_body.txt", context)
        EmailMultiAlternatives(subject, body, to=[checkout.email]).send()
        payment.customer_told_at = timezone.now()
        payment.save(update_fields=["customer_told_at", "updated"])
    return f"told {checkout.email}"


@shared_task
def expire_payments():
    """Beat: end the payments whose hold ran out (shop.checkout.services.expire_payments)."""
    from shop.checkout.services import expire_payments as expire

    return f"{expire()} expired"
