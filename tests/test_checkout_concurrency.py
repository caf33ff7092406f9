"""No oversold unit, no double booking, no double charge: many shoppers checking out at once,
each in a thread of its own with its own database connection, against PostgreSQL and localstripe."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.checkout import services
from shop.checkout.models import Method, Payment, StockReservation
from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint
from tests import factories as f
from tests.stripe_proxy import StripeProxy
from tests.test_checkout import CONTACT, filled_cart, first_slot, pay

Order = get_model("order", "Order")
THREADS = 32  # at once; PostgreSQL allows 100 connections


def run_at_once(work, items, threads=THREADS):
    """``work(item)`` for every item, ``threads`` at a time, each thread with its own connection;
    returns what each answered: its result, or the CheckoutError it raised."""
    start = threading.Barrier(min(threads, len(items)))

    def attempt(item):
        try:
            if len(items) <= threads:
                start.wait()  # every shopper presses Pay at the same moment
            return work(item)
        except services.CheckoutError as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(attempt, items))


def checkouts(count, product, method, **choice):
    """``count`` shoppers, each with one ``product`` in the cart and the delivery chosen."""
    ready = []
    for _ in range(count):
        checkout = services.checkout_of(filled_cart(f.UserFactory(), (product, 1)))
        services.choose_delivery(checkout, method, **choice)
        ready.append(services.set_address(checkout, CONTACT))
    return ready


def outcomes(answers):
    placed = [a for a in answers if isinstance(a, services.Outcome) and a.order is not None]
    sold_out = [a for a in answers if isinstance(a, services.SoldOut)]
    return placed, sold_out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_shoppers_paying_for_the_last_5_units_online_make_exactly_5_orders(checkout_shop):
    lamp = f.ProductFactory(title="Lamp Aalto", price="89.00", product_class=f.ProductClassFactory(name="Lamp"))
    record = f.stock(lamp, checkout_shop["online"], 5)
    point = PickupPoint.objects.create(code="kamppi", name="Kamppi", street="Urho Kekkosen katu 1", postcode="00100")
    shoppers = checkouts(200, lamp, Method.PICKUP_POINT, pickup_point=point.pk)

    placed, sold_out = outcomes(run_at_once(pay, shoppers))

    assert (len(placed), len(sold_out)) == (5, 195)
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated, record.num_reserved) == (5, 5, 0)
    assert Order.objects.count() == 5 and not StockReservation.objects.exists()
    # Every other shopper was told before paying: no other card was asked for, and a payment that
    # had been started was let go (cancelled at Stripe: nothing charged).
    assert Payment.objects.filter(confirmations__gt=0).count() == 5
    assert Payment.objects.filter(outcome=Payment.Outcome.ORDER).count() == 5
    let_go = Payment.objects.exclude(outcome=Payment.Outcome.ORDER)
    assert all(p.outcome == Payment.Outcome.RELEASED and p.settled_at for p in let_go)
    assert all("no longer in stock" in error.message for error in sold_out)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_shoppers_collecting_the_last_3_units_of_a_store_make_exactly_3_orders(checkout_shop):
    helsinki = checkout_shop["helsinki"]
    vase = f.ProductFactory(title="Vase Kivi", price="49.00", product_class=f.ProductClassFactory(name="Vase"))
    in_store = f.stock(vase, helsinki, 3)
    online = f.stock(vase, checkout_shop["online"], 50)
    shoppers = checkouts(200, vase, Method.COLLECT, store=helsinki.pk)

    placed, sold_out = outcomes(run_at_once(pay, shoppers))

    assert (len(placed), len(sold_out)) == (3, 197)
    in_store.refresh_from_db()
    online.refresh_from_db()
    assert (in_store.num_allocated, in_store.num_reserved) == (3, 0)
    assert online.num_allocated == 0  # the store's units, not the warehouse's
    assert {line.partner_id for line in get_model("order", "Line").objects.all()} == {helsinki.partner_id}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_shoppers_paying_for_the_last_place_of_a_slot_book_it_once(checkout_shop):
    DeliveryWindow.objects.update(capacity=1)
    slot = first_slot()
    shoppers = []
    for _ in range(10):
        checkout = services.checkout_of(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
        services.choose_delivery(checkout, Method.HOME, slot=slot.pk)
        shoppers.append(
            services.set_address(checkout, {**CONTACT, "line1": "Katu 1", "line4": "Helsinki", "postcode": "00100"})
        )

    answers = run_at_once(pay, shoppers)

    assert sum(isinstance(a, services.Outcome) for a in answers) == 1
    assert sum(isinstance(a, services.SlotFull) for a in answers) == 9
    assert DeliverySlot.objects.get(pk=slot.pk).booked == 1 and Order.objects.get().delivery_slot_id == slot.pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_pay_charges_once_and_makes_one_order(checkout_shop, localstripe, stripe_settings):
    [checkout] = checkouts(1, checkout_shop["cushion"], Method.COLLECT, store=checkout_shop["tampere"].pk)
    proxy = StripeProxy(localstripe, hold=lambda method, path: False)  # counts the calls
    stripe_settings.STRIPE_API_BASE = proxy.url
    try:
        answers = run_at_once(lambda _click: pay(checkout), [1, 2])
    finally:
        stripe_settings.STRIPE_API_BASE = localstripe
        proxy.close()

    orders = {answer.order for answer in answers}
    assert len(orders) == 1 and Order.objects.count() == 1
    confirm = re.compile(r"/v1/payment_intents/\w+/confirm")
    assert sum(n for (_method, path), n in proxy.calls.items() if confirm.fullmatch(path)) == 1
    assert proxy.calls[("POST", "/v1/payment_intents")] == 1
