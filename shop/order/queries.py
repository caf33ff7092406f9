"""The reads the order pages, emails, tablet and API need: an order's link, who may see it, and
its timeline."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.models import Site
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from oscar.core.loading import get_model

from loyalty.queries import points_due_on, points_earned_on  # noqa: F401  (the order page's points)
from shop.order.models import OrderStatus
from shop.returns.models import ReturnLine

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")

# Orders a browser was shown by number and email (or by the link in an email), in its session.
SESSION_KEY = "tracked_orders"


def tracking_path(order):
    """The tracking page of an order: the account's page, or for a guest the link from the emails
    (which carries the order's signature)."""
    if order.user_id:
        return reverse("orders:detail", kwargs={"number": order.number})
    return reverse("orders:link", kwargs={"number": order.number, "hash": order.verification_hash()})


def absolute(path):
    return f"{settings.OSCAR_URL_SCHEMA}://{Site.objects.get_current().domain}{path}"


def order_detail_queryset():
    return Order.objects.select_related(
        "collection_store", "pickup_point", "delivery_slot", "shipping_address", "user", "member_saving"
    ).prefetch_related(
        Prefetch("lines", queryset=Line.objects.select_related("product").order_by("pk")),
        Prefetch("status_changes", queryset=OrderStatusChange.objects.order_by("date_created", "pk")),
    )


def storable(value):
    """Whether a key from a URL can be looked up at all (PostgreSQL refuses a NUL character)."""
    return "\x00" not in str(value)


def visible_order(request, number):
    """The order ``number`` if this browser may see it (its owner, or granted in this session by
    number and email or by an email's link), else None."""
    order = order_detail_queryset().filter(number=number).first() if storable(number) else None
    if order is None:
        return None
    if request.user.is_authenticated and order.user_id == request.user.pk:
        return order
    if number in request.session.get(SESSION_KEY, []):
        return order
    return None


def grant(request, order):
    granted = request.session.get(SESSION_KEY, [])
    if order.number not in granted:
        request.session[SESSION_KEY] = [*granted, order.number][-20:]


def guest_order(number, email):
    """The order with this number and email (compared without case, in constant time), or None;
    the same answer whether the number or the email is wrong."""
    order = (
        Order.objects.select_related("user").filter(number=str(number).strip()).first() if storable(number) else None
    )
    given = str(email or "").strip().lower().encode()
    expected = (order.email if order else "").strip().lower().encode()
    if order is None or not expected:
        secrets.compare_digest(given, b"x" * len(given))
        return None
    return order if secrets.compare_digest(given, expected) else None


def order_by_link(number, hash_):
    order = Order.objects.filter(number=number).first() if storable(number) else None
    return order if order is not None and order.check_verification_hash(hash_) else None


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    at: object = None  # when it was reached (None: not yet)
    note: str = ""
    current: bool = False


def timeline(order):
    """The steps of the order's delivery with the time each was reached; a cancelled order ends
    at its cancellation."""
    reached = {change.new_status: change for change in order.status_changes.all()}
    steps = []
    for status in order.steps:
        change = reached.get(status)
        at = order.date_placed if status == OrderStatus.CONFIRMED else (change.date_created if change else None)
        steps.append(Step(status, OrderStatus(status).label, at, change.note if change else ""))
    if order.status == OrderStatus.CANCELLED:
        change = reached.get(OrderStatus.CANCELLED)
        steps = [s for s in steps if s.at is not None]
        steps.append(
            Step(
                OrderStatus.CANCELLED,
                OrderStatus.CANCELLED.label,
                change and change.date_created,
                change.note if change else "",
            )
        )
    return [Step(s.status, s.label, s.at, s.note, current=s.status == order.status) for s in steps]


def orders_of(user):
    return order_detail_queryset().filter(user=user).order_by("-date_placed")


# --- The store's orders and sales (the tablet and the staff API) --------------------------------------

OPEN_IN_STORE = (OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.READY)


def store_orders(store):
    """The click-and-collect orders of a store still to prepare or waiting for their customer,
    the ones due first first."""
    return list(
        Order.objects.filter(collection_store=store, status__in=OPEN_IN_STORE)
        .select_related("user", "shipping_address")
        .prefetch_related(Prefetch("lines", queryset=Line.objects.order_by("pk")))
        .order_by("ready_at", "pk")
    )


def store_order(store, number):
    if not storable(number):
        return None
    return order_detail_queryset().filter(collection_store=store, number=number).first()


@dataclass(frozen=True)
class SalesRow:
    day: object
    store: str
    associate: str
    orders: int
    units: int
    amount: object  # sold, VAT included
    returned_units: int = 0  # of these, brought back (returns received)
    returned_amount: object = 0

    @property
    def net(self):
        return self.amount - self.returned_amount


def _returned(field, output_field):
    """The units or the amount of an order line in returns that were received."""
    received = ReturnLine.objects.filter(order_line=OuterRef("pk")).exclude(return_request__status="requested")
    total = Subquery(received.values("order_line").annotate(total=Sum(field)).values("total"))
    return Coalesce(total, Value(0), output_field=output_field)


def staff_sales(store, associate=None, since=None):
    """What was sold through the store's associates (the order lines they added to carts), per
    day, store and associate: all of the store's for a manager (``associate`` None), else only
    the associate's own, wherever the line was sold. Cancelled orders do not count; what came back
    in returns is shown beside what was sold (on the day of the sale)."""
    lines = Line.objects.exclude(order__status=OrderStatus.CANCELLED).filter(added_by__isnull=False)
    lines = lines.filter(added_by=associate) if associate is not None else lines.filter(store=store)
    if since is not None:
        lines = lines.filter(order__date_placed__gte=since)
    rows = (
        lines.annotate(
            day=TruncDate("order__date_placed"),
            line_returned_units=_returned("quantity", IntegerField()),
            line_returned_amount=_returned("amount", DecimalField(max_digits=12, decimal_places=2)),
        )
        .values("day", "store__name", "added_by__first_name", "added_by__last_name", "added_by__email")
        .annotate(
            orders=Count("order", distinct=True),
            units=Sum("quantity"),
            amount=Sum("line_price_incl_tax"),
            returned_units=Sum("line_returned_units"),
            returned_amount=Sum("line_returned_amount"),
        )
        .order_by("-day", "store__name", "added_by__first_name", "added_by__email")
    )
    return [
        SalesRow(
            day=row["day"],
            store=row["store__name"] or "",
            associate=" ".join(filter(None, [row["added_by__first_name"], row["added_by__last_name"]]))
            or row["added_by__email"],
            orders=row["orders"],
            units=row["units"],
            amount=row["amount"],
            returned_units=row["returned_units"],
            returned_amount=row["returned_amount"],
        )
        for row in rows
    ]
