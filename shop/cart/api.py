"""The session's or signed-in customer's cart in the API, priced for its owner:
GET /api/v1/cart/, POST /api/v1/cart/lines/, PATCH and DELETE /api/v1/cart/lines/{id}/."""

from decimal import Decimal

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import PriceSerializer
from catalogue.models import Product
from shop.basket import services
from shop.basket.models import Channel


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
        "currency": basket.currency or settings.OSCAR_DEFAULT_CURRENCY,  # an empty cart has no lines to say
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


def cart_response(request, status_code=status.HTTP_200_OK):
    basket = services.price_for_owner(request.basket, request)
    return Response(CartSerializer(cart_data(basket)).data, status=status_code)


class AddLineSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.public())
    quantity = serializers.IntegerField(min_value=1, max_value=999, default=1)


class LineQuantitySerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=0, max_value=999, help_text="0 removes the line")


def apply(change, *args):
    """Run a cart change; its refusal becomes a 400 naming the field (DRF's names)."""
    try:
        return change(*args)
    except services.CartError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ValidationError({("non_field_errors" if k == "__all__" else k): v for k, v in errors.items()})


class CartView(APIView):
    """The cart of this session or signed-in customer, with unit prices, member savings and
    totals, priced for the cart's owner by the one pricing strategy."""

    @extend_schema(responses=CartSerializer)
    def get(self, request):
        return cart_response(request)


class CartLinesView(APIView):
    throttle_scope = "cart"

    @extend_schema(request=AddLineSerializer, responses={201: CartSerializer})
    def post(self, request):
        """Add a product (a variant or a standalone product) to the cart; answers the cart."""
        data = AddLineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = services.Actor.for_request(request, Channel.API)
        v = data.validated_data
        apply(services.add_product, request.basket, v["product"], v["quantity"], actor, None, request)
        return cart_response(request, status.HTTP_201_CREATED)


class CartLineView(APIView):
    throttle_scope = "cart"

    def line(self, request, pk):
        # Only lines of this session's or customer's own cart exist here.
        if request.basket.id is None:
            raise Http404("No such line in your cart.")
        return get_object_or_404(request.basket.lines.all(), pk=pk)

    @extend_schema(request=LineQuantitySerializer, responses=CartSerializer)
    def patch(self, request, pk):
        """Change a line's quantity (0 removes it); answers the cart."""
        line = self.line(request, pk)
        data = LineQuantitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = services.Actor.for_request(request, Channel.API)
        apply(services.set_quantity, request.basket, line.pk, data.validated_data["quantity"], actor)
        return cart_response(request)

    @extend_schema(request=None, responses={200: CartSerializer})
    def delete(self, request, pk):
        """Remove a line; answers the cart."""
        actor = services.Actor.for_request(request, Channel.API)
        services.remove_line(request.basket, self.line(request, pk).pk, actor)
        return cart_response(request)
