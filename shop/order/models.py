"""Oscar's order, forked only as far as the omnichannel checkout needs.

An order remembers how it reaches the customer: its delivery option is Oscar's
``shipping_code`` (``home-delivery``, ``click-and-collect``, ``pickup-point``), and beside it the
slot, the store or the pickup point chosen, the date it is delivered or the time it is ready,
and the language the customer shopped in (for its emails). Each line keeps the attribution of
the cart line it came from (who added it, through which channel, in which store), which the
staff sales report reads.
"""

from django.conf import settings
from django.db import models
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


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

    class Meta(AbstractOrder.Meta):
        pass


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


from oscar.apps.order.models import *  # noqa: E402, F403
