"""The order's background work after it is placed, each queued through the outbox in the
transaction of the status change that makes it necessary, and each safe to run twice: the email
of a status change (in the customer's language, once), and giving back the payment of a cancelled
order. And the beat sweep of click-and-collect orders not collected in time."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.checkout import payments
from shop.order import queries

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Transaction = get_model("payment", "Transaction")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
RELEASE = "Release"  # Oscar names authorise, debit and refund; an authorisation let go is this


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_status_email(self, change_id):
    """Email the customer the step their order reached, in the language they shopped in; once,
    however often the task runs (the change row is locked and marked when sent)."""
    with transaction.atomic():
        change = OrderStatusChange.objects.select_for_update(of=("self",)).select_related("order").get(pk=change_id)
        order = change.order
        if change.customer_told_at is not None:
            return "already told"
        email = order.email
        if not email:
            return "no address"
        path = queries.tracking_path(order)
        with translation.override(order.language):
            context = {
                "order": order,
                "change": change,
                "status": change.new_status,
                "tracking_url": queries.absolute(path),
                "points": queries.points_earned_on(order),
                "return_days": settings.SHOP_RETURN_DAYS,
                "shop_name": settings.OSCAR_SHOP_NAME,
            }
            subject = render_to_string("order/emails/status_subject.txt", context).strip()
            text = render_to_string("order/emails/status_body.txt", context)
            html = render_to_string("order/emails/status_body.html", context)
        message = EmailMultiAlternatives(subject, text, to=[email])
        message.attach_alternative(html, "text/html")
        message.send()
        OrderStatusChange.objects.filter(pk=change.pk).update(customer_told_at=timezone.now())
    return f"told {email} of order {order.number}: {change.new_status}"


@shared_task(bind=True, autoretry_for=(payments.StripeError,), retry_backoff=True, max_retries=8)
def settle_cancelled_payment(self, order_id):
    """Give back the payment of a cancelled order: an authorisation is released (nothing is
    charged), a captured payment is refunded in full. Once: the source row is locked and what
    was done is recorded; the Stripe calls carry keys derived from the order besides."""
    from shop.order.services import stripe_source

    with transaction.atomic():
        order = Order.objects.get(pk=order_id)
        source = stripe_source(order)
        if source is None:
            return "no card payment"
        source = type(source).objects.select_for_update().get(pk=source.pk)
        if source.transactions.filter(txn_type__in=("Release", "Refund")).exists():
            return "already settled"
        intent = payments.retrieve(source.reference)
        if intent.status == "succeeded":
            refunded = source.amount_debited - source.amount_refunded
            if refunded > 0:
                payments.refund(source.reference, refunded, f"order-{order.number}-cancel")
                type(source).objects.filter(pk=source.pk).update(amount_refunded=source.amount_refunded + refunded)
                event_type, _created = PaymentEventType.objects.get_or_create(
                    code="refunded", defaults={"name": "Refunded"}
                )
                PaymentEvent.objects.create(
                    order=order, event_type=event_type, amount=refunded, reference=source.reference
                )
            Transaction.objects.create(
                source=source,
                txn_type=Transaction.REFUND,
                amount=refunded,
                reference=source.reference,
                status="refunded",
            )
            return f"refunded {refunded} of order {order.number}"
        if intent.status != "canceled":
            payments.cancel(source.reference, f"order-{order.number}-release")
        Transaction.objects.create(
            source=source,
            txn_type=RELEASE,
            amount=source.amount_allocated,
            reference=source.reference,
            status="canceled",
        )
    return f"released the payment of order {order.number}"


@shared_task
def expire_uncollected():
    """Beat: cancel the click-and-collect orders not collected by their deadline."""
    from shop.order.services import expire_uncollected as expire

    return f"{expire()} cancelled"
