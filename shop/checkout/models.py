"""The checkout's state, kept in the database so that the web shop, the API and Stripe's webhooks
all see the same checkout of a cart (Oscar keeps it in the session, which an app or a webhook
does not have).

A cart has one checkout. It is ``open`` while the shopper chooses how it is delivered and gives
an address; ``paying`` from the moment the payment starts: the stock is reserved, a delivery slot
is held, the cart is frozen (no channel can change it) and a Stripe PaymentIntent exists for the
exact total; ``placed`` once the order exists. A declined card, a cancelled payment or an expired
reservation take a paying checkout back to ``open``.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A hold (the stock, the slot) lasts this much past the time the shopper is shown, so that a
# payment Stripe reports a few seconds late (its event takes a moment) still finds it; later, the
# payment is given back and the sweep lets the hold go.
HOLD_GRACE = datetime.timedelta(minutes=1)


class Method(models.TextChoices):
    """The delivery options; the values are the Oscar shipping method codes."""

    HOME = "home-delivery", _("Home delivery")
    COLLECT = "click-and-collect", _("Click-and-collect")
    PICKUP_POINT = "pickup-point", _("Pickup point")


class Checkout(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Choosing delivery and address")
        PAYING = "paying", _("Paying")
        PLACED = "placed", _("Placed")

    basket = models.OneToOneField("basket.Basket", on_delete=models.CASCADE, related_name="checkout")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.EmailField(blank=True, help_text="Where the confirmation goes (a guest's, or the account's)")
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    channel = models.CharField(max_length=8, default="web")
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    slot = models.ForeignKey("shipping.DeliverySlot", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    store = models.ForeignKey("stores.Store", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Home delivery: the delivery address; other options: the name and phone of who collects.
    address = models.JSONField(default=dict, blank=True)
    # While paying: until when the stock and the slot are held.
    reserved_until = models.DateTimeField(null=True, blank=True, db_index=True)
    order = models.OneToOneField(
        "order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="checkout"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # A paying checkout always has its delivery chosen and its hold's end.
            models.CheckConstraint(
                condition=~Q(status="paying") | (~Q(method="") & Q(reserved_until__isnull=False)),
                name="paying_checkout_has_delivery_and_hold",
            ),
        ]

    def __str__(self):
        return f"Checkout of cart {self.basket_id} ({self.status})"

    @property
    def payment(self):
        """The PaymentIntent of the current attempt (the newest), or None."""
        return self.payments.order_by("-created", "-id").first()


class Payment(models.Model):
    """One Stripe PaymentIntent of a checkout, for the exact total of the cart at one version.

    A PaymentIntent belongs to one checkout, and a checkout makes at most one order, so one
    PaymentIntent never makes two orders. ``status`` is Stripe's, as last seen.
    """

    class Outcome(models.TextChoices):
        NONE = "", _("Pending or used")
        ORDER = "order", _("Made the order")
        RELEASED = "released", _("Cancelled: nothing was charged")
        REFUNDED = "refunded", _("Refunded")

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="payments")
    intent_id = models.CharField(max_length=255, unique=True)
    client_secret = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    # "manual" (click-and-collect: authorised now, captured at the handover) or "automatic".
    capture_method = models.CharField(max_length=10)
    basket_version = models.PositiveIntegerField(help_text="The cart's version this total is for")
    status = models.CharField(max_length=32, default="requires_payment_method")
    confirmations = models.PositiveSmallIntegerField(default=0, help_text="Confirmation attempts (cards tried)")
    last_error = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    # Why a payment was given back, for the customer service and the customer's email.
    outcome_reason = models.CharField(max_length=255, blank=True)
    # When Stripe carried out a release or a refund (shop.checkout.tasks.settle_payment), and when
    # the customer was told that money taken or held was given back.
    settled_at = models.DateTimeField(null=True, blank=True)
    customer_told_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.intent_id} {self.amount} {self.currency} ({self.status})"


class StockReservation(models.Model):
    """Units of one stock record held for a checkout that is paying, until ``expires_at``."""

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="reservations")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkout", "stockrecord"], name="one_reservation_per_checkout_and_record")
        ]

    def __str__(self):
        return f"{self.quantity} of {self.stockrecord_id} for {self.checkout_id}"
