"""The delivery options a cart can use, and the rules on their charges.

Options are listed in ``Repository.options``; rules wrap every option, so an option added later
(click-and-collect, pickup points, time slots) is covered by them without knowing about them.
Today's one rule: members of the loyalty programme pay nothing for delivery.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods, repository
from oscar.core import prices

from shop.partner.strategy import split_vat


class HomeDelivery(methods.FixedPrice):
    code = "home-delivery"
    name = _("Home delivery")

    def __init__(self):
        charge = Decimal(settings.SHOP_HOME_DELIVERY_CHARGE)
        excl_tax, _tax = split_vat(charge, Decimal(settings.SHOP_VAT_RATE))
        super().__init__(charge_excl_tax=excl_tax, charge_incl_tax=charge)


class MemberFreeDelivery(methods.Base):
    """An option at no charge for a member, showing what it would have cost."""

    is_discounted = True
    discount_name = _("Free delivery for members")

    def __init__(self, method):
        self.method = method
        self.code = method.code
        self.name = method.name
        self.description = _("Free for members")

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


class Repository(repository.Repository):
    def options(self):
        return [HomeDelivery()]

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        options = self.options()
        if basket.owner_id and is_member(basket):
            return [MemberFreeDelivery(option) for option in options]
        return options


def delivery_saving(order):
    """What the member rule saved on an order's delivery: the option's regular charge."""
    if order.shipping_incl_tax:
        return Decimal("0.00")
    for option in Repository().options():
        if option.code == order.shipping_code:
            return option.charge_incl_tax
    return Decimal("0.00")
