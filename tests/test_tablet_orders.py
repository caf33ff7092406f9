"""The store tablet's orders, returns and sales through real HTTP: an associate prepares the
store's click-and-collect orders, hands one over by the customer's pickup code (wrong codes are
counted and then refused), receives a return brought to the store, and sees their own sales (a
manager the whole store's), on known data."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.basket import services as cart
from shop.basket.models import Channel
from shop.checkout.models import Method
from shop.order import services as order_services
from shop.order.models import OrderStatus
from shop.returns import services as return_services
from shop.returns.models import Return
from shop.shipping.models import DeliverySlot, DeliveryWindow
from shop.stores.models import StaffMember
from tests import factories as f
from tests.test_checkout import filled_cart, units
from tests.test_orders import place
from tests.test_returns import deliver

Order = get_model("order", "Order")


@pytest.fixture
def collect(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna's click-and-collect order at Helsinki (a sofa variant Helsinki has 1 of)."""
    basket = filled_cart(people["anna"], (checkout_shop["variants"][1], 1))
    return place(basket, Method.COLLECT, store=checkout_shop["helsinki"].pk, capture=django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_an_associate_prepares_and_hands_over_an_order_with_the_pickup_code(
    client, collect, checkout_shop, people, django_capture_on_commit_callbacks
):
    client.force_login(people["aino"])
    page = client.get(reverse("tablet:orders")).content.decode()
    assert f'data-order="{collect.number}"' in page and "Nothing to prepare" not in page
    url = reverse("tablet:order", kwargs={"number": collect.number})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"status": "picking"})["Location"] == url
        client.post(url, {"status": "ready"})
    collect.refresh_from_db()
    assert collect.status == OrderStatus.READY and mail.outbox[-1].subject.endswith("is ready for pickup")
    response = client.post(url, {"status": "delivered"}, follow=True)  # not a step of this order
    assert "cannot become Delivered" in response.content.decode()
    # The customer shows the code: the associate finds the order, then hands it over.
    response = client.post(reverse("tablet:orders"), {"code": "ZZZZZZ"})
    assert response.status_code == 400 and "No order waiting in this store" in response.content.decode()
    response = client.post(reverse("tablet:orders"), {"code": collect.pickup_code.lower()})
    assert response["Location"] == url
    response = client.post(url, {"code": "ZZZZZZ"})
    assert response.status_code == 400 and "not this order" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"code": collect.pickup_code})
    assert response["Location"] == reverse("tablet:orders")
    collect.refresh_from_db()
    assert collect.status == OrderStatus.COLLECTED and collect.sources.get().amount_debited == collect.total_incl_tax
    assert units(checkout_shop["variants"][1], checkout_shop["helsinki"]) == (0, 0, 0)
    # Another store's associate does not see it; a shopper and a stranger have no tablet.
    client.force_login(people["mikko"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "cancelled"}).status_code == 404
    client.force_login(people["anna"])
    assert client.get(reverse("tablet:orders")).status_code == 403
    client.logout()
    assert client.get(reverse("tablet:orders")).status_code == 302


