"""Journey 4.3 in two real browsers: an associate on a 10-inch tablet (800x1280, portrait) prepares
a click-and-collect order and hands it over with the pickup code the customer shows on her order
page; the customer's page then says collected and the payment is captured (Playwright driving
Chromium against the live server, Stripe being localstripe)."""

import re
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from shop.checkout.models import Method
from shop.order.models import OrderStatus
from tests.test_browser import browser  # noqa: F401  (the fixture)
from tests.test_cart_browser import sign_in
from tests.test_checkout import filled_cart
from tests.test_orders import place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Order = get_model("order", "Order")
TABLET = {"width": 800, "height": 1280}
PHONE = {"width": 390, "height": 844}
RESULTS = Path("test-results")


def test_an_associate_makes_an_order_ready_and_hands_it_over_and_the_customer_sees_collected(
    browser,  # noqa: F811
    live_server,
    checkout_shop,
    people,
):
    RESULTS.mkdir(exist_ok=True)
    anna, aino = people["anna"], people["aino"]
    # Anna's click-and-collect order of a sofa variant at Helsinki (which has 1 of it), paid with
    # the test Visa (authorised; captured at the handover). on_commit runs at each commit here.
    basket = filled_cart(anna, (checkout_shop["variants"][1], 1))
    order = place(basket, Method.COLLECT, store=checkout_shop["helsinki"].pk)
    assert order.status == OrderStatus.CONFIRMED

    # The associate's tablet: the order is to prepare; she picks it and tells the customer.
    tablet = sign_in(browser, live_server, aino, TABLET)
    tablet.goto("/store/orders/")
    to_prepare = tablet.locator("[data-to-prepare]")
    assert f"Order {order.number}" in to_prepare.inner_text()
    tablet.screenshot(path=RESULTS / "orders-tablet-list.png", full_page=True)
    to_prepare.get_by_role("link", name=f"Order {order.number}").click()
    tablet.wait_for_url(f"**/store/orders/{order.number}/")
    tablet.get_by_role("button", name="Start picking").click()
    tablet.wait_for_load_state()
    assert "Being picked" in tablet.locator(".alert").first.inner_text()
    tablet.get_by_role("button", name="Ready for pickup: tell the customer").click()
    tablet.wait_for_load_state()
    assert tablet.locator("[data-status]").get_attribute("data-status") == "ready"

    # The customer's order page, on her phone, shows the pickup code.
    customer = sign_in(browser, live_server, anna, PHONE)
    customer.goto(f"/orders/{order.number}/")
    assert customer.locator("[data-status]").get_attribute("data-status") == "ready"
    code = customer.locator("[data-pickup-code] .pickup-code__code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    customer.screenshot(path=RESULTS / "orders-customer-ready.png", full_page=True)

    # At the counter: the associate finds the order by the code, checks it and hands it over.
    tablet.get_by_role("link", name="Orders", exact=True).click()
    tablet.wait_for_url("**/store/orders/")
    assert f"Order {order.number}" in tablet.locator("[data-waiting]").inner_text()
    tablet.get_by_label("Code").fill(code)
    tablet.get_by_role("button", name="Find the order").click()
    tablet.wait_for_url(f"**/store/orders/{order.number}/")
    tablet.screenshot(path=RESULTS / "orders-tablet-order.png", full_page=True)
    hand_over = tablet.locator("[data-hand-over]")
    hand_over.get_by_label("Code").fill(code)
    hand_over.get_by_role("button", name="Hand over").click()
    tablet.wait_for_url("**/store/orders/")
    assert f"Order {order.number} was handed over and paid." in tablet.locator(".alert").first.inner_text()
    assert "No order is waiting." in tablet.locator("main").inner_text()

    # The customer's page says collected, the last step done.
    customer.reload()
    assert customer.locator("[data-status]").get_attribute("data-status") == "collected"
    assert customer.locator("[data-status]").inner_text() == "Collected"
    assert "is-done" in customer.locator('[data-step="collected"]').get_attribute("class")
    assert customer.locator("[data-pickup-code]").count() == 0
    customer.screenshot(path=RESULTS / "orders-customer-collected.png", full_page=True)

    # The payment was captured once, in full.
    order = Order.objects.get(pk=order.pk)
    assert order.status == OrderStatus.COLLECTED and order.completed_at is not None
    source = order.sources.get()
    assert source.amount_debited == source.amount_allocated == order.total_incl_tax
