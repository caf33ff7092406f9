"""Oscar's OrderCreator, as the checkout service (shop.checkout.services) uses it.

Two differences from Oscar's, both through its extension point:

- The lines, their prices, options and discounts are written in bulk, so that placing an order
  costs the same number of queries whatever the number of lines.
- Each line is fulfilled from the stock location the checkout chose (``stockrecords``: the
  store's records for click-and-collect) and keeps the attribution of its cart line. The stock
  itself is allocated by the checkout under row locks before this runs (shop.checkout.stock), so
  ``update_stock_records`` allocates nothing here.
"""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order import exceptions, utils
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

Order = get_model("order", "Order")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
LineAttribute = get_model("order", "LineAttribute")
OrderLineDiscount = get_model("order", "OrderLineDiscount")
Partner = get_model("partner", "Partner")


class OrderCreator(utils.OrderCreator):
    def place_order(
        self,
        basket,
        total,
        shipping_method,
        shipping_charge,
        user=None,
        shipping_address=None,
        billing_address=None,
        order_number=None,
        status=None,
        request=None,
        surcharges=None,
        stockrecords=None,
        **kwargs,
    ):
        """Oscar's place_order with the lines written in bulk from ``stockrecords`` ({product
        id: the stock record of the chosen location}; a line's own record when absent). Runs in
        the caller's transaction (the checkout service's, with the stock it allocated)."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Place an order inside a transaction (shop.checkout.services.place_order).")
        if basket.is_empty:
            raise ValueError(_("Empty baskets cannot be submitted"))
        order_number = order_number or utils.OrderNumberGenerator().order_number(basket)
        status = status or getattr(settings, "OSCAR_INITIAL_ORDER_STATUS", None)
        order = self.create_order_model(
            user,
            basket,
            shipping_address,
            shipping_method,
            shipping_charge,
            billing_address,
            total,
            order_number,
            status,
            request,
            surcharges=surcharges,
            **kwargs,
        )
        if user is not None and user.is_authenticated:
            order.user = user  # what the order_placed receivers read, without a query
        # The cart's vouchers were read when it was priced; only a cart with some locks them.
        vouchers = basket.vouchers.select_for_update() if basket.vouchers.all() else []
        for voucher in vouchers:
            if not voucher.is_active():  # the basket ignores inactive vouchers
                basket.vouchers.remove(voucher)
            else:
                available, message = voucher.is_available_to_user(user=user)
                if not available:
                    raise ValueError(message)
        for application in basket.offer_applications:
            application["message"] = application["offer"].apply_deferred_benefit(basket, order, application)
            if application["result"].affects_shipping:
                shipping_discount = shipping_method.discount(basket)
                if shipping_discount <= Decimal("0.00"):
                    continue
                application["discount"] = shipping_discount
            self.create_discount_model(order, application)
            self.record_discount(application)
        for voucher in vouchers:
            self.record_voucher_usage(order, voucher, user)
        self.create_lines_in_bulk(order, basket.all_lines(), stockrecords or {})
        order_placed.send(sender=self, order=order, user=user)
        return order

    def create_lines_in_bulk(self, order, basket_lines, stockrecords):
        status = getattr(settings, "OSCAR_INITIAL_LINE_STATUS", "")
        records = [stockrecords.get(line.product_id, line.stockrecord) for line in basket_lines]
        if None in records:
            raise exceptions.UnableToPlaceOrder("A line of the basket has no stock record")
        partners = Partner.objects.in_bulk({record.partner_id for record in records})
        lines = []
        for basket_line, record in zip(basket_lines, records, strict=True):
            product = basket_line.product
            partner = partners[record.partner_id]
            lines.append(
                Line(
                    order=order,
                    partner=partner,
                    partner_name=partner.name,
                    partner_sku=record.partner_sku,
                    stockrecord=record,
                    product=product,
                    title=product.get_title(),
                    upc=product.upc,
                    quantity=basket_line.quantity,
                    line_price_excl_tax=basket_line.line_price_excl_tax_incl_discounts,
                    line_price_incl_tax=basket_line.line_price_incl_tax_incl_discounts,
                    line_price_before_discounts_excl_tax=basket_line.line_price_excl_tax,
                    line_price_before_discounts_incl_tax=basket_line.line_price_incl_tax,
                    unit_price_incl_tax=basket_line.unit_price_incl_tax,
                    unit_price_excl_tax=basket_line.unit_price_excl_tax,
                    tax_code=basket_line.tax_code,
                    num_allocated=basket_line.quantity,
                    status=status,
                    added_by_id=basket_line.added_by_id,
                    channel=basket_line.channel,
                    store_id=basket_line.store_id,
                )
            )
        # Line order follows the cart's, so line ids keep the order the customer saw.
        lines = Line.objects.bulk_create(lines)
        pairs = list(zip(lines, basket_lines, strict=True))
        LinePrice.objects.bulk_create(
            LinePrice(
                order=order,
                line=line,
                quantity=quantity,
                price_incl_tax=incl_tax,
                price_excl_tax=excl_tax,
                tax_code=basket_line.tax_code,
            )
            for line, basket_line in pairs
            for incl_tax, excl_tax, quantity in basket_line.get_price_breakdown()
        )
        LineAttribute.objects.bulk_create(
            LineAttribute(line=line, option=attribute.option, type=attribute.option.code, value=attribute.value)
            for line, basket_line in pairs
            for attribute in basket_line.attributes.all()
        )
        if not any(basket_line.discounts.all() for basket_line in basket_lines):
            return lines
        order_discounts = {discount.offer_id: discount for discount in order.discounts.all()}
        OrderLineDiscount.objects.bulk_create(
            OrderLineDiscount(
                line=line,
                order_discount=order_discounts[discount.offer.id],
                is_incl_tax=discount.incl_tax,
                amount=discount.amount,
            )
            for line, basket_line in pairs
            for discount in basket_line.discounts
            if discount.offer and discount.offer.id in order_discounts
        )
        return lines

    def update_stock_records(self, line):
        """Allocated by the checkout under row locks (shop.checkout.stock.allocate)."""
