"""Orders in the API (/api/v1/): thin views over the order reads (shop.order.queries) and the one
order-status service (shop.order.services), the same functions as the order pages and the tablet.

A customer reads their orders (``account/orders/``) with the status history, the delivery and the
returns; a guest finds an order by its number and email (``orders/lookup/``, with the rate limit
of the web's tracking page). Store staff (a staff app, or the tablet signed in through allauth's
headless API) see the click-and-collect orders of their store, move them on, and hand one over:
``POST staff/orders/find/`` with the pickup code the customer shows answers the order waiting for
them; the associate checks the items and ``POST staff/orders/{number}/hand-over/`` with the same
code captures the payment and marks it collected. Wrong codes are counted per associate and store.
A refusal of the service is answered with its status and message (OrderError.status_code).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import RequestLanguageMixin
from shop.api.errors import ErrorSerializer
from shop.checkout.api import DeliverySerializer, delivery_data, order_totals
from shop.order import queries, services
from shop.order.models import OrderStatus
from shop.order.views import find_order
from shop.returns import queries as return_queries
from shop.returns import services as return_services
from shop.stores.tablet.api import IsStoreStaff

LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of the answer's labels and messages; else Accept-Language",
)
MONEY = {"max_digits": 12, "decimal_places": 2}
# What an order number or a code may be (Oscar's order numbers have at most 128 characters).
NUMBER_LENGTH = 128
CODE_LENGTH = 16


# --- Refusals of the services as the API's answers ---------------------------------------------------


class Refused(exceptions.APIException):
    """A refusal of the order-status or returns service: its status, its message, a code for
    programs, and Retry-After when the caller has to wait (TooManyTries)."""

    CODES = {
        400: "invalid",
        402: "payment_failed",
        403: "permission_denied",
        404: "not_found",
        409: "wrong_status",
        429: "throttled",
        503: "payment_unavailable",
    }

    def __init__(self, error):
        self.status_code = error.status_code
        self.wait = getattr(error, "retry_after", None)
        code = "wrong_code" if isinstance(error, services.WrongPickupCode) else self.CODES.get(error.status_code)
        super().__init__(error.message, code or "refused")


class OrderResource(RequestLanguageMixin, APIView):
    """An API view whose service refusals are answered with their status and message."""

    def handle_exception(self, exc):
        if isinstance(exc, services.OrderError):
            exc = Refused(exc)
        return super().handle_exception(exc)

    def actor(self):
        return services.Actor(self.request.user if self.request.user.is_authenticated else None, services.Channel.API)


# --- Serializers: the customer's orders -------------------------------------------------------------


class OrderSummarySerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    status_label = serializers.CharField()
    placed_at = serializers.DateTimeField(source="date_placed")
    total_incl_tax = serializers.DecimalField(**MONEY)
    currency = serializers.CharField()
    delivery_method = serializers.CharField(source="shipping_code", help_text="home-delivery, click-and-collect, ...")
    delivery_name = serializers.CharField(source="shipping_method")


class AccountOrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="What a return names as its line")
    product = serializers.IntegerField(source="product_id", allow_null=True)
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_incl_tax = serializers.DecimalField(**MONEY)
    line_price_incl_tax = serializers.DecimalField(**MONEY)
    returnable_quantity = serializers.IntegerField(help_text="Units not yet in a return")


class OrderDeliverySerializer(DeliverySerializer):
    collect_by = serializers.DateTimeField(
        allow_null=True, help_text="Click-and-collect, once ready: the order waits until then"
    )
    pickup_code = serializers.CharField(
        allow_null=True, help_text="Click-and-collect, while ready: what the customer shows at the store"
    )
    tracking_reference = serializers.CharField(help_text="The carrier's, once shipped (else empty)")


class StepSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    label = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True, help_text="When it was reached (null: not yet)")
    note = serializers.CharField(help_text="A tracking reference, or why the order was cancelled")
    current = serializers.BooleanField()


class OrderReturnSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    amount = serializers.DecimalField(**MONEY, help_text="What the card gets back")
    created = serializers.DateTimeField()


class ReturnPolicySerializer(serializers.Serializer):
    can_return = serializers.BooleanField()
    until = serializers.DateTimeField(allow_null=True, help_text="The end of the return period (null: not completed)")
    refusal = serializers.CharField(help_text="Why it cannot be returned now (empty when it can)")


class OrderDetailSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    status_label = serializers.CharField()
    placed_at = serializers.DateTimeField()
    email = serializers.CharField()
    currency = serializers.CharField()
    goods_incl_tax = serializers.DecimalField(**MONEY)
    delivery_charge_incl_tax = serializers.DecimalField(**MONEY)
    total_incl_tax = serializers.DecimalField(**MONEY)
    total_excl_tax = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    member_saving = serializers.DecimalField(**MONEY, help_text="What membership saved on this order")
    points_earned = serializers.IntegerField(help_text="Less what refunds took back")
    points_due = serializers.IntegerField(help_text="A member's order: earned when it is delivered or collected")
    delivery = OrderDeliverySerializer()
    lines = AccountOrderLineSerializer(many=True)
    timeline = StepSerializer(many=True, help_text="The steps of the order's delivery, with when each was reached")
    returns = OrderReturnSerializer(many=True)
    returning = ReturnPolicySerializer(help_text="Whether, and until when, items can be returned")


def step_data(step):
    note = step.note if step.status == OrderStatus.SHIPPED else (_(step.note) if step.note else "")
    return {"status": step.status, "label": str(step.label), "at": step.at, "note": note, "current": step.current}


def lines_data(order):
    returnable = {item.line.pk: item.quantity for item in return_services.returnable_lines(order)}
    return [
        {
            "id": line.pk,
            "product_id": line.product_id,
            "title": line.title,
            "quantity": line.quantity,
            "unit_price_incl_tax": line.unit_price_incl_tax,
            "line_price_incl_tax": line.line_price_incl_tax,
            "returnable_quantity": returnable.get(line.pk, 0),
        }
        for line in order.lines.all()
    ]


def order_detail(order):
    """The customer's view of an order (the order page's), as OrderDetailSerializer's data."""
    saving = getattr(order, "member_saving", None)
    refusal = return_services.refusal(order)
    return OrderDetailSerializer(
        {
            **order_totals(order),
            "status_label": str(order.status_label),
            "member_saving": saving.amount if saving is not None else 0,
            "points_earned": queries.points_earned_on(order),
            "points_due": queries.points_due_on(order),
            "delivery": delivery_data(order.shipping_code, order.shipping_method, order)
            | {
                "collect_by": order.collect_by,
                "pickup_code": order.pickup_code if order.status == OrderStatus.READY else None,
                "tracking_reference": order.tracking_reference,
            },
            "lines": lines_data(order),
            "timeline": [step_data(step) for step in queries.timeline(order)],
            "returns": return_queries.returns_of(order),
            "returning": {
                "can_return": not refusal,
                "until": return_services.return_deadline(order),
                "refusal": refusal,
            },
        }
    ).data


