"""The store tablet in the API, for a staff app: open a consented customer's cart, change it, end
the session; build a walk-in customer's cart and send it. The same services as the tablet's
pages (shop.stores.consent, shop.basket.services, shop.stores.aisle), and the cart views of the
customer's own cart (shop.basket.api) with the cart resolved for the member of staff."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.basket import services
from shop.basket.api import (
    BEING_PAID,
    CART_RESPONSES,
    IF_MATCH,
    IF_NONE_MATCH,
    AddLineSerializer,
    CartResource,
    CartSerializer,
    LineQuantitySerializer,
    cart_data,
)
from shop.basket.models import Channel
from shop.stores import aisle, consent, queries


class IsStoreStaff(permissions.BasePermission):
    message = _("Only store staff of a store can use this.")

    def has_permission(self, request, view):
        view.store = consent.store_of(request.user)
        return view.store is not None


class StaffView(APIView):
    permission_classes = [IsStoreStaff]


# --- Sessions on a consented customer's cart ----------------------------------------------------


class CustomerSerializer(serializers.Serializer):
    name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()


class AssistSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = CustomerSerializer(source="consent.customer")
    store = serializers.SlugField(source="store.slug")
    started_at = serializers.DateTimeField()
    access_until = serializers.DateTimeField(source="consent.expires_at")
    ended_at = serializers.DateTimeField(allow_null=True)


class OpenSessionSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=16, required=False, help_text="The code the customer shows")
    email_or_phone = serializers.CharField(
        max_length=254, required=False, help_text="Of a customer with a standing in-store consent"
    )

    def validate(self, data):
        if bool(data.get("code")) == bool(data.get("email_or_phone")):
            raise serializers.ValidationError(_("Give either the customer's code or their email or phone number."))
        return data


def refused(error):
    """A consent refusal as the API's answer: 429 for the lookup limit, else 403."""
    if isinstance(error, consent.TooManyLookups):
        return exceptions.Throttled(wait=error.wait, detail=str(error))
    return exceptions.PermissionDenied(str(error))


class SessionsView(StaffView):
    @extend_schema(responses=AssistSessionSerializer(many=True))
    def get(self, request):
        """This member of staff's open sessions."""
        return Response(AssistSessionSerializer(queries.open_sessions(request.user), many=True).data)

    @extend_schema(request=OpenSessionSerializer, responses={201: AssistSessionSerializer})
    def post(self, request):
        """Open a customer's cart with the code they show, or by the email or phone number of a
        customer with a standing consent. Failed lookups are limited per associate and store (429)."""
        data = OpenSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            if data.validated_data.get("code"):
                session = consent.open_by_code(request, data.validated_data["code"])
            else:
                session = consent.open_by_standing_consent(request, data.validated_data["email_or_phone"])
        except consent.ConsentError as error:
            raise refused(error)
        return Response(AssistSessionSerializer(session).data, status=status.HTTP_201_CREATED)


class EndSessionView(StaffView):
    @extend_schema(request=None, responses=AssistSessionSerializer)
    def post(self, request, pk):
        """End the session: access to the customer's cart stops."""
        try:
            session = consent.current_session(request, pk, store=self.store)
        except consent.ConsentError as error:
            raise refused(error)
        consent.end_session(session)
        return Response(AssistSessionSerializer(session).data)


# --- The cart a member of staff works on ----------------------------------------------------------


class StaffCartResource(CartResource):
    """A consented customer's cart (``kind="assist"``, the session's id) or a walk-in customer's
    (``kind="aisle"``), checked again on every request, priced for its owner."""

    permission_classes = [IsStoreStaff]
    channel = Channel.TABLET
    kind = None

    def get_cart(self):
        pk = self.kwargs["pk"]
        try:
            if self.kind == "assist":
                return services.open_basket_of(consent.current_session(self.request, pk, store=self.store).customer)
            return aisle.for_staff(self.request, pk).basket
        except consent.ConsentError as error:
            raise refused(error)

    def get_actor(self):
        return services.Actor(user=self.request.user, channel=self.channel, store=self.store)


class StaffCartView(StaffCartResource):
    @extend_schema(parameters=[IF_NONE_MATCH], responses={200: CartSerializer, 304: None})
    def get(self, request, pk):
        """The cart as its owner sees it, priced for them, with each line's attribution."""
        return self.read(request)


class StaffCartLinesView(StaffCartResource):
    throttle_scope = "cart"

    @extend_schema(request=AddLineSerializer, responses={201: CartSerializer, 409: BEING_PAID})
    def post(self, request, pk):
        """Add a product; the line remembers this associate, their store and the tablet channel."""
        return self.add(request)


class StaffCartLineView(StaffCartResource):
    throttle_scope = "cart"

    @extend_schema(
        parameters=[IF_MATCH], request=LineQuantitySerializer, responses={200: CartSerializer, **CART_RESPONSES}
    )
    def patch(self, request, pk, line_id):
        """Change a line's quantity (0 removes it)."""
        return self.set_line(request, line_id)

    @extend_schema(parameters=[IF_MATCH], request=None, responses={200: CartSerializer, **CART_RESPONSES})
    def delete(self, request, pk, line_id):
        """Remove a line."""
        return self.remove_line(request, line_id)


# --- Walk-in customers' carts ------------------------------------------------------------------


class WalkInCartSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField(allow_blank=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    link_valid_until = serializers.DateTimeField(source="expires_at", allow_null=True)
    cart = CartSerializer()


class SendSerializer(serializers.Serializer):
    email = serializers.EmailField()


def walk_in_data(request, walk_in):
    services.price_for_owner(walk_in.basket, request)
    data = {
        "id": walk_in.pk,
        "email": walk_in.email,
        "sent_at": walk_in.sent_at,
        "expires_at": walk_in.expires_at,
        "cart": cart_data(walk_in.basket),
    }
    return WalkInCartSerializer(data).data


class WalkInCartsView(StaffView):
    @extend_schema(request=None, responses={201: WalkInCartSerializer})
    def post(self, request):
        """Start an empty cart for a customer without an account, in this associate's store."""
        return Response(walk_in_data(request, aisle.start(request)), status=status.HTTP_201_CREATED)


class SendWalkInCartView(StaffView):
    @extend_schema(request=SendSerializer, responses=WalkInCartSerializer)
    def post(self, request, pk):
        """Email the customer a signed link to the cart (in the request's language); they claim it
        into their own cart online (POST /api/v1/cart/claim/ or the link's page)."""
        data = SendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            walk_in = aisle.for_staff(request, pk)
            aisle.send(walk_in, data.validated_data["email"], request.LANGUAGE_CODE)
        except consent.ConsentError as error:
            raise refused(error)
        except aisle.AisleError as error:
            raise exceptions.ValidationError({"non_field_errors": [str(error)]})
        return Response(walk_in_data(request, walk_in))