@pytest.mark.django_db
def test_wrong_pickup_codes_are_counted_and_then_refused_whatever_the_code(
    client, collect, people, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_PICKUP_CODE_FAILURE_LIMITS = {"staff": (3, 300), "store": (100, 3600)}
    aino = order_services.Actor(people["aino"], order_services.Channel.TABLET)
    order_services.change_status(collect, "picking", aino)
    ready = order_services.change_status(collect, "ready", aino)
    client.force_login(people["aino"])
    for code in ("AAAAAA", "CCCCCC", "DDDDDD"):
        assert client.post(reverse("tablet:orders"), {"code": code}).status_code == 400
    response = client.post(reverse("tablet:orders"), {"code": ready.pickup_code})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many wrong codes" in response.content.decode()
    response = client.post(reverse("tablet:order", kwargs={"number": ready.number}), {"code": ready.pickup_code})
    assert response.status_code == 429 and Order.objects.get(pk=ready.pk).status == OrderStatus.READY


@pytest.mark.django_db
def test_a_code_with_letters_outside_ascii_or_a_nul_in_the_reason_is_refused_not_a_500(client, collect, people):
    aino = order_services.Actor(people["aino"], order_services.Channel.TABLET)
    order_services.change_status(collect, "picking", aino)
    ready = order_services.change_status(collect, "ready", aino)
    client.force_login(people["aino"])
    url = reverse("tablet:order", kwargs={"number": ready.number})
    for code in ("ÄÄÄÄÄÄ", "１２３４５６"):  # a Finnish keyboard; full-width digits
        response = client.post(url, {"code": code})
        assert response.status_code == 400 and "not this order" in response.content.decode()
    assert Order.objects.get(pk=ready.pk).status == OrderStatus.READY
    response = client.post(url, {"status": "cancelled", "reason": "Asiakas\x00 perui"}, follow=True)
    assert response.status_code == 200
    assert ready.status_changes.get(new_status=OrderStatus.CANCELLED).note == "Asiakas perui"


@pytest.mark.django_db
def test_a_return_brought_to_a_store_is_received_there_once(
    client, checkout_shop, people, django_capture_on_commit_callbacks
):
    order = place(
        filled_cart(people["anna"], (checkout_shop["cushion"], 2)), capture=django_capture_on_commit_callbacks
    )
    order = deliver(order)
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    returned = return_services.request_return(order, {order.lines.get().pk: 2}, "changed-mind", anna)
    client.force_login(people["mikko"])  # Tampere: any store receives returns
    page = client.get(reverse("tablet:returns"), {"code": returned.code.lower()})
    assert page.status_code == 200 and f'data-return="{returned.code}"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tablet:returns"), {"code": returned.code, "receive": "1"})
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Return.Status.REFUNDED and returned.received_in == checkout_shop["tampere"]
    assert units(checkout_shop["cushion"], checkout_shop["tampere"])[0] == 3 + 2
    response = client.post(reverse("tablet:returns"), {"code": returned.code, "receive": "1"})
    assert response.status_code == 409 and "already received" in response.content.decode()
    assert client.post(reverse("tablet:returns"), {"code": "RNOTHING"}).status_code == 400


@pytest.mark.django_db
def test_associates_see_their_own_sales_and_a_manager_the_whole_stores(
    client, checkout_shop, people, django_capture_on_commit_callbacks
):
    helsinki = checkout_shop["helsinki"]
    aino, eino = people["aino"], f.staff_member(helsinki, email="eino@example.com", first_name="Eino")
    manager = f.staff_member(helsinki, email="maija@example.com", first_name="Maija")
    StaffMember.objects.filter(user=manager).update(is_manager=True)
    DeliveryWindow.objects.update(capacity=10)  # three orders in the first slot
    DeliverySlot.objects.update(capacity=10)
    sold_by = {aino: (checkout_shop["cushion"], 2), eino: (checkout_shop["cushion"], 1)}
    placed = {}
    for associate, (product, quantity) in sold_by.items():
        basket = filled_cart(people["anna"], (product, quantity), actor=cart.Actor(associate, Channel.TABLET, helsinki))
        placed[associate] = place(basket, capture=django_capture_on_commit_callbacks)
    # A cancelled order does not count.
    basket = filled_cart(
        people["anna"], (checkout_shop["cushion"], 5), actor=cart.Actor(aino, Channel.TABLET, helsinki)
    )
    cancelled = place(basket, capture=django_capture_on_commit_callbacks)
    order_services.change_status(cancelled, "cancelled", order_services.Actor.system())

    def sales(user):
        client.force_login(user)
        response = client.get(reverse("tablet:sales"))
        return response.context["rows"], response.context["total"]

    rows, total = sales(aino)
    assert [(r.store, r.associate, r.orders, r.units, r.amount) for r in rows] == [
        ("Helsinki", "Aino", 1, 2, Decimal("59.80"))
    ]
    rows, total = sales(manager)
    assert sorted((r.associate, r.units) for r in rows) == [("Aino", 2), ("Eino", 1)] and total == Decimal("89.70")
    rows, _total = sales(people["mikko"])
    assert rows == []
    # One of Aino's two cushions comes back: her row shows it, and the net is what stayed sold.
    order = deliver(placed[aino])
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    returned = return_services.request_return(order, {order.lines.get().pk: 1}, "changed-mind", anna)
    rows, _total = sales(aino)
    assert rows[0].returned_units == 0  # asked for, not yet received
    with django_capture_on_commit_callbacks(execute=True):
        return_services.receive(returned, order_services.Actor(aino, order_services.Channel.TABLET))
    rows, total = sales(aino)
    assert (rows[0].returned_units, rows[0].returned_amount, rows[0].net) == (1, Decimal("29.90"), Decimal("29.90"))
    assert total == Decimal("29.90")
