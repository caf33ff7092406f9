"""A return: lines and quantities of one completed order that the customer sends back (or brings
to a store), identified by a code printed on its label. It is received once, at the warehouse or
in a store (where its units go back on the shelf), and then refunded once to the card."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Return(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        RECEIVED = "received", _("Received")
        REFUNDED = "refunded", _("Refunded")

    class Reason(models.TextChoices):
        CHANGED_MIND = "changed-mind", _("I changed my mind")
        NOT_AS_DESCRIBED = "not-as-described", _("It is not as described")
        DAMAGED = "damaged", _("It arrived damaged")
        WRONG_ITEM = "wrong-item", _("I received the wrong item")
        OTHER = "other", _("Another reason")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="returns")
    code = models.CharField(max_length=16, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    comment = models.CharField(max_length=500, blank=True)
    # What the card gets back: the lines' prices, and the delivery charge when everything is returned.
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where it was received: a store, or the online warehouse (None).
    received_in = models.ForeignKey("stores.Store", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    refund_id = models.CharField(max_length=255, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    requested_told_at = models.DateTimeField(null=True, blank=True)
    refunded_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="return_amount_not_negative")]

    def __str__(self):
        return f"Return {self.code} of order {self.order.number}"


class ReturnLine(models.Model):
    return_request = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.PositiveIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["return_request", "order_line"], name="one_return_line_per_order_line"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="return_line_quantity_positive"),
        ]
