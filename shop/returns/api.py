"""Returns in the API (/api/v1/): thin views over the returns service (shop.returns.services), the
same functions as the return pages and the tablet.

A customer asks to return lines of their delivered or collected order
(``POST account/orders/{number}/returns/``) and lists its returns; store staff (or warehouse
staff: superusers) find a return by the code on its label and receive it
(``POST staff/returns/lookup/``, ``POST staff/returns/{code}/receive/``): its units go back on
the shelf where it is received and the refund is made. Wrong codes are counted per associate and
store, as the pickup codes are.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response

from shop.api.errors import ErrorSerializer
from shop.checkout.api import MAX_ID
from shop.order import queries as order_queries
from shop.order.api import (
    LANGUAGE,
    MONEY,
    TOO_MANY_TRIES,
    CodeSerializer,
    OrderResource,
    own_order,
)
from shop.returns import queries, services
from shop.returns.models import Return
from shop.stores import consent


class ReturnLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(source="order_line_id", help_text="The order line")
    title = serializers.CharField(source="order_line.title")
    quantity = serializers.IntegerField()
    amount = serializers.DecimalField(**MONEY)


class ReturnSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="On the label; what store staff receive it by")
    order = serializers.CharField(source="order.number")
    status = serializers.ChoiceField(choices=Return.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    reason = serializers.ChoiceField(choices=Return.Reason.choices)
    comment = serializers.CharField()
    amount = serializers.DecimalField(**MONEY, help_text="What the card gets back")
    currency = serializers.CharField(source="order.currency")
    created = serializers.DateTimeField()
    received_at = serializers.DateTimeField(allow_null=True)
    refunded_at = serializers.DateTimeField(allow_null=True)
    lines = ReturnLineSerializer(many=True)
    label_url = serializers.SerializerMethodField(help_text="The return's page, with the label to print")

    def get_label_url(self, return_request) -> str:
        path = reverse("orders:return", kwargs={"number": return_request.order.number, "code": return_request.code})
        return order_queries.absolute(path)


def return_data(return_request):
    return ReturnSerializer(queries.return_of(return_request.order, return_request.code)).data


class ReturnLineRequestSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="An order line's id")
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Units to return")


class ReturnRequestSerializer(serializers.Serializer):
    lines = ReturnLineRequestSerializer(many=True, allow_empty=False)
    reason = serializers.ChoiceField(
        choices=Return.Reason.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose a reason for the return.")},
    )
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def quantities(self):
        """{order line id: units}; a line named twice returns the units of both."""
        wanted = {}
        for item in self.validated_data["lines"]:
            wanted[item["line"]] = wanted.get(item["line"], 0) + item["quantity"]
        return wanted


REFUSED = OpenApiResponse(
    ErrorSerializer,
    "Refused with the reason: not delivered or collected yet, the return period has ended, a line not of "
    "this order, more units than are left to return, no lines, a reason not on the list",
)


@extend_schema(parameters=[LANGUAGE])
class AccountReturnsView(OrderResource):
    permission_classes = [permissions.IsAuthenticated]

    @property
    def throttle_scope(self):
        return "orders" if self.request.method == "POST" else None  # writes have a budget of their own

    @extend_schema(responses=ReturnSerializer(many=True))
    def get(self, request, number):
        """The returns of one of the customer's orders, oldest first."""
        order = own_order(request, number)
        return Response(ReturnSerializer(queries.returns_of(order), many=True).data)

    @extend_schema(request=ReturnRequestSerializer, responses={201: ReturnSerializer, 400: REFUSED})
    def post(self, request, number):
        """Return units of lines of a delivered or collected order within the return period, for
        free: the answer has the return's code and the page with the label to print. The card
        gets back the lines' prices (and the delivery charge with the last units) once the return
        is received."""
        order = own_order(request, number)
        body = ReturnRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        created = services.request_return(
            order,
            body.quantities(),
            body.validated_data["reason"],
            self.actor(),
            comment=body.validated_data["comment"],
        )
        return Response(return_data(created), status=status.HTTP_201_CREATED)


class ReceivesReturns(permissions.BasePermission):
    """Store staff of an active store, and warehouse staff (superusers)."""

    message = gettext_lazy("Only store and warehouse staff receive returns.")

    def has_permission(self, request, view):
        user = request.user
        return consent.store_of(user) is not None or (user.is_authenticated and user.is_superuser)


NO_SUCH_RETURN = OpenApiResponse(ErrorSerializer, "No return has that code: wrong codes are counted")


@extend_schema(parameters=[LANGUAGE])
class StaffReturnResource(OrderResource):
    permission_classes = [ReceivesReturns]
    throttle_scope = "orders"


class StaffReturnLookupView(StaffReturnResource):
    @extend_schema(request=CodeSerializer, responses={200: ReturnSerializer, 400: NO_SUCH_RETURN, 429: TOO_MANY_TRIES})
    def post(self, request):
        """The return with the code on its label (or the customer's phone), to check its items."""
        body = CodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(return_data(services.find_for_receipt(body.validated_data["code"], self.actor())))


class StaffReceiveView(StaffReturnResource):
    @extend_schema(
        request=None,
        responses={
            200: ReturnSerializer,
            400: NO_SUCH_RETURN,
            409: OpenApiResponse(ErrorSerializer, "The return was received already (code wrong_status)"),
            429: TOO_MANY_TRIES,
        },
    )
    def post(self, request, code):
        """Receive the return here: its units go back on this store's shelf (a superuser's: the
        online warehouse's) and the refund to the card is made. Once: a second receipt is a 409."""
        found = services.find_for_receipt(code, self.actor())
        return Response(return_data(services.receive(found, self.actor())))
