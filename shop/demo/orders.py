"""Demo orders (journeys 1.5, 1.6 and 4.4), loaded by manage.py load_demo when the demo's
localstripe runs (``make demo``): each order is placed through the real checkout, paid with
Stripe's test Visa, and moved on through the order-status service, so that the demo has an order
in every status, a click-and-collect order waiting in every store, a returned order refunded to
the card, and sales attributed to every store associate.

Placed orders cannot be placed again, so this step runs once: when the demo's customers have
orders, it leaves everything alone. It runs before the demo's carts are filled (shop.demo.carts):
an order is placed from its customer's one cart.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override
from oscar.core.loading import get_model

from loyalty.demo import uses_local_stripe
from shop.basket import services as cart
from shop.basket.models import Channel
from shop.checkout import services as checkout_services
from shop.checkout.models import Method
from shop.order import services as order_services
from shop.order.models import OrderStatus
from shop.partner.models import StockRecord
from shop.returns import services as return_services
from shop.shipping import schedule
from shop.shipping.models import PickupPoint
from shop.stores.models import StaffMember, Store

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

ANNA, BEN, LAURI = "anna@example.com", "ben@example.com", "lauri@example.com"
CONTACT = {"first_name": "", "last_name": "", "phone_number": "+358401234567"}
SYSTEM = order_services.Actor.system()


def load():
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[ANNA, BEN, LAURI])}
    if len(users) < 3:
        return "skipped (the demo's customers are missing)"
    if Order.objects.filter(user__in=users.values()).exists():
        return "unchanged"
    if not uses_local_stripe():
        return "skipped (orders are paid through the demo's localstripe: run make demo)"
    anna, ben, lauri = users[ANNA], users[BEN], users[LAURI]
    associates = {m.store.slug: m.user for m in StaffMember.objects.select_related("store", "user")}
    stores = list(Store.objects.filter(kind=Store.Kind.STORE, is_active=True).order_by("name"))
    online = Store.objects.get(kind=Store.Kind.WAREHOUSE)
    made = []

    # Home delivery through every step: Ben's (a member) delivered with points, partly returned.
    delivered = _place(ben, _stocked(online, 2), Method.HOME, language="fi", days_ago=9)
    _move(delivered, [OrderStatus.PICKING, OrderStatus.SHIPPED, OrderStatus.DELIVERED], "JJFI64000012345")
    line = delivered.lines.order_by("pk").first()
    returned = return_services.request_return(
        delivered, {line.pk: 1}, "changed-mind", order_services.Actor(ben, order_services.Channel.WEB)
    )
    return_services.receive(returned, SYSTEM)
    made.append(f"{delivered.number} delivered and partly returned ({returned.code}, refunded)")

    shipped = _place(anna, _stocked(online, 1, skip=2), Method.HOME, days_ago=2)
    _move(shipped, [OrderStatus.PICKING, OrderStatus.SHIPPED], "JJFI64000067890")
    made.append(f"{shipped.number} shipped")

    picking = _place(lauri, _stocked(online, 1, skip=3), Method.PICKUP_POINT, days_ago=1)
    _move(picking, [OrderStatus.PICKING])
    made.append(f"{picking.number} being picked (pickup point)")

    confirmed = _place(ben, _stocked(online, 1, skip=4), Method.HOME, language="sv")
    made.append(f"{confirmed.number} confirmed")

    cancelled = _place(lauri, _stocked(online, 1, skip=5), Method.HOME, days_ago=3)
    order_services.change_status(cancelled, OrderStatus.CANCELLED, SYSTEM, reason="Cancelled at the customer's request")
    made.append(f"{cancelled.number} cancelled (refunded)")

    # Click-and-collect: one waiting for its customer in every store, each with a line the
    # store's associate added to the customer's cart (their sales); one collected, one to prepare.
    customers = [anna, ben, lauri]
    for index, store in enumerate(stores):
        associate = associates.get(store.slug)
        products = _stocked(store, 2, skip=index)
        order = _place(customers[index % 3], products, Method.COLLECT, store=store, associate=associate, days_ago=1)
        order = _move(order, [OrderStatus.PICKING, OrderStatus.READY], actor=_staff(associate))
        made.append(f"{order.number} ready in {store.name} (code {order.pickup_code})")
    first = stores[0]
    collected = _place(
        ben, _stocked(first, 1, skip=3), Method.COLLECT, store=first, associate=associates.get(first.slug), days_ago=4
    )
    actor = _staff(associates.get(first.slug))
    ready = _move(collected, [OrderStatus.PICKING, OrderStatus.READY], actor=actor)
    order_services.hand_over(ready, ready.pickup_code, actor)
    made.append(f"{collected.number} collected in {first.name}")
    to_prepare = _place(anna, _stocked(first, 1, skip=4), Method.COLLECT, store=first)
    made.append(f"{to_prepare.number} to prepare in {first.name}")
    return f"{len(made)}: " + "; ".join(made)


def _staff(user):
    return order_services.Actor(user, order_services.Channel.TABLET) if user else SYSTEM


def _stocked(store, count, skip=0):
    """``count`` products the store has at least 3 free units of (the same ones on every load)."""
    records = (
        StockRecord.objects.filter(
            partner=store.partner, num_in_stock__gte=F("num_allocated") + F("num_reserved") + 3, product__is_public=True
        )
        .exclude(product__structure="parent")
        .select_related("product")
        .order_by("product__upc")
    )
    return [record.product for record in records[skip : skip + count]]


def _place(user, products, method, store=None, associate=None, language="en", days_ago=0):
    """An order of ``products`` (one each; the first added by ``associate`` in their store when
    given) placed through the checkout and paid with the test Visa, dated ``days_ago``."""
    basket = cart.open_basket_of(user)
    for index, product in enumerate(products):
        if associate is not None and index == 0:
            actor = cart.Actor(associate, Channel.TABLET, associate.staff_member.store)
        else:
            actor = cart.Actor(user, Channel.WEB)
        cart.add_product(basket, product, 1, actor)
    checkout = checkout_services.checkout_of(basket)
    if method == Method.HOME:
        for slot in schedule.bookable_slots(timezone.now()):
            try:
                checkout_services.choose_delivery(checkout, method, slot=slot)
                break
            except checkout_services.CheckoutError:
                continue
        address = user.addresses.first()
        checkout_services.set_address(
            checkout,
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "line1": address.line1 if address else "Mannerheimintie 5",
                "line4": address.line4 if address else "Helsinki",
                "postcode": address.postcode if address else "00100",
                "country": "FI",
                "phone_number": "+358401234567",
            },
        )
    else:
        point = PickupPoint.objects.filter(is_active=True).order_by("pk").first()
        checkout_services.choose_delivery(checkout, method, store=store, pickup_point=point)
        checkout_services.set_address(checkout, CONTACT | {"first_name": user.first_name, "last_name": user.last_name})
    with override(language):
        checkout_services.start_payment(checkout)
        order = checkout_services.confirm_payment(checkout, "pm_card_visa").order
    if days_ago:
        placed = timezone.now() - timedelta(days=days_ago)
        Order.objects.filter(pk=order.pk).update(date_placed=placed)
        order.date_placed = placed
    return order


def _move(order, statuses, tracking_reference="", actor=SYSTEM):
    """Move the order on, each step a few hours after the one before (from when it was placed)."""
    at = order.date_placed
    for status in statuses:
        at = min(at + timedelta(hours=20), timezone.now())
        order = order_services.change_status(order, status, actor, tracking_reference=tracking_reference, now=at)
        OrderStatusChange.objects.filter(order=order, new_status=status).update(date_created=at)
    return order
