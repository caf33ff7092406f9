"""The delivery options a cart can use, as Oscar shipping methods, and the rules on their charges.

Options: home delivery (in a time slot), click-and-collect (at a store) and a pickup point
(a parcel locker or partner shop). Where and when each can serve a cart (the slots, the stores
that have every line, the points near a postcode, the dates) is the checkout's work
(shop.checkout.delivery); this module prices them. Rules wrap every option, so an option added
later is covered without knowing about them: members pay nothing for any option, and a cart
whose goods reach ``SHOP_FREE_DELIVERY_FROM`` is delivered free.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods, repository
from oscar.core import prices
from oscar.templatetags.currency_filters import currency

from shop.partner.strategy import split_vat


class ChargedOption(methods.FixedPrice):
    """A delivery option at a fixed charge (VAT included) from a setting."""

    charge_setting = None

    def __init__(self):
        charge = Decimal(getattr(settings, self.charge_setting))
        excl_tax, _tax = split_vat(charge, Decimal(settings.SHOP_VAT_RATE))
        super().__init__(charge_excl_tax=excl_tax, charge_incl_tax=charge)


class HomeDelivery(ChargedOption):
    code = "home-delivery"
    name = _("Home delivery")
    description = _("To your door in the time slot you choose")
    charge_setting = "SHOP_HOME_DELIVERY_CHARGE"


class ClickAndCollect(ChargedOption):
    code = "click-and-collect"
    name = _("Click-and-collect")
    description = _("Collect it from a store that has everything in stock")
    charge_setting = "SHOP_COLLECT_CHARGE"


class PickupPointDelivery(ChargedOption):
    code = "pickup-point"
    name = _("Pickup point")
    description = _("A parcel locker or partner shop near you")
    charge_setting = "SHOP_PICKUP_POINT_CHARGE"


class FreeByRule(methods.Base):
    """An option at no charge by a rule, showing what it would have cost and why it is free."""

    is_discounted = True

    def __init__(self, method, reason, for_members=False):
        self.method = method
        self.code = method.code
        self.name = method.name
        self.description = method.description
        self.discount_name = reason
        self.for_members = for_members  # the membership's saving, or a threshold's

    def calculate_excl_discount(self, basket):
        return self.method.calculate(basket)

    def calculate(self, basket):
        return prices.Price(currency=basket.currency, excl_tax=Decimal("0.00"), tax=Decimal("0.00"))

    def discount(self, basket):
        return self.method.calculate(basket).incl_tax


def is_member(basket):
    # The strategy the basket is priced with knows its owner's membership (read once).
    status = getattr(getattr(basket, "strategy", None), "member_status", None)
    if status is None:
        from loyalty.queries import member_status

        status = member_status(basket.owner)
    return status.is_member


def free_delivery_threshold():
    return Decimal(settings.SHOP_FREE_DELIVERY_FROM)


class Repository(repository.Repository):
    def options(self):
        return [HomeDelivery(), ClickAndCollect(), PickupPointDelivery()]

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        options = self.options()
        # The threshold first: over it delivery is free for everyone, so membership saves nothing.
        threshold = free_delivery_threshold()
        if basket.total_incl_tax >= threshold:
            reason = _("Free for orders of %(amount)s or more") % {"amount": currency(threshold)}
            return [FreeByRule(option, reason) for option in options]
        if basket.owner_id and is_member(basket):
            return [FreeByRule(option, _("Free for members"), for_members=True) for option in options]
        return options

    def get_shipping_method(self, basket, code, **kwargs):
        """The option with ``code`` for this cart (with its rules), or None."""
        for method in self.get_shipping_methods(basket, **kwargs):
            if method.code == code:
                return method
        return None


def delivery_saving(order):
    """What the member rule saved on an order's delivery: what the customer would have paid
    without membership (nothing when the order was over the free-delivery threshold anyway)."""
    if order.shipping_incl_tax or order.user is None:
        return Decimal("0.00")
    if order.basket_total_incl_tax >= free_delivery_threshold():
        return Decimal("0.00")
    for option in Repository().options():
        if option.code == order.shipping_code:
            return option.charge_incl_tax
    return Decimal("0.00")
