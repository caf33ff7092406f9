"""The checkout in the API (/api/v1/checkout/), for an app or a browser's own front end: thin views
over the checkout service (shop.checkout.services), the same functions as the web checkout.

The checkout is the one of the request's cart, the same cart as the cart API's (a signed-in
customer's one cart, else the session's). The steps: ``PUT email/`` (guests), ``PUT delivery/``
(an option from ``GET delivery-options/``), ``PUT address/``, then ``POST payment/``. That starts
the Stripe PaymentIntent for the exact total and, given a card's PaymentMethod, confirms it at
once; or the app confirms it with Stripe's SDK and the client secret, and then ``POST order/``
places the order. ``DELETE payment/`` stops paying, to change the cart.

Once the order is placed, the cart is submitted and the request has a new, empty one: the order
is the answer of the request that placed it, and ``POST order/`` answers it again for the same
PaymentIntent. A refusal of the service is answered with its status, code, message and the
messages of each field at fault.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import PriceSerializer, RequestLanguageMixin
from pim.queries import display_title
from shop.api.errors import ErrorSerializer
from shop.basket import services as cart
from shop.basket.api import AttributionSerializer
from shop.basket.models import Basket
from shop.checkout import delivery, queries, services
from shop.checkout.models import Checkout, Method, Payment
from shop.checkout.views import PLACED_ORDER
from shop.shipping.models import PickupPoint
from shop.stores.api import AddressSerializer, LocalTimeField

# The key of the session that remembers a guest's order, as the web's thank-you page does.

MAX_ID = 2**31 - 1  # the ids are PostgreSQL integers

# --- Serializers: delivery options -----------------------------------------------------------------


class ChargeSerializer(serializers.Serializer):
    incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    regular_incl_tax = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="What it costs without the rule that makes it free"
    )
    free_reason = serializers.CharField(help_text="Why it is free (membership, the order's total), else empty")


class ShortageSerializer(serializers.Serializer):
    product = serializers.IntegerField(source="product.pk")
    title = serializers.CharField()
    wanted = serializers.IntegerField()
    available = serializers.IntegerField()


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    starts = LocalTimeField(help_text="Local time")
    ends = LocalTimeField(help_text="Local time")


class SlotChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="slot.pk")
    date = serializers.DateField(source="slot.date")
    starts = LocalTimeField(source="slot.starts", help_text="Local time")
    ends = LocalTimeField(source="slot.ends", help_text="Local time")
    remaining = serializers.IntegerField(help_text="Places left")
    is_full = serializers.BooleanField()


class CollectionStoreSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    address = AddressSerializer(source="*")


class StoreChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="store.pk")
    slug = serializers.SlugField(source="store.slug")
    name = serializers.CharField(source="store.name")
    address = AddressSerializer(source="store")
    ready_at = serializers.DateTimeField(
        allow_null=True, help_text="When the order would be ready, if placed now (null: the store has no hours)"
    )
    shortages = ShortageSerializer(many=True, help_text="What the store lacks for this cart")
    is_available = serializers.BooleanField()


class StreetAddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()


class PickupPointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=PickupPoint.Kind.choices)
    address = StreetAddressSerializer(source="*")
    opening_hours = serializers.CharField()


class OptionSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Method.choices, source="code", help_text="What PUT delivery/ takes")
    name = serializers.CharField()
    description = serializers.CharField()
    charge = ChargeSerializer()
    is_available = serializers.BooleanField(help_text="Whether the cart can be delivered this way now")


class HomeDeliveryOptionSerializer(OptionSerializer):
    shortages = ShortageSerializer(many=True, help_text="What the online warehouse lacks for this cart")
    slots = SlotChoiceSerializer(many=True, help_text="The bookable slots, full ones included")


class CollectOptionSerializer(OptionSerializer):
    stores = StoreChoiceSerializer(many=True, help_text="Every collection store, those that lack something too")


class PickupPointOptionSerializer(OptionSerializer):
    shortages = ShortageSerializer(many=True, help_text="What the online warehouse lacks for this cart")
    pickup_points = PickupPointSerializer(many=True, source="points", help_text="Nearest to the postcode first")
    date = serializers.DateField(help_text="The day the parcel reaches the pickup point, if ordered now")


class DeliveryOptionsSerializer(serializers.Serializer):
    postcode = serializers.CharField(allow_blank=True)
    home_delivery = HomeDeliveryOptionSerializer(source="home")
    click_and_collect = CollectOptionSerializer(source="collect")
    pickup_point = PickupPointOptionSerializer()


class PostcodeSerializer(serializers.Serializer):
    # At most five characters: a pattern's $ also matches before a final newline.
    postcode = serializers.RegexField(
        r"^[0-9]{5}$",
        max_length=5,
        trim_whitespace=False,
        required=False,
        help_text="A Finnish postcode: the pickup points nearest to it come first",
    )


# --- Serializers: the checkout, the payment, the order ---------------------------------------------


class DeliverySerializer(serializers.Serializer):
    """How the order reaches the customer: a quote's or an order's (they share the names)."""

    method = serializers.ChoiceField(choices=Method.choices)
    name = serializers.CharField()
    slot = SlotSerializer(source="delivery_slot", allow_null=True, help_text="Home delivery")
    store = CollectionStoreSerializer(source="collection_store", allow_null=True, help_text="Click-and-collect")
    pickup_point = PickupPointSerializer(allow_null=True)
    delivery_date = serializers.DateField(
        allow_null=True, help_text="Home delivery: the slot's day; pickup point: the day it arrives there"
    )
    ready_at = serializers.DateTimeField(allow_null=True, help_text="Click-and-collect: when the store has it ready")


def delivery_data(method, name, placed):
    """``placed`` is a services.Quote or an Order."""
    return {
        "method": method,
        "name": str(name),
        "delivery_slot": placed.delivery_slot,
        "collection_store": placed.collection_store,
        "pickup_point": placed.pickup_point,
        "delivery_date": placed.delivery_date,
        "ready_at": placed.ready_at,
    }


class QuoteSerializer(serializers.Serializer):
    currency = serializers.CharField()
    goods_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    delivery_charge = ChargeSerializer()
    total_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="What POST payment/ charges")
    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    vat = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="The VAT the total includes")
    member_saving = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="What membership saves on this order (prices and delivery)"
    )


def quote_data(quoted, basket):
    return {
        "currency": quoted.total.currency,
        "goods_incl_tax": basket.total_incl_tax,
        "delivery_charge": quoted.charge,
        "total_incl_tax": quoted.total.incl_tax,
        "total_excl_tax": quoted.total.excl_tax,
        "vat": quoted.total.tax,
        "member_saving": quoted.member_saving,
    }


class DeliveryAddressSerializer(serializers.Serializer):
    """The address step: home delivery takes the delivery address (first_name, last_name, line1,
    line4 and postcode required); click-and-collect and pickup points take who collects the order
    (first_name, last_name and phone_number required). Checked by the web checkout's forms."""

    first_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line1 = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="Street address")
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line4 = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="City")
    postcode = serializers.CharField(max_length=64, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, help_text="ISO 3166-1 code")
    phone_number = serializers.CharField(
        max_length=128, required=False, allow_blank=True, help_text="Collecting: the store or locker texts it"
    )


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    is_parent = serializers.BooleanField(
        help_text="A product with variants: the price is its lowest; choose a variant to add it"
    )
    price = PriceSerializer(allow_null=True)


