"""Oscar's basket, forked so that one cart serves every channel.

Every change goes through shop.basket.services, which locks the basket row, bumps its
``version`` (the cart's ETag), records who changed what through which channel and in which
store (``CartChange``), and keeps each line's attribution (``Line.added_by/channel/store``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine


class Channel(models.TextChoices):
    WEB = "web", _("Web shop")
    API = "api", _("App or API")
    TABLET = "tablet", _("Store tablet")


class CurrentBasketManager(models.Manager):
    """The carts in use: open, or frozen while their owner pays for them (still the customer's
    cart, shown on every channel, but no channel may change it)."""

    def get_queryset(self):
        return super().get_queryset().filter(status__in=(AbstractBasket.OPEN, AbstractBasket.FROZEN))


class Basket(AbstractBasket):
    # Bumped by every change (shop.basket.services); a client states the version it saw
    # (If-Match, a hidden form field) so that a stale conflicting change is refused.
    version = models.PositiveIntegerField(default=0)
    # When the one reminder email of this cart went out (a cart is reminded of once).
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    current = CurrentBasketManager()

    class Meta(AbstractBasket.Meta):
        constraints = [
            # One cart per customer: the web shop, the API and the tablets all find the same one,
            # also while it is frozen for a payment.
            models.UniqueConstraint(
                fields=["owner"], condition=Q(status__in=("Open", "Frozen")), name="one_current_basket_per_owner"
            )
        ]

    def all_lines(self):
        fresh = self.id is not None and self._lines is None
        lines = super().all_lines()
        if fresh:
            # Fetched with the lines, not per line: who added them (every page shows it), what the
            # strategy reads to price them and check stock (the product's class, its stock), and
            # the published record that names them in the shopper's language.
            self._lines = lines = lines.select_related(
                "added_by",
                "store",
                "product__product_class",
                "product__pim",
                "product__parent__product_class",
                "product__parent__pim",
            ).prefetch_related("product__stockrecords", "product__parent__images")
        return lines


class Line(AbstractLine):
    """A cart line with its attribution: who added it, through which channel, in which store.

    A member of staff adding a product the customer already has gets a line of their own (the
    line reference carries the staff member), so that each line's attribution stays exact for
    the staff sales report; lines added by the customer on any channel merge as in Oscar.
    """

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    store = models.ForeignKey("stores.Store", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The basket version at which this line last changed: a change stated against an older
    # version than this conflicts.
    version = models.PositiveIntegerField(default=0)

    class Meta(AbstractLine.Meta):
        pass

    @property
    def added_by_staff(self):
        return self.added_by_id is not None and self.added_by_id != self.basket.owner_id


class CartChange(models.Model):
    """One change to a cart: the cart's change log, shown to its owner."""

    class Action(models.TextChoices):
        ADD = "add", _("Added")
        QUANTITY = "quantity", _("Changed the quantity")
        REMOVE = "remove", _("Removed")
        MERGE = "merge", _("Brought over from an earlier visit")
        CLAIM = "claim", _("Added from a cart a store associate sent")
        SAVE = "save", _("Saved for later")
        RESTORE = "restore", _("Moved back from saved items")

    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField(help_text="The cart's version after this change")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    store = models.ForeignKey("stores.Store", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    product = models.ForeignKey("catalogue.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    quantity_before = models.PositiveIntegerField(default=0)
    quantity_after = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.product_id} ({self.quantity_before} -> {self.quantity_after})"


from oscar.apps.basket.models import *  # noqa: E402, F403
