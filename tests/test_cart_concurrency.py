"""500 changes to one cart from two channels at once (issue 10): the customer's app and a store
tablet, in two threads with their own PostgreSQL connections, through the real API. No line and
no quantity is lost, and of two changes made against the same version of a line exactly one
goes in and the other is refused with 412."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from shop.basket import services
from shop.basket.models import CartChange, Line
from shop.stores.models import AssistSession, CartConsent
from tests import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 125  # each thread: 125 additions and 125 changes of the shared line = 250 changes


@pytest.fixture
def unthrottled(monkeypatch):
    """The API's budgets are per minute; this test makes 500 changes in seconds on purpose."""
    for scope in ("user", "cart"):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "100000/min")


def test_two_channels_changing_one_cart_at_once_lose_nothing(shop_data, unthrottled):
    anna = f.UserFactory(email="anna@example.com")
    aino = f.staff_member(shop_data["helsinki"], email="aino@example.com")
    online = shop_data["online"]
    cushion = f.ProductFactory(title="Cushion", price=Decimal("29.90"))
    candle = f.ProductFactory(title="Candle", price=Decimal("9.90"))
    for product in (cushion, candle):
        f.stock(product, online, 100_000)
    basket = services.open_basket_of(anna)
    shared = services.add_product(basket, candle, 1, services.Actor(user=anna))
    visit = CartConsent.objects.create(
        customer=anna, kind="code", store=shop_data["helsinki"], expires_at="2999-01-01T00:00Z"
    )
    session = AssistSession.objects.create(consent=visit, staff=aino, store=shop_data["helsinki"])

    channels = {
        "api": (anna, "/api/v1/cart/"),
        "tablet": (aino, f"/api/v1/staff/sessions/{session.pk}/cart/"),
    }
    barrier = threading.Barrier(2, timeout=30)
    answers = {name: [] for name in channels}
    errors = []

    def work(name, offset):
        user, cart = channels[name]
        client = Client()
        client.force_login(user)
        try:
            for i in range(ROUNDS):
                added = client.post(cart + "lines/", {"product": cushion.pk}, content_type="application/json")
                answers[name].append(added.status_code)
                barrier.wait()  # both additions are in: the two reads below see the same cart
                etag = client.get(cart)["ETag"]
                barrier.wait()
                changed = client.patch(
                    f"{cart}lines/{shared.pk}/",
                    {"quantity": 2 * i + offset},
                    content_type="application/json",
                    headers={"If-Match": etag},
                )
                answers[name].append(changed.status_code)
        except Exception as error:  # a thread's failure must fail the test, not hang it
            errors.append(repr(error))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(name, offset)) for offset, name in enumerate(channels, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors

    # Every addition went in: the customer's line and the associate's own line have them all.
    additions = {name: codes[0::2] for name, codes in answers.items()}
    assert additions == {"api": [201] * ROUNDS, "tablet": [201] * ROUNDS}
    lines = {line.added_by_id: line.quantity for line in Line.objects.filter(basket=basket, product=cushion)}
    assert lines == {anna.pk: ROUNDS, aino.pk: ROUNDS}

    # Of each pair of changes made against the same version, exactly one went in.
    changes = list(zip(answers["api"][1::2], answers["tablet"][1::2], strict=True))
    assert all(sorted(pair) == [200, 412] for pair in changes), changes
    # And no change was lost: each one started from the quantity the one before it left.
    history = list(
        CartChange.objects.filter(basket=basket, product=candle, action="quantity")
        .order_by("version")
        .values_list("quantity_before", "quantity_after")
    )
    assert len(history) == ROUNDS
    assert all(before == previous for (before, _after), (_b, previous) in zip(history[1:], history, strict=False))
    shared.refresh_from_db()
    assert shared.quantity == history[-1][1]
    # 250 additions and 125 changes, each one version.
    assert basket.changes.count() == 1 + 2 * ROUNDS + ROUNDS