def suggestion_data(product, strategy):
    info = strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)
    return {
        "id": product.pk,
        "title": display_title(product),
        "is_parent": product.is_parent,
        "price": info.price if info.price.exists else None,
    }


# What the app does next with a payment, by the PaymentIntent's status: confirm it with the
# client secret, let the bank authenticate the cardholder, or (authorised, or unknown) place the order.
NEXT_STEPS = {
    "requires_payment_method": "confirm",
    "requires_confirmation": "confirm",
    "requires_action": "authenticate",
}


class PaymentSerializer(serializers.Serializer):
    intent = serializers.CharField(source="intent_id", help_text="The Stripe PaymentIntent's id")
    client_secret = serializers.CharField(help_text="For Stripe's SDK (mobile) or Stripe.js")
    publishable_key = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="The PaymentIntent's status, as last seen")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    capture_method = serializers.ChoiceField(
        choices=["automatic", "manual"], help_text="manual: click-and-collect, captured at the handover"
    )
    last_error = serializers.CharField(help_text="Why the last try failed, else empty")
    next_step = serializers.SerializerMethodField(
        help_text="confirm: confirm the PaymentIntent with a card, then POST order/; authenticate: let Stripe's "
        "SDK handle the bank's authentication (3-D Secure), then POST order/; place_order: POST order/"
    )

    def get_publishable_key(self, payment) -> str:
        return settings.STRIPE_PUBLISHABLE_KEY

    def get_next_step(self, payment) -> str:
        return NEXT_STEPS.get(payment.status, "place_order")


class CheckoutSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[Checkout.Status.OPEN, Checkout.Status.PAYING],
        help_text="paying: the stock and the slot are held, the cart is frozen and a payment is under way",
    )
    email = serializers.CharField(help_text="Where the confirmation goes (empty: a guest must give it)")
    cart_version = serializers.IntegerField(help_text="The cart's version: give it to POST payment/")
    missing_steps = serializers.ListField(
        child=serializers.ChoiceField(choices=["email", "delivery", "address"]), help_text="Steps before paying"
    )
    delivery = DeliverySerializer(allow_null=True, help_text="Null until an option is chosen")
    address = DeliveryAddressSerializer()
    quote = QuoteSerializer(allow_null=True, help_text="The order's total: null until an option is chosen")
    reserved_until = serializers.DateTimeField(allow_null=True, help_text="While paying: until when stock is held")
    payment = PaymentSerializer(allow_null=True, help_text="While paying: the payment under way")
    goes_well_with = SuggestionSerializer(many=True)


def checkout_data(checkout, basket):
    """The checkout, for ``basket`` (its cart) priced for the cart's owner."""
    offer = services.quote(checkout, basket) if checkout.method else None
    paying = checkout.status == Checkout.Status.PAYING
    return {
        "status": checkout.status,
        "email": checkout.email,
        "cart_version": basket.version,
        "missing_steps": services.missing_steps(checkout),
        "delivery": delivery_data(offer.method.code, offer.method.name, offer) if offer else None,
        "address": checkout.address,
        "quote": quote_data(offer, basket) if offer else None,
        "reserved_until": checkout.reserved_until,
        "payment": checkout.payment if paying else None,
        "goes_well_with": [suggestion_data(p, basket.strategy) for p in queries.goes_well_with(basket)],
    }


class OrderLineSerializer(serializers.Serializer):
    product = serializers.IntegerField(source="product_id", allow_null=True)
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    line_price_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    attribution = AttributionSerializer()


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    placed_at = serializers.DateTimeField()
    email = serializers.CharField()
    currency = serializers.CharField()
    goods_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    delivery_charge_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    vat = serializers.DecimalField(max_digits=12, decimal_places=2)
    delivery = DeliverySerializer()
    lines = OrderLineSerializer(many=True)


def order_totals(order):
    """An order's number, status, contact and money, as every order answer of the API has them."""
    return {
        "number": order.number,
        "status": order.status,
        "placed_at": order.date_placed,
        "email": order.email,
        "currency": order.currency,
        "goods_incl_tax": order.basket_total_incl_tax,
        "delivery_charge_incl_tax": order.shipping_incl_tax,
        "total_incl_tax": order.total_incl_tax,
        "total_excl_tax": order.total_excl_tax,
        "vat": order.total_tax,
    }


def order_data(order):
    return {
        **order_totals(order),
        "delivery": delivery_data(order.shipping_code, order.shipping_method, order),
        "lines": [
            {
                "product_id": line.product_id,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price_incl_tax": line.unit_price_incl_tax,
                "line_price_incl_tax": line.line_price_incl_tax,
                "attribution": {
                    "channel": line.channel,
                    # As in the cart: the associate who added a line, not the customer.
                    "added_by": line.added_by.first_name if line.added_by_id not in (None, order.user_id) else None,
                    "store": line.store.slug if line.store else None,
                },
            }
            for line in order.lines.select_related("added_by", "store").order_by("pk")
        ],
    }


# --- Serializers: what the writes take -------------------------------------------------------------


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text="Where the order confirmation goes")


class DeliveryChoiceSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Method.choices)
    slot = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text="Home delivery")
    store = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text="Click-and-collect")
    pickup_point = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text="Pickup point")


class StartPaymentSerializer(serializers.Serializer):
    payment_method = serializers.RegexField(
        rf"^{services.PAYMENT_METHOD.pattern}$",
        trim_whitespace=False,
        required=False,
        help_text="A card's PaymentMethod (pm_...): the payment is confirmed with it at once. Without it, the "
        "app confirms the PaymentIntent with the client secret and then calls POST order/.",
    )
    cart_version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, help_text="The cart's version the shopper saw (409 if changed)"
    )
    total = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, help_text="The total the shopper saw (409 if not)"
    )

    def validate_payment_method(self, value):
        if not services.PAYMENT_METHOD.fullmatch(value):  # the pattern's $ passes a final newline
            raise serializers.ValidationError(_("Not a payment method."))
        return value


