"""The one place where a product's price and availability for a customer are decided.

Web pages, the API, staff tablets and store displays all reach prices through
``Selector().strategy(...)``. The strategy is chosen for the owner of the cart (``customer``),
never for the device or the member of staff who happens to be signed in. A customer with an
active membership pays the member price (``Product.member_price``) where there is one.

Availability is answered per stock location (``location``: a partner id): the online warehouse
by default (home delivery and pickup points are sent from there), a store for click-and-collect.
Stock is the location's ``StockRecord.net_stock_level``, which counts units allocated to orders
and reserved for shoppers who are paying as gone.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from oscar.apps.partner import prices, strategy
from oscar.core.loading import get_model

CENT = Decimal("0.01")


class StorefrontPrice(prices.FixedPrice):
    """Oscar's fixed price, carrying the regular and the member price beside the price charged,
    so that every channel can show the member price and the saving (or invite to join)."""

    def __init__(self, currency, excl_tax, tax, regular_incl_tax, member_incl_tax, member_applied):
        super().__init__(currency=currency, excl_tax=excl_tax, tax=tax)
        self.regular_incl_tax = regular_incl_tax
        self.member_incl_tax = member_incl_tax  # None: members pay the regular price
        self.member_applied = member_applied

    @property
    def member_saving(self):
        """What the member price saves on the regular price (0 without a member price)."""
        if self.member_incl_tax is None:
            return Decimal("0.00")
        return self.regular_incl_tax - self.member_incl_tax


class Selector:
    def strategy(self, request=None, user=None, customer=None, location=None, **kwargs):
        """Return the pricing strategy for ``customer``, with stock from ``location`` (a partner
        id; the online warehouse when None).

        Oscar's basket middleware passes the signed-in ``user``; a channel acting for someone
        else (store staff opening a customer's cart) passes that ``customer`` explicitly.
        """
        if customer is None:
            customer = user if user is not None else getattr(request, "user", None)
        return Storefront(request=request, customer=customer, location=location)


def split_vat(price_incl_tax, rate):
    """Split a VAT-inclusive price into (excl_tax, tax) so that the parts add up exactly."""
    excl_tax = (price_incl_tax / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return excl_tax, price_incl_tax - excl_tax


class Storefront(strategy.StockRequired, strategy.Structured):
    """VAT-inclusive prices from the product, stock from the location that fulfils the order.

    The price is one per product in every store and channel (``Product.price``, VAT included);
    stock is the chosen location's record (the online warehouse unless a store is named).
    """

    def __init__(self, request=None, customer=None, location=None):
        super().__init__(request)
        self.customer = customer
        self.vat_rate = Decimal(settings.SHOP_VAT_RATE)
        self._fulfilment_partner_id = location
        self._member_status = None

    @property
    def member_status(self):
        """The customer's membership now (loyalty.queries.MemberStatus), read once per strategy,
        i.e. once per request: a lapsed membership stops member prices at the next price check."""
        if self._member_status is None:
            from loyalty.queries import member_status

            self._member_status = member_status(self.customer)
        return self._member_status

    @property
    def fulfilment_partner_id(self):
        if self._fulfilment_partner_id is None:
            Partner = get_model("partner", "Partner")
            self._fulfilment_partner_id = (
                Partner.objects.filter(code=settings.SHOP_ONLINE_PARTNER_CODE).values_list("id", flat=True).first()
            ) or 0
        return self._fulfilment_partner_id

    def select_stockrecord(self, product):
        # Iterate the (usually prefetched) records rather than filtering, to add no query.
        for record in product.stockrecords.all():
            if record.partner_id == self.fulfilment_partner_id:
                return record
        return None

    def price_for(self, product):
        if product.price is None:
            return prices.Unavailable()
        member_price = product.member_price
        if member_price is not None and member_price >= product.price:
            member_price = None  # not a saving: members pay the regular price
        applied = member_price is not None and self.member_status.is_member
        excl_tax, tax = split_vat(member_price if applied else product.price, self.vat_rate)
        return StorefrontPrice(
            currency=settings.OSCAR_DEFAULT_CURRENCY,
            excl_tax=excl_tax,
            tax=tax,
            regular_incl_tax=product.price,
            member_incl_tax=member_price,
            member_applied=applied,
        )

    def pricing_policy(self, product, stockrecord):
        return self.price_for(product)

    def parent_pricing_policy(self, product, children_stock):
        # A parent is shown at its cheapest variant's price for this customer ("from ...").
        priced = [self.price_for(child) for child, _ in children_stock if child.price is not None]
        if not priced:
            return prices.Unavailable()
        cheapest = min(priced, key=lambda price: (price.incl_tax, -price.member_saving))
        if all(p.member_incl_tax is None for p in priced) or self.member_status.is_member:
            return cheapest
        # The invitation beside it names what a member would pay from: the lowest member price
        # of any variant, which need not be the variant cheapest at regular prices.
        lowest = min(p.regular_incl_tax if p.member_incl_tax is None else p.member_incl_tax for p in priced)
        return StorefrontPrice(
            currency=cheapest.currency,
            excl_tax=cheapest.excl_tax,
            tax=cheapest.tax,
            regular_incl_tax=cheapest.regular_incl_tax,
            member_incl_tax=lowest if lowest < cheapest.regular_incl_tax else None,
            member_applied=False,
        )
