"""The returns' background work, queued through the outbox in the transaction that makes it
necessary and safe to run twice: the refund of a received return, and the customer's emails."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.checkout import payments
from shop.order import queries as order_queries
from shop.order.services import stripe_source
from shop.outbox.services import enqueue
from shop.returns.models import Return

Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")


@shared_task(bind=True, autoretry_for=(payments.StripeError,), retry_backoff=True, max_retries=8)
def refund_return(self, return_id):
    """Give the return's amount back to the card. Once: the return row is locked and a refunded
    return is skipped; the Stripe refund carries the key ``return-<code>`` and is looked up by it
    before a new one is made (a lost answer). The "refunded" payment event takes back the points
    those lines earned (loyalty)."""
    with transaction.atomic():
        locked = Return.objects.select_for_update().select_related("order").get(pk=return_id)
        if locked.status != Return.Status.RECEIVED:
            return f"nothing to do ({locked.status})"
        order = locked.order
        source = stripe_source(order)
        if locked.amount > 0 and source is not None:
            locked.refund_id = payments.refund(source.reference, locked.amount, f"return-{locked.code}")
            Source.objects.filter(pk=source.pk).update(amount_refunded=F("amount_refunded") + locked.amount)
            Transaction.objects.create(
                source=source,
                txn_type=Transaction.REFUND,
                amount=locked.amount,
                reference=locked.refund_id,
                status="succeeded",
            )
            event_type, _created = PaymentEventType.objects.get_or_create(
                code="refunded", defaults={"name": "Refunded"}
            )
            PaymentEvent.objects.create(order=order, event_type=event_type, amount=locked.amount, reference=locked.code)
        locked.status, locked.refunded_at = Return.Status.REFUNDED, timezone.now()
        locked.save(update_fields=["status", "refunded_at", "refund_id"])
        enqueue(send_return_email, locked.pk, "refunded")
    return f"refunded {locked.amount} for return {locked.code}"


TOLD = {"requested": "requested_told_at", "refunded": "refunded_told_at"}


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_return_email(self, return_id, step):
    """Tell the customer their return code (and label), or that the refund is made; once each."""
    field = TOLD[step]
    with transaction.atomic():
        locked = Return.objects.select_for_update().select_related("order").get(pk=return_id)
        order = locked.order
        if getattr(locked, field) is not None:
            return "already told"
        if not order.email:
            return "no address"
        label = reverse("orders:return", kwargs={"number": order.number, "code": locked.code})
        with translation.override(order.language):
            context = {
                "return": locked,
                "order": order,
                "step": step,
                "lines": locked.lines.select_related("order_line"),
                "label_url": order_queries.absolute(label),
                "tracking_url": order_queries.absolute(order_queries.tracking_path(order)),
                "shop_name": settings.OSCAR_SHOP_NAME,
            }
            subject = render_to_string("returns/emails/subject.txt", context).strip()
            text = render_to_string("returns/emails/body.txt", context)
        EmailMultiAlternatives(subject, text, to=[order.email]).send()
        Return.objects.filter(pk=locked.pk).update(**{field: timezone.now()})
    return f"told {order.email}: return {locked.code} {step}"
