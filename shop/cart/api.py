"""GET /api/v1/cart/: the session's or signed-in customer's cart, priced for its owner."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import PriceSerializer
from shop.cart.services import price_for_owner


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id")
    title = serializers.CharField(source="description")
    quantity = serializers.IntegerField()
    unit_price = PriceSerializer()
    regular_unit_price_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    member_unit_price_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    member_price_applied = serializers.BooleanField()
    member_saving = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="On the whole line")
    line_total_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)


class MembershipStateSerializer(serializers.Serializer):
    is_member = serializers.BooleanField()
    member_prices_not_applied_reason = serializers.CharField(
        allow_null=True, help_text="Why member prices do not apply (a lapsed membership), else null"
    )


class CartSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    lines = CartLineSerializer(many=True)
    num_items = serializers.IntegerField()
    member_saving = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    membership = MembershipStateSerializer()


def line_data(line):
    price = line.purchase_info.price
    member = getattr(price, "member_incl_tax", None)
    applied = getattr(price, "member_applied", False)
    return {
        "id": line.id,
        "product_id": line.product_id,
        "description": line.description,
        "quantity": line.quantity,
        "unit_price": {
            "currency": price.currency,
            "incl_tax": price.incl_tax,
            "excl_tax": price.excl_tax,
            "tax": price.tax,
        },
        "regular_unit_price_incl_tax": getattr(price, "regular_incl_tax", None),
        "member_unit_price_incl_tax": member,
        "member_price_applied": applied,
        "member_saving": price.member_saving * line.quantity if applied else Decimal("0.00"),
        "line_total_incl_tax": line.line_price_incl_tax,
    }


def cart_data(basket):
    lines = [line_data(line) for line in basket.all_lines()]
    status = basket.strategy.member_status
    return {
        "id": basket.id,
        "currency": basket.currency,
        "lines": lines,
        "num_items": basket.num_items,
        "member_saving": sum((line["member_saving"] for line in lines), Decimal("0.00")),
        "total_incl_tax": basket.total_incl_tax,
        "total_excl_tax": basket.total_excl_tax,
        "membership": {
            "is_member": status.is_member,
            "member_prices_not_applied_reason": status.lapse_message or None,
        },
    }


class CartView(APIView):
    """The cart of this session or signed-in customer, with unit prices, member savings and
    totals, priced for the cart's owner by the one pricing strategy."""

    @extend_schema(responses=CartSerializer)
    def get(self, request):
        basket = price_for_owner(request.basket, request)
        return Response(CartSerializer(cart_data(basket)).data)
