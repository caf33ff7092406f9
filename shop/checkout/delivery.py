"""Which delivery options can serve a cart, what each costs and when it arrives or is ready.

The options are Oscar shipping methods (shop.shipping.repository, which prices them and applies
the rules: free for members, free over a threshold). This module adds where and when:

- home delivery: the bookable slots with the places left in each (a full slot is listed as full);
  possible when the online warehouse has every line;
- click-and-collect: every collection store, with when it would have the order ready, or what it
  lacks (stores that lack a line are listed with the shortage, not hidden);
- pickup point: the points near a postcode and the day the parcel arrives; possible when the
  online warehouse has every line.

Stock per location comes from the pricing strategy (``Selector().strategy(location=...)``): a
record's units less those allocated to orders and those other shoppers hold right now (read live,
so a reservation that ran out counts for nothing even before the sweep removes it).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from oscar.core.loading import get_class

from shop.checkout import stock
from shop.checkout.models import HOLD_GRACE, Checkout, Method
from shop.partner.strategy import Selector
from shop.shipping import queries as shipping_queries
from shop.shipping import schedule

Repository = get_class("shipping.repository", "Repository")


@dataclass
class Charge:
    """What an option costs this cart (VAT included), what it would cost without the rule that
    makes it free, and the rule's name."""

    incl_tax: Decimal
    excl_tax: Decimal
    regular_incl_tax: Decimal
    free_reason: str = ""


@dataclass
class SlotChoice:
    slot: object
    remaining: int

    @property
    def is_full(self):
        return self.remaining <= 0


@dataclass
class StoreChoice:
    store: object
    ready_at: datetime.datetime | None
    shortages: list

    @property
    def is_available(self):
        return not self.shortages and self.ready_at is not None


@dataclass
class Option:
    code: str
    name: str
    description: str
    charge: Charge
    shortages: list = field(default_factory=list)  # what the online warehouse lacks (home, pickup point)
    slots: list = field(default_factory=list)
    stores: list = field(default_factory=list)
    points: list = field(default_factory=list)
    date: datetime.date | None = None  # pickup point: the day the parcel arrives

    @property
    def is_available(self):
        if self.shortages:
            return False
        if self.code == Method.HOME:
            return any(not choice.is_full for choice in self.slots)
        if self.code == Method.COLLECT:
            return any(choice.is_available for choice in self.stores)
        return bool(self.points)


@dataclass
class DeliveryOptions:
    home: Option
    collect: Option
    pickup_point: Option
    postcode: str = ""

    def __iter__(self):
        return iter((self.home, self.collect, self.pickup_point))


def shipping_method(basket, code):
    """The Oscar shipping method ``code`` for this cart, with its rules applied."""
    return Repository().get_shipping_method(basket, code)


def charge_of(method, basket):
    price = method.calculate(basket)
    regular = method.calculate_excl_discount(basket).incl_tax if method.is_discounted else price.incl_tax
    return Charge(
        incl_tax=price.incl_tax,
        excl_tax=price.excl_tax,
        regular_incl_tax=regular,
        free_reason=str(getattr(method, "discount_name", "")) if method.is_discounted else "",
    )


def location_strategy(basket, partner_id=None):
    """The strategy that sells the cart from a location: the cart's own (priced for its owner,
    selling from the online warehouse) unless a store is named."""
    if partner_id is None and basket.has_strategy:
        return basket.strategy
    return Selector().strategy(customer=basket.owner, location=partner_id)


def reserved_by_others(lines, checkout=None, now=None):
    """The units other shoppers hold, per stock record of these lines' products, right now (the
    live reservations: one that ran out no longer counts, swept or not)."""
    records = [record.pk for line in lines for record in line.product.stockrecords.all()]
    return stock.live_reserved(records, checkout, now)


def shortages_at(lines, strategy, reserved):
    """What the location ``strategy`` sells from lacks to serve these lines (empty: nothing);
    ``reserved`` is ``reserved_by_others``."""
    units, shortages = stock.wanted_at(lines, strategy)
    for record, quantity in units.items():
        free = stock.free_units(record, reserved)
        if free < quantity:
            shortages.append(stock.Shortage(record.product, quantity, max(free, 0)))
    return shortages


def slot_choices(slots, now, checkout=None):
    """Each slot with the places left: its capacity less the orders booked in it and the
    checkouts paying for it right now (other than ``checkout``)."""
    held = (
        Checkout.objects.filter(
            status=Checkout.Status.PAYING, reserved_until__gt=now - HOLD_GRACE, slot__in=[s.pk for s in slots]
        )
        .exclude(pk=getattr(checkout, "pk", None))
        .values("slot")
        .annotate(n=Count("id"))
    )
    holds = {row["slot"]: row["n"] for row in held}
    return [SlotChoice(slot, max(slot.capacity - slot.booked - holds.get(slot.pk, 0), 0)) for slot in slots]


def store_choices(lines, basket, now, reserved):
    return [
        StoreChoice(
            store,
            schedule.ready_at(store, now),
            shortages_at(lines, location_strategy(basket, store.partner_id), reserved),
        )
        for store in shipping_queries.collection_stores()
    ]


def _option(method, basket, **parts):
    return Option(
        code=method.code,
        name=str(method.name),
        description=str(method.description),
        charge=charge_of(method, basket),
        **parts,
    )


def delivery_options(basket, now, checkout=None, postcode=""):
    """Every option for the cart (priced for its owner), each with its choices."""
    lines = basket.all_lines()
    reserved = reserved_by_others(lines, checkout, now)
    online = shortages_at(lines, location_strategy(basket), reserved)
    methods = {method.code: method for method in Repository().get_shipping_methods(basket)}
    return DeliveryOptions(
        home=_option(
            methods[Method.HOME],
            basket,
            shortages=online,
            slots=slot_choices(schedule.bookable_slots(now), now, checkout),
        ),
        collect=_option(methods[Method.COLLECT], basket, stores=store_choices(lines, basket, now, reserved)),
        pickup_point=_option(
            methods[Method.PICKUP_POINT],
            basket,
            shortages=online,
            points=shipping_queries.pickup_points_near(postcode),
            date=schedule.pickup_point_date(now),
        ),
        postcode=postcode,
    )
