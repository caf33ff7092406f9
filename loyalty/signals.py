"""Loyalty listens to Oscar: a placed order earns points and records its saving; a refund
(a payment event of type "refunded", which Oscar's EventHandler creates) takes points back."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from loyalty import services

PaymentEvent = get_model("order", "PaymentEvent")
REFUND_EVENT_CODES = {"refunded", "refund", "returned"}


@receiver(order_placed, dispatch_uid="loyalty.order_placed")
def order_placed_earns_points(sender, order, user=None, **kwargs):
    from shop.shipping.repository import delivery_saving

    services.record_order(order, delivery_saving=delivery_saving(order))


@receiver(post_save, sender=PaymentEvent, dispatch_uid="loyalty.refund_reverses_points")
def refund_reverses_points(sender, instance, created, **kwargs):
    if created and instance.event_type.code in REFUND_EVENT_CODES:
        services.reverse_points_for_refund(instance)
