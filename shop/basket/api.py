"""The cart in the API, through the one cart service, priced for its owner.

The customer's own cart: ``GET /api/v1/cart/``, ``POST /api/v1/cart/lines/``, ``PATCH`` and
``DELETE /api/v1/cart/lines/{id}/``, ``POST /api/v1/cart/claim/`` (a walk-in cart a store sent).
Store staff work on a consented customer's cart and on walk-in carts with the same views
(shop.stores.tablet.api). The cart's version is its ETag: a read with ``If-None-Match`` answers
304 while the cart is unchanged; a change to a line must state ``If-Match`` and is refused with 412
when that line changed since (adding needs no If-Match: an addition never conflicts).
"""

import re
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import PriceSerializer
from catalogue.models import Product
from shop.api.errors import ErrorSerializer
from shop.basket import services
from shop.basket.models import Channel
from shop.stores import aisle

ETAG = re.compile(r'^(?:W/)?"cart-v(\d+)"$')


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "State the cart's version you saw in If-Match (its ETag); GET the cart to read it."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "stale_cart"


class CartBeingPaid(exceptions.APIException):
    """The cart is frozen while its owner pays for it (shop.checkout)."""

    status_code = 409
    default_code = "cart_being_paid"


# --- Serializers ----------------------------------------------------------------------------------


class AttributionSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    added_by = serializers.CharField(allow_null=True, help_text="First name of the member of staff who added it")
    store = serializers.SlugField(allow_null=True, help_text="The store it was added in")


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
    attribution = AttributionSerializer()


class MembershipStateSerializer(serializers.Serializer):
    is_member = serializers.BooleanField()
    member_prices_not_applied_reason = serializers.CharField(
        allow_null=True, help_text="Why member prices do not apply (a lapsed membership), else null"
    )


class CartSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(help_text="Changes with every change of the cart; also its ETag")
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
    staff = line.added_by_staff
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
        "attribution": {
            "channel": line.channel,
            "added_by": line.added_by.first_name if staff else None,
            "store": line.store.slug if line.store else None,
        },
    }


def cart_data(basket):
    lines = [line_data(line) for line in basket.all_lines()]
    status = basket.strategy.member_status
    return {
        "id": basket.id,
        "version": basket.version,
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


class AddLineSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.public())
    quantity = serializers.IntegerField(min_value=1, max_value=999, default=1)


class LineQuantitySerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=0, max_value=999, help_text="0 removes the line")


class ClaimSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=500, help_text="The token of the link a store sent (/basket/from-store/<token>/)"
    )


# --- The cart as an HTTP resource -------------------------------------------------------------------


def etag(version):
    return f'W/"cart-v{version}"'


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The cart\'s ETag as last read, e.g. W/"cart-v12": the change is refused (412) if this line '
    "changed since",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The cart's ETag as last read: 304 while the cart is unchanged",
)
BEING_PAID = OpenApiResponse(ErrorSerializer, "The cart is being paid for: it can change once the payment ends")
CART_RESPONSES = {
    409: BEING_PAID,
    412: OpenApiResponse(ErrorSerializer, "The line changed since the version in If-Match: read the cart again"),
    428: OpenApiResponse(ErrorSerializer, "If-Match is missing"),
}