def own_order(request, number):
    """The signed-in customer's order ``number`` (404 for anyone else's)."""
    order = queries.orders_of(request.user).filter(number=number).first()
    if order is None:
        raise exceptions.NotFound()
    return order


# --- Views: the customer's orders ---------------------------------------------------------------------


@extend_schema(parameters=[LANGUAGE])
class AccountOrdersView(RequestLanguageMixin, generics.ListAPIView):
    """The signed-in customer's orders, newest first."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = OrderSummarySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return queries.Order.objects.none()
        return queries.orders_of(self.request.user)


@extend_schema(parameters=[LANGUAGE])
class AccountOrderView(OrderResource):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=OrderDetailSerializer)
    def get(self, request, number):
        """One of the customer's orders: its lines and totals, the delivery (the pickup code while
        it is ready, the carrier's tracking reference), each step with its time, the member's saving
        and points, its returns, and whether and until when items can be returned."""
        return Response(order_detail(own_order(request, number)))


class LookupSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=NUMBER_LENGTH, help_text="The order's number")
    email = serializers.EmailField(max_length=254, help_text="The email address the order was placed with")


@extend_schema(parameters=[LANGUAGE])
class LookupView(OrderResource):
    throttle_scope = "orders"

    @extend_schema(
        request=LookupSerializer,
        responses={
            200: OrderDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, "No order has that number and email (the same answer for either)"),
        },
    )
    def post(self, request):
        """A guest's order by its number and the email it was placed with (compared without case).
        A wrong number and a wrong email get the same 404; too many of them from one client, a 429
        with Retry-After."""
        body = LookupSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        order, refusal = find_order(request, body.validated_data["number"], body.validated_data["email"])
        if refusal:
            status_code, message, wait = refusal
            if status_code == 429:
                raise exceptions.Throttled(wait=wait, detail=message)
            raise exceptions.NotFound(message)
        return Response(order_detail(queries.order_detail_queryset().get(pk=order.pk)))


# --- Serializers and views: store staff ------------------------------------------------------------------


class CollectorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Who collects the order")
    phone = serializers.CharField()


class StaffLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id", allow_null=True)
    title = serializers.CharField()
    sku = serializers.CharField(source="partner_sku")
    quantity = serializers.IntegerField()


class StaffOrderSummarySerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    status_label = serializers.CharField()
    placed_at = serializers.DateTimeField(source="date_placed")
    ready_at = serializers.DateTimeField(allow_null=True, help_text="When the customer was promised it ready")
    collect_by = serializers.DateTimeField(allow_null=True, help_text="Ready: it waits until then")
    customer = CollectorSerializer()
    units = serializers.IntegerField()
    total_incl_tax = serializers.DecimalField(**MONEY)
    currency = serializers.CharField()


class StaffOrdersSerializer(serializers.Serializer):
    to_prepare = StaffOrderSummarySerializer(many=True, help_text="Confirmed or being picked, due first first")
    waiting = StaffOrderSummarySerializer(many=True, help_text="Ready, waiting for their customer")


class StaffOrderSerializer(StaffOrderSummarySerializer):
    lines = StaffLineSerializer(many=True)
    timeline = StepSerializer(many=True)
    next_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=OrderStatus.choices),
        help_text="What POST status/ may move it to (collected: by the handover)",
    )
    is_paid = serializers.BooleanField(help_text="Captured (collected); else authorised and captured at the handover")


def customer_data(order):
    address = order.shipping_address
    name = " ".join(filter(None, [address.first_name, address.last_name])) if address else ""
    return {"name": name, "phone": str(address.phone_number or "") if address else ""}


def staff_summary(order):
    lines = list(order.lines.all())
    return {
        "number": order.number,
        "status": order.status,
        "status_label": str(order.status_label),
        "date_placed": order.date_placed,
        "ready_at": order.ready_at,
        "collect_by": order.collect_by,
        "customer": customer_data(order),
        "units": sum(line.quantity for line in lines),
        "total_incl_tax": order.total_incl_tax,
        "currency": order.currency,
    }


def staff_order_data(order):
    """A store's order as an associate sees it: never its pickup code (the customer shows it)."""
    source = services.stripe_source(order)
    return StaffOrderSerializer(
        staff_summary(order)
        | {
            "lines": list(order.lines.all()),
            "timeline": [step_data(step) for step in queries.timeline(order)],
            "next_statuses": [s for s in order.available_statuses() if s != OrderStatus.COLLECTED],
            "is_paid": source is not None and source.amount_debited >= source.amount_allocated > 0,
        }
    ).data


