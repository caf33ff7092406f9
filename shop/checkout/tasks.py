from celery import shared_task
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.urls import reverse
from oscar.core.loading import get_class, get_model

Order = get_model("order", "Order")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")


def order_status_path(order):
    if order.is_anonymous:
        return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    return reverse("customer:order", kwargs={"order_number": order.number})


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(self, order_id):
    """Email the customer that their order was received. Safe to retry and to run twice at once
    (the outbox may resend it while a slow first run is still going): the order row is locked
    and an order whose confirmation was already sent (Oscar records it as a communication event)
    is skipped."""
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
    path = order_status_path(order)
    site = Site.objects.get_current()
    context = {
        "order": order,
        "lines": order.lines.all(),
        "user": order.user,
        "status_path": path,
        "status_url": f"{settings.OSCAR_URL_SCHEMA}://{site.domain}{path}",
    }
    OrderDispatcher().send_order_placed_email_for_user(order, context)
