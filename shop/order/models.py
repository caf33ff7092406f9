"""Oscar's order, forked only as far as the omnichannel checkout needs.

An order remembers how it reaches the customer: its delivery option is Oscar's
``shipping_code`` (``home-delivery``, ``click-and-collect``, ``pickup-point``), and beside it the
slot, the store or the pickup point chosen, the date it is delivered or the time it is ready,
and the language the customer shopped in (for its emails). Each line keeps the attribution of
the cart line it came from (who added it, through which channel, in which store), which the
staff sales report reads.

After it is placed, an order moves through ``OSCAR_ORDER_STATUS_PIPELINE`` by one service
(shop.order.services.change_status), which records each change with who made it and through which
channel (``OrderStatusChange``), and which steps apply depends on the delivery (``STEPS``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder, AbstractOrderStatusChange


class OrderStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PICKING = "picking", _("Being picked")
    SHIPPED = "shipped", _("Shipped")
    READY = "ready", _("Ready for pickup")
    DELIVERED = "delivered", _("Delivered")
    COLLECTED = "collected", _("Collected")
    CANCELLED = "cancelled", _("Cancelled")


# The steps an order takes, by its delivery option (Oscar's shipping code); cancelled is the way out.
SHIPPED_STEPS = (OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
STEPS = {
    "home-delivery": SHIPPED_STEPS,
    "pickup-point": SHIPPED_STEPS,
    "click-and-collect": (OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.READY, OrderStatus.COLLECTED),
}


class Order(AbstractOrder):
    delivery_slot = models.ForeignKey(
        "shipping.DeliverySlot", null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    collection_store = models.ForeignKey(
        "stores.Store", null=True, blank=True, on_delete=models.PROTECT, related_name="collection_orders"
    )
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint", null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    # Home delivery: the slot's day; pickup point: the day it arrives there.
    delivery_date = models.DateField(null=True, blank=True)
    # Click-and-collect: when the store has it ready.
    ready_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE, help_text="Of the customer's emails")
    # Click-and-collect: what the customer shows at the store, from ready until collected, and the
    # end of the day the order waits until.
    pickup_code = models.CharField(max_length=8, blank=True)
    collect_by = models.DateTimeField(null=True, blank=True, db_index=True)
    tracking_reference = models.CharField(max_length=64, blank=True, help_text="The carrier's, when shipped")
    # Delivered or collected: points are earned, and the return period runs from here.
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractOrder.Meta):
        pass

    @property
    def steps(self):
        return STEPS.get(self.shipping_code, SHIPPED_STEPS)

    def available_statuses(self):
        """The pipeline's next statuses that this order's delivery takes (and cancelling)."""
        following = super().available_statuses()
        return [status for status in following if status in self.steps or status == OrderStatus.CANCELLED]

    def set_status(self, new_status):
        """Oscar's entry point (its dashboard, its EventHandler) goes through the one service."""
        from shop.order import services

        services.change_status(self, new_status, services.Actor.system())

    @property
    def status_label(self):
        return OrderStatus(self.status).label if self.status in OrderStatus.values else self.status

    @property
    def is_completed(self):
        return self.completed_at is not None


class Line(AbstractLine):
    """An order line with the attribution of the cart line it came from. ``partner`` and
    ``stockrecord`` are where it is fulfilled from; ``store`` is where it was sold (the store of
    the associate who added it), which need not be the same."""

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=8, blank=True)
    store = models.ForeignKey("stores.Store", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(AbstractLine.Meta):
        pass


class OrderStatusChange(AbstractOrderStatusChange):
    """A status change, with who made it and how: the order's timeline and the customer's email."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, blank=True)  # web, api, tablet, dashboard, system
    note = models.CharField(max_length=255, blank=True)  # a tracking reference, why it was cancelled
    customer_told_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractOrderStatusChange.Meta):
        ordering = ["date_created", "pk"]


from oscar.apps.order.models import *  # noqa: E402, F403