@extend_schema(parameters=[LANGUAGE])
class StaffResource(OrderResource):
    """Store staff of an active store (the staff app or the tablet), for their own store."""

    permission_classes = [IsStoreStaff]

    def store_order(self, number):
        order = queries.store_order(self.store, number)
        if order is None:
            raise exceptions.NotFound()
        return order

    def respond(self, order):
        return Response(staff_order_data(queries.store_order(self.store, order.number)))


class StaffOrdersView(StaffResource):
    @extend_schema(operation_id="staff_orders_list", responses=StaffOrdersSerializer)
    def get(self, request):
        """The store's click-and-collect orders to prepare, and those waiting for their customer."""
        orders = queries.store_orders(self.store)
        data = {
            "to_prepare": [staff_summary(o) for o in orders if o.status != OrderStatus.READY],
            "waiting": [staff_summary(o) for o in orders if o.status == OrderStatus.READY],
        }
        return Response(StaffOrdersSerializer(data).data)


class StaffOrderView(StaffResource):
    @extend_schema(responses=StaffOrderSerializer)
    def get(self, request, number):
        """One order of the store (404 for another store's): who collects it, its lines, its steps
        and what it can become next."""
        return Response(staff_order_data(self.store_order(number)))


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices, help_text="One of the order's next_statuses")
    reason = serializers.CharField(
        max_length=255, required=False, allow_blank=True, help_text="Cancelling: why (told to the customer)"
    )