class PlaceOrderSerializer(serializers.Serializer):
    payment_intent = serializers.CharField(
        max_length=255, help_text="The id (pi_...) of this checkout's PaymentIntent, confirmed by the app"
    )


# --- Views ------------------------------------------------------------------------------------------

LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of the answer's messages and names, and (when the payment starts) of the order's "
    "emails; else Accept-Language",
)
EMPTY_CART = OpenApiResponse(ErrorSerializer, "The cart is empty (code empty_cart): there is nothing to check out")
CONFLICT = OpenApiResponse(
    ErrorSerializer,
    "Refused by the state of things (code: slot_full, sold_out, cart_changed, already_placed, payment_refunded)",
)
DECLINED = OpenApiResponse(ErrorSerializer, "The card was declined or not authorised: nothing was charged")
STRIPE_DOWN = OpenApiResponse(ErrorSerializer, "The payment service did not answer: try again (never charged twice)")
CHECKOUT_RESPONSES = {200: CheckoutSerializer, 404: EMPTY_CART}
WRITE_RESPONSES = {**CHECKOUT_RESPONSES, 409: CONFLICT}


def request_cart(request):
    """The request's cart, as the cart API finds it: the customer's one cart, else the session's."""
    if request.user.is_authenticated:
        return cart.open_basket_of(request.user)
    return request.basket


@extend_schema(parameters=[LANGUAGE])
class CheckoutResource(RequestLanguageMixin, APIView):
    """The checkout of the request's cart, with the service's refusals as the API's answers."""

    def get_checkout(self):
        try:
            return services.checkout_of(request_cart(self.request))
        except services.NotReady:
            raise exceptions.NotFound(_("Your cart is empty: there is nothing to check out."), code="empty_cart")

    def priced_cart(self, checkout):
        """The checkout's cart as it is now, priced for its owner."""
        basket = Basket.objects.select_related("owner").get(pk=checkout.basket_id)
        return cart.price_for_owner(basket, self.request)

    def respond(self, checkout):
        data = checkout_data(checkout, self.priced_cart(checkout))
        return Response(CheckoutSerializer(data).data)

    def respond_with_order(self, order, status_code):
        if not self.request.user.is_authenticated:
            # The guest's next request has a new cart: the session remembers the order (OrderView).
            self.request.session[PLACED_ORDER] = order.pk
        return Response(OrderSerializer(order_data(order)).data, status=status_code)

    def handle_exception(self, exc):
        if isinstance(exc, services.CheckoutError):
            body = {"detail": exc.message, "code": exc.code}
            if exc.fields:
                body["fields"] = exc.fields
            return Response(body, status=exc.status)
        return super().handle_exception(exc)


class CheckoutView(CheckoutResource):
    @extend_schema(responses=CHECKOUT_RESPONSES)
    def get(self, request):
        """The checkout of the cart: what is chosen, what is missing, the total, the payment under
        way, and what goes well with the cart."""
        return self.respond(self.get_checkout())


class DeliveryOptionsView(CheckoutResource):
    @extend_schema(parameters=[PostcodeSerializer], responses={200: DeliveryOptionsSerializer, 404: EMPTY_CART})
    def get(self, request):
        """Every delivery option for the cart, with its charge and what it can offer now: home
        delivery's slots with the places left, the collection stores with when each would have the
        order ready (or what it lacks), the pickup points near the postcode and the day a parcel
        arrives there."""
        checkout = self.get_checkout()
        # As a dict: DRF takes an empty form value (?postcode=) as left out, the document as too short.
        query = PostcodeSerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        options = delivery.delivery_options(
            self.priced_cart(checkout), timezone.now(), checkout, postcode=query.validated_data.get("postcode", "")
        )
        return Response(DeliveryOptionsSerializer(options).data)


class EmailView(CheckoutResource):
    throttle_scope = "checkout"  # writes have a budget of their own

    @extend_schema(request=EmailSerializer, responses=WRITE_RESPONSES)
    def put(self, request):
        """A guest's email address, for the order confirmation (a signed-in customer's is their
        account's: 403)."""
        checkout = self.get_checkout()
        body = EmailSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.set_email(checkout, body.validated_data["email"]))


