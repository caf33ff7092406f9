"""Oscar's order dashboard, forked so that its status changes go through the one order-status
service: a superuser moves an order step by step on its page (a tracking reference to ship it, a
reason to cancel it) or several at once from the list; a refusal shows the service's message and
changes nothing; the page shows who changed the status, how, and the note. Real HTTP through the
test client; orders placed and paid with localstripe."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from oscar.core.loading import get_model

from shop.checkout.models import Method
from shop.order import services
from shop.order.models import OrderStatus
from shop.roles import PRODUCT_ADMINS
from shop.shipping.models import DeliveryWindow
from tests import factories as f
from tests.test_checkout import filled_cart
from tests.test_orders import place

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")


@pytest.fixture
def admin(db):
    return f.UserFactory(is_superuser=True, is_staff=True, first_name="Sanna", last_name="Super")


@pytest.fixture
def home_order(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna's home-delivery order of two cushions, confirmed."""
    basket = filled_cart(people["anna"], (checkout_shop["cushion"], 2))
    return place(basket, capture=django_capture_on_commit_callbacks)


def detail(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def change(client, order, status, **fields):
    """The order page's status form, submitted; answers the page it leads back to."""
    data = {"order_action": "change_order_status", "new_status": status, **fields}
    response = client.post(detail(order), data, follow=True)
    assert response.status_code == 200
    return response


def shown(response, text):
    page = response.content.decode()
    return escape(text) in page or text in page


def changes(order):
    return list(OrderStatusChange.objects.filter(order=order).values_list("new_status", flat=True))


@pytest.mark.django_db
def test_a_superuser_takes_a_home_delivery_order_from_confirmed_to_delivered(client, admin, home_order):
    order = home_order
    client.force_login(admin)
    page = client.get(detail(order))
    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["order_status_form"].fields["new_status"].choices == [
        ("picking", "Being picked"),
        ("cancelled", "Cancelled"),
    ]
    assert 'for="id_reason"' in html and "Reason (to cancel)" in html
    assert 'name="tracking_reference"' not in html  # a confirmed order is not shipped yet

    response = change(client, order, "picking")
    assert shown(response, "Order status changed from 'Confirmed' to 'Being picked'")
    order.refresh_from_db()
    assert order.status == OrderStatus.PICKING
    html = response.content.decode()
    assert 'for="id_tracking_reference"' in html and "Tracking reference (to mark shipped)" in html

    # Shipped without the carrier's reference: the service's message, nothing written.
    response = change(client, order, "shipped", tracking_reference="  ")
    assert shown(response, "Give the carrier's tracking reference to mark the order shipped.")
    order.refresh_from_db()
    assert order.status == OrderStatus.PICKING and order.tracking_reference == ""
    assert changes(order) == ["picking"]

    response = change(client, order, "shipped", tracking_reference="JJFI6400123")
    assert shown(response, "Order status changed from 'Being picked' to 'Shipped'")
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED and order.tracking_reference == "JJFI6400123"

    response = change(client, order, "delivered")
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.completed_at is not None
    assert response.context["order_status_form"].has_choices is False

    # The history: who, through which channel, and the note.
    shipped = OrderStatusChange.objects.get(order=order, new_status="shipped")
    assert (shipped.by, shipped.channel, shipped.note) == (admin, services.Channel.DASHBOARD, "JJFI6400123")
    table = response.content.decode().split('id="status_changes"')[1].split("</table>")[0]
    assert table.count("<tr>") == 4  # the header and three changes
    assert "Sanna Super" in table and "dashboard" in table and "JJFI6400123" in table
    assert "Being picked" in table and "Delivered" in table


@pytest.mark.django_db
def test_an_illegal_move_shows_why_and_changes_nothing(client, admin, home_order):
    order = home_order
    client.force_login(admin)
    response = change(client, order, "delivered")
    assert shown(response, f"Order {order.number} is Confirmed; it cannot become Delivered.")
    assert shown(response, "It can become: Being picked, Cancelled.")
    response = change(client, order, "collected")
    assert shown(response, f"Order {order.number} is Confirmed; it cannot become Collected.")
    response = change(client, order, "lost")  # not a status at all
    assert response.redirect_chain and "New order status" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and changes(order) == []


@pytest.mark.django_db
def test_a_ready_click_and_collect_order_is_not_collected_from_the_dashboard(
    client, admin, checkout_shop, people, django_capture_on_commit_callbacks
):
    basket = filled_cart(people["anna"], (checkout_shop["variants"][1], 1))
    order = place(
        basket, Method.COLLECT, store=checkout_shop["helsinki"].pk, capture=django_capture_on_commit_callbacks
    )
    services.change_status(order, OrderStatus.PICKING, services.Actor(people["aino"], services.Channel.TABLET))
    services.change_status(order, OrderStatus.READY, services.Actor(people["aino"], services.Channel.TABLET))
    client.force_login(admin)
    page = client.get(detail(order))
    form = page.context["order_status_form"]
    assert form.fields["new_status"].choices == [("cancelled", "Cancelled")]  # the handover is on the tablet
    assert shown(page, "An order is collected by handing it over with the customer's pickup code.")
    response = change(client, order, "collected")
    assert shown(response, "An order is collected by handing it over with the customer's pickup code.")
    order.refresh_from_db()
    assert order.status == OrderStatus.READY and order.pickup_code
    assert "Aino" in response.content.decode().split('id="status_changes"')[1]  # the tablet's changes too


@pytest.mark.django_db
def test_a_superuser_cancels_an_order_with_a_reason(client, admin, home_order, checkout_shop):
    order = home_order
    client.force_login(admin)
    response = change(client, order, "cancelled", reason="The customer called: ordered twice.")
    assert shown(response, "Order status changed from 'Confirmed' to 'Cancelled'")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    cancelled = OrderStatusChange.objects.get(order=order)
    assert cancelled.note == "The customer called: ordered twice." and cancelled.by == admin
    assert shown(response, "The customer called: ordered twice.")
    assert shown(response, "This order can't have its status changed.")


@pytest.mark.django_db
def test_the_list_changes_several_orders_and_refuses_each_it_cannot_by_name(
    client, admin, checkout_shop, people, django_capture_on_commit_callbacks
):
    cushion = checkout_shop["cushion"]
    DeliveryWindow.objects.update(capacity=10)  # three orders in the first slot
    first, second, third = (
        place(filled_cart(people["anna"], (cushion, 1)), capture=django_capture_on_commit_callbacks) for _i in range(3)
    )
    services.change_status(third, OrderStatus.CANCELLED, services.Actor.system(), reason="Test")
    client.force_login(admin)
    orders = reverse("dashboard:order-list")
    page = client.get(orders).content.decode()
    bulk = page.split('name="new_status"')[1].split("</select>")[0]
    assert "<option>picking</option>" in bulk and "collected" not in bulk

    def bulk_change(status, *chosen):
        data = {"action": "change_order_statuses", "new_status": status, "selected_order": [o.pk for o in chosen]}
        response = client.post(orders, data, follow=True)
        assert response.status_code == 200
        return response

    response = bulk_change("picking", first, second, third)
    assert shown(response, f"Order {first.number}: Order status changed from 'Confirmed' to 'Being picked'")
    assert shown(response, f"Order {second.number}: Order status changed from 'Confirmed' to 'Being picked'")
    assert shown(response, f"Order {third.number} is Cancelled; it cannot become Being picked.")
    statuses = dict(Order.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list("number", "status"))
    assert statuses == {str(first.number): "picking", str(second.number): "picking", str(third.number): "cancelled"}

    # Shipping needs each order's own tracking reference: refused per order, nothing written.
    response = bulk_change("shipped", first, second)
    refused = "Give the carrier's tracking reference to mark the order shipped."
    for order in (first, second):
        assert shown(response, f"Order {order.number}: {refused}")
        assert changes(order) == ["picking"]
    response = bulk_change("", first)
    assert shown(response, "Choose the new status.") and changes(first) == ["picking"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["store staff", "product admin", "shopper", "anonymous"])
def test_no_one_but_a_superuser_changes_an_order_from_the_dashboard(client, home_order, checkout_shop, role):
    order = home_order
    users = {
        "store staff": lambda: f.staff_member(checkout_shop["helsinki"]),
        "product admin": lambda: f.UserFactory(groups=[PRODUCT_ADMINS], is_staff=True),
        "shopper": lambda: order.user,
    }
    if role in users:
        client.force_login(users[role]())
    data = {"order_action": "change_order_status", "new_status": "picking"}
    answers = [
        client.get(detail(order)),
        client.post(detail(order), data),
        client.post(
            reverse("dashboard:order-list"),
            {"action": "change_order_statuses", "new_status": "picking", "selected_order": [order.pk]},
        ),
    ]
    for response in answers:
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(reverse("dashboard:login"))
        else:
            assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and changes(order) == []
