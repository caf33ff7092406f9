"""Loyalty listens to Oscar: a placed order records what membership saved and the points rate, a
completed one (delivered or collected, SHOP_ORDER_COMPLETED_STATUSES) earns its points; a refund
(a payment event of type "refunded", which Oscar's EventHandler creates) takes points back."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed, order_status_changed
from oscar.core.loading import get_model

from loyalty import services

PaymentEvent = get_model("order", "PaymentEvent")
REFUND_EVENT_CODES = {"refunded", "refund", "returned"}


@receiver(order_placed, dispatch_uid="loyalty.order_placed")
def order_placed_records_saving(sender, order, user=None, **kwargs):
    from shop.shipping.repository import delivery_saving

    services.record_member_order(order, delivery_saving=delivery_saving(order))


@receiver(order_status_changed, dispatch_uid="loyalty.order_completed")
def order_completed_earns_points(sender, order, old_status, new_status, **kwargs):
    if new_status in settings.SHOP_ORDER_COMPLETED_STATUSES:
        services.earn_points(order)


@receiver(post_save, sender=PaymentEvent, dispatch_uid="loyalty.refund_reverses_points")
def refund_reverses_points(sender, instance, created, **kwargs):
    if created and instance.event_type.code in REFUND_EVENT_CODES:
        services.reverse_points_for_refund(instance)