WRONG_STATUS = OpenApiResponse(ErrorSerializer, "The order cannot take that step now (code wrong_status)")


class StaffOrderStatusView(StaffResource):
    throttle_scope = "orders"

    @extend_schema(request=StatusSerializer, responses={200: StaffOrderSerializer, 409: WRONG_STATUS})
    def post(self, request, number):
        """Move the order on: picking, ready (the customer gets the pickup code), or cancelled
        with a reason (the payment is released, the stock is back on the shelf). Asking for the
        status it has already changes nothing; a step it cannot take is a 409 saying which it can."""
        order = self.store_order(number)
        body = StatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = services.change_status(
            order, body.validated_data["status"], self.actor(), reason=body.validated_data.get("reason", "")
        )
        return self.respond(changed)


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=CODE_LENGTH, help_text="The code the customer shows")


WRONG_CODE = OpenApiResponse(ErrorSerializer, "No such code (code wrong_code): wrong codes are counted")
TOO_MANY_TRIES = OpenApiResponse(
    ErrorSerializer, "Too many wrong codes from this associate or store: wait the seconds in Retry-After"
)


class StaffFindOrderView(StaffResource):
    throttle_scope = "orders"

    @extend_schema(request=CodeSerializer, responses={200: StaffOrderSerializer, 400: WRONG_CODE, 429: TOO_MANY_TRIES})
    def post(self, request):
        """The order waiting in this store for the customer who shows this pickup code: check the
        items with them, then hand it over (POST {number}/hand-over/ with the same code)."""
        body = CodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.find_for_handover(body.validated_data["code"], self.actor()))


class StaffHandOverView(StaffResource):
    throttle_scope = "orders"

    @extend_schema(
        request=CodeSerializer,
        responses={
            200: StaffOrderSerializer,
            400: WRONG_CODE,
            402: OpenApiResponse(ErrorSerializer, "The payment could not be taken: the order stays ready"),
            409: WRONG_STATUS,
            429: TOO_MANY_TRIES,
            503: OpenApiResponse(ErrorSerializer, "The payment service did not answer: nothing changed, try again"),
        },
    )
    def post(self, request, number):
        """Hand the ready order to the customer who shows its pickup code: the authorised payment
        is captured (once) and the order is collected. Handing over a collected order again
        changes nothing."""
        order = self.store_order(number)
        body = CodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(services.hand_over(order, body.validated_data["code"], self.actor()))


# --- Sales --------------------------------------------------------------------------------------------


class SalesQuerySerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=366, default=30, help_text="The last days to count")


class SalesRowSerializer(serializers.Serializer):
    day = serializers.DateField()
    store = serializers.CharField(help_text="Where it was sold")
    associate = serializers.CharField()
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    amount = serializers.DecimalField(**MONEY, help_text="Sold, including VAT")
    returned_units = serializers.IntegerField(help_text="Of these units, how many came back in returns received")
    returned_amount = serializers.DecimalField(**MONEY, help_text="What those returns refunded")
    net = serializers.DecimalField(**MONEY, help_text="Sold less returned")


class SalesSerializer(serializers.Serializer):
    whole_store = serializers.BooleanField(help_text="A manager's: every associate of the store")
    days = serializers.IntegerField()
    since = serializers.DateTimeField()
    currency = serializers.CharField()
    total = serializers.DecimalField(**MONEY, help_text="Sold less returned, every row")
    rows = SalesRowSerializer(many=True, help_text="Per day, store and associate; newest first")


class StaffSalesView(StaffResource):
    @extend_schema(parameters=[SalesQuerySerializer], responses=SalesSerializer)
    def get(self, request):
        """What the associate sold (the order lines they added to customers' carts) in the last
        ``days`` days; a store manager (or a superuser) sees every associate of the store.
        Cancelled orders do not count."""
        query = SalesQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        days = query.validated_data["days"]
        member = request.user.staff_member
        whole_store = member.is_manager or request.user.is_superuser
        since = timezone.now() - timedelta(days=days)
        rows = queries.staff_sales(self.store, None if whole_store else request.user, since)
        data = {
            "whole_store": whole_store,
            "days": days,
            "since": since,
            "currency": settings.OSCAR_DEFAULT_CURRENCY,
            "total": sum((row.net for row in rows), 0),
            "rows": rows,
        }
        return Response(SalesSerializer(data).data)