class DeliveryChoiceView(CheckoutResource):
    throttle_scope = "checkout"

    @extend_schema(request=DeliveryChoiceSerializer, responses=WRITE_RESPONSES)
    def put(self, request):
        """Choose the delivery option: home delivery in a slot, click-and-collect at a store, or a
        pickup point (ids from delivery-options/). A full slot, a store that lacks something or an
        option that cannot serve the cart is refused with the reason. A payment under way is
        cancelled first."""
        checkout = self.get_checkout()
        body = DeliveryChoiceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        choice = body.validated_data
        chosen = services.choose_delivery(
            checkout,
            choice["method"],
            slot=choice.get("slot"),
            store=choice.get("store"),
            pickup_point=choice.get("pickup_point"),
            request=request,
        )
        return self.respond(chosen)


class AddressView(CheckoutResource):
    throttle_scope = "checkout"

    @extend_schema(request=DeliveryAddressSerializer, responses=WRITE_RESPONSES)
    def put(self, request):
        """The delivery address (home delivery) or who collects the order, for the option chosen;
        invalid fields are refused with their messages and nothing is stored."""
        checkout = self.get_checkout()
        body = DeliveryAddressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.set_address(checkout, body.validated_data))


class PaymentView(CheckoutResource):
    throttle_scope = "checkout"

    @extend_schema(
        request=StartPaymentSerializer,
        responses={
            200: OpenApiResponse(PaymentSerializer, "The payment under way: see next_step"),
            201: OpenApiResponse(OrderSerializer, "Paid: the order is placed"),
            402: DECLINED,
            404: EMPTY_CART,
            409: CONFLICT,
            503: STRIPE_DOWN,
        },
    )
    def post(self, request):
        """Pay for the cart as it is: hold the stock and the slot, freeze the cart and start a
        Stripe PaymentIntent for the total (authorised only for click-and-collect); with a
        payment_method, confirm it at once. A cart or total other than the shopper saw is refused
        before anything is held or charged; while a payment is under way, the same payment is
        answered. A declined card opens the cart again (402)."""
        checkout = self.get_checkout()
        body = StartPaymentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        payment = services.start_payment(
            checkout,
            expected_version=data.get("cart_version"),
            expected_total=data.get("total"),
            channel="api",
            request=request,
        )
        if "payment_method" in data:
            outcome = services.confirm_payment(checkout, data["payment_method"], request=request)
            if outcome.order is not None:
                return self.respond_with_order(outcome.order, status.HTTP_201_CREATED)
            payment = outcome.payment
        return Response(PaymentSerializer(payment).data)

    @extend_schema(request=None, responses=CHECKOUT_RESPONSES)
    def delete(self, request):
        """Stop paying, to change the cart or the delivery: the stock and the slot are let go, the
        cart opens again and the PaymentIntent is cancelled (nothing is charged)."""
        return self.respond(services.cancel_payment(self.get_checkout()))


class OrderView(CheckoutResource):
    throttle_scope = "checkout"

    def paid_checkout(self, intent_id):
        """The requester's checkout that the PaymentIntent is for (400 for any other)."""
        payment = Payment.objects.select_related("checkout").filter(intent_id=intent_id).first()
        if payment is None or not self.is_theirs(payment.checkout):
            raise services.CheckoutError(
                _("That payment does not belong to this checkout."), {"payment_intent": [_("Unknown.")]}
            )
        return payment.checkout

    def is_theirs(self, checkout):
        """A customer's own checkouts; a guest's, the checkout of their cart, or the one whose order
        they placed (the cart is then submitted and the session remembers the order)."""
        user = self.request.user
        if user.is_authenticated:
            return checkout.user_id == user.pk
        if checkout.basket_id == request_cart(self.request).id:
            return True
        return checkout.order_id is not None and checkout.order_id == self.request.session.get(PLACED_ORDER)

    @extend_schema(
        request=PlaceOrderSerializer,
        responses={
            200: OpenApiResponse(OrderSerializer, "The order was placed already (by an earlier request or Stripe)"),
            201: OpenApiResponse(OrderSerializer, "The order is placed"),
            402: DECLINED,
            409: CONFLICT,
            503: STRIPE_DOWN,
        },
    )
    def post(self, request):
        """Place the order once the app has confirmed the PaymentIntent (after the bank's
        authentication, too). The same PaymentIntent answers the same order again (200). A payment
        not authorised is a 402; one that can no longer become an order (the cart, the stock or
        the slot changed meanwhile) is given back in full (409)."""
        body = PlaceOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        checkout = self.paid_checkout(body.validated_data["payment_intent"])
        placed_before = checkout.order_id is not None
        order = services.place_order_for(checkout, body.validated_data["payment_intent"], request=request)
        return self.respond_with_order(order, status.HTTP_200_OK if placed_before else status.HTTP_201_CREATED)
