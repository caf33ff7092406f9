"""The one place where a product's price and availability for a customer are decided.

Web pages, the API, staff tablets and store displays all reach prices through
``Selector().strategy(...)``. The strategy is chosen for the owner of the cart (``customer``),
never for the device or the member of staff who happens to be signed in.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from oscar.apps.partner import prices, strategy
from oscar.core.loading import get_model

CENT = Decimal("0.01")


class Selector:
    def strategy(self, request=None, user=None, customer=None, **kwargs):
        """Return the pricing strategy for ``customer``.

        Oscar's basket middleware passes the signed-in ``user``; a channel acting for someone
        else (store staff opening a customer's cart) passes that ``customer`` explicitly.
        """
        if customer is None:
            customer = user if user is not None else getattr(request, "user", None)
        return Storefront(request=request, customer=customer)


def split_vat(price_incl_tax, rate):
    """Split a VAT-inclusive price into (excl_tax, tax) so that the parts add up exactly."""
    excl_tax = (price_incl_tax / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return excl_tax, price_incl_tax - excl_tax


class Storefront(strategy.StockRequired, strategy.Structured):
    """VAT-inclusive prices from the product, stock from the location that fulfils the channel.

    The price is one per product in every store and channel (``Product.price``, VAT included);
    the web shop sells from the online warehouse's stock record.
    """

    def __init__(self, request=None, customer=None):
        super().__init__(request)
        self.customer = customer
        self.vat_rate = Decimal(settings.SHOP_VAT_RATE)
        self._fulfilment_partner_id = None

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
        excl_tax, tax = split_vat(product.price, self.vat_rate)
        return prices.FixedPrice(currency=settings.OSCAR_DEFAULT_CURRENCY, excl_tax=excl_tax, tax=tax)

    def pricing_policy(self, product, stockrecord):
        return self.price_for(product)

    def parent_pricing_policy(self, product, children_stock):
        # A parent is shown at its cheapest variant's price ("from ...").
        priced = [child for child, _ in children_stock if child.price is not None]
        if not priced:
            return prices.Unavailable()
        return self.price_for(min(priced, key=lambda child: child.price))