class CartResource(APIView):
    """A cart (the request's own, or one a member of staff works on: subclasses say which) with
    its ETag, and the changes to it through the cart service."""

    channel = Channel.API

    def get_cart(self):
        """The cart the request works on (an unsaved one for a visitor without a cart yet)."""
        if self.request.user.is_authenticated:
            return services.open_basket_of(self.request.user)
        return self.request.basket

    def get_actor(self):
        return services.Actor.for_request(self.request, self.channel)

    def respond(self, basket, status_code=status.HTTP_200_OK):
        services.price_for_owner(basket, self.request)
        return Response(
            CartSerializer(cart_data(basket)).data, status=status_code, headers={"ETag": etag(basket.version)}
        )

    def read(self, request):
        basket = self.get_cart()
        if etag(basket.version) in request.headers.get("If-None-Match", ""):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag(basket.version)})
        return self.respond(basket)

    def check_line(self, basket, line_id):
        if not basket.id or not basket.lines.filter(pk=line_id).exists():
            raise exceptions.NotFound(_("No such line in this cart."))

    def expected_version(self, request):
        stated = request.headers.get("If-Match")
        if stated is None:
            raise PreconditionRequired()
        match = ETAG.match(stated.strip())
        if match is None:
            raise PreconditionFailed(_("If-Match does not name a version of this cart; read the cart again."))
        return int(match.group(1))

    def change(self, function, basket, *args, expected_version=None, **kwargs):
        """Run a cart service change; its refusals become the API's answers."""
        try:
            if expected_version is None:
                return function(basket, *args, **kwargs)
            return function(basket, *args, expected_version=expected_version, **kwargs)
        except services.CartFrozen as error:
            raise CartBeingPaid(error.messages[0])
        except services.CartError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            raise exceptions.ValidationError(
                {("non_field_errors" if k == "__all__" else k): v for k, v in errors.items()}
            )
        except services.StaleCart as error:
            raise PreconditionFailed(str(error))
        except services.LineNotFound:
            raise exceptions.NotFound(_("No such line in this cart."))

    # The cart is resolved first (a caller who may not touch it learns nothing from validation),
    # then the line, the body, and the version the change was made against.
    def add(self, request):
        basket = self.get_cart()
        data = AddLineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        product, quantity = data.validated_data["product"], data.validated_data["quantity"]
        self.change(services.add_product, basket, product, quantity, self.get_actor(), request=request)
        return self.respond(basket, status.HTTP_201_CREATED)

    def set_line(self, request, line_id):
        basket = self.get_cart()
        self.check_line(basket, line_id)
        data = LineQuantitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = self.expected_version(request)
        quantity = data.validated_data["quantity"]
        self.change(services.set_quantity, basket, line_id, quantity, self.get_actor(), expected_version=version)
        return self.respond(basket)

    def remove_line(self, request, line_id):
        basket = self.get_cart()
        self.check_line(basket, line_id)
        version = self.expected_version(request)
        self.change(services.remove_line, basket, line_id, self.get_actor(), expected_version=version)
        return self.respond(basket)


class CartView(CartResource):
    """The cart of this session or signed-in customer, with unit prices, member savings, totals
    and each line's attribution, priced for the cart's owner by the one pricing strategy."""

    @extend_schema(parameters=[IF_NONE_MATCH], responses={200: CartSerializer, 304: None})
    def get(self, request):
        return self.read(request)


class CartLinesView(CartResource):
    throttle_scope = "cart"  # writes have a budget of their own

    @extend_schema(request=AddLineSerializer, responses={201: CartSerializer, 409: BEING_PAID})
    def post(self, request):
        """Add a product (a variant or a standalone product) to the cart; answers the cart."""
        return self.add(request)


class CartLineView(CartResource):
    throttle_scope = "cart"  # writes have a budget of their own

    @extend_schema(
        parameters=[IF_MATCH], request=LineQuantitySerializer, responses={200: CartSerializer, **CART_RESPONSES}
    )
    def patch(self, request, pk):
        """Change a line's quantity (0 removes it); answers the cart."""
        return self.set_line(request, pk)

    @extend_schema(parameters=[IF_MATCH], request=None, responses={200: CartSerializer, **CART_RESPONSES})
    def delete(self, request, pk):
        """Remove a line; answers the cart."""
        return self.remove_line(request, pk)


class NotAddedSerializer(serializers.Serializer):
    product = serializers.IntegerField()
    reason = serializers.CharField()


class ClaimResultSerializer(serializers.Serializer):
    cart = CartSerializer()
    not_added = NotAddedSerializer(many=True, help_text="Products of the sent cart that can no longer be bought")


class ClaimView(CartResource):
    throttle_scope = "cart"  # writes have a budget of their own

    @extend_schema(request=ClaimSerializer, responses={200: ClaimResultSerializer})
    def post(self, request):
        """Take the products of a cart a store associate sent (its link's token) into this cart;
        each line keeps the associate's attribution, and what can no longer be bought is listed.
        A used, expired or tampered link is a 400."""
        data = ClaimSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        basket = self.get_cart()
        try:
            _added, refused = aisle.claim(data.validated_data["token"], basket, self.get_actor(), request=request)
        except aisle.AisleError as error:
            raise exceptions.ValidationError({"token": [str(error)]})
        services.price_for_owner(basket, request)
        result = {"cart": cart_data(basket), "not_added": [{"product": p.pk, "reason": r} for p, r in refused]}
        return Response(ClaimResultSerializer(result).data, headers={"ETag": etag(basket.version)})
