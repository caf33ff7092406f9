"""Journey 1.4 in a real browser (Playwright driving Chromium against the live server, Stripe being
localstripe): click-and-collect at a store that has the items, chosen by keyboard, the ready time
and the total before the card, a test card, the confirmation; and 3-D Secure through localstripe's
Stripe.js stand-in on a phone-sized screen."""

import re

import pytest
from oscar.core.loading import get_model

from tests import factories as f
from tests.test_browser import browser  # noqa: F401  (the fixture)
from tests.test_cart_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Order = get_model("order", "Order")


def add_to_cart(page, product):
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state()


def test_click_and_collect_by_keyboard_with_the_ready_time_and_total_before_paying(
    browser,  # noqa: F811
    live_server,
    checkout_shop,
):
    tampere = checkout_shop["tampere"]  # has 3 cushions; Helsinki none
    anna = f.UserFactory(email="anna@example.com", first_name="Anna", last_name="Lindqvist")
    page = sign_in(browser, live_server, anna, {"width": 1280, "height": 900})
    add_to_cart(page, checkout_shop["cushion"])
    page.goto("/checkout/")

    # Delivery: every option with its charge; Helsinki lacks the cushion and says so.
    helsinki = checkout_shop["helsinki"].pk
    assert page.locator(f"#store-{helsinki}").is_disabled()
    assert "Lacks: Cushion Kivi (0 of 1 in stock)" in page.locator(f"label[for=store-{helsinki}]").inner_text()
    store = page.locator(f"#store-{tampere.pk}")
    store.focus()
    page.keyboard.press("Space")
    assert store.is_checked()
    ready = page.locator(f"#store-{tampere.pk}-when").inner_text()
    assert re.search(r"Ready \w+ \d+\.\d+\. at \d\d:\d\d", ready), ready
    page.screenshot(path="test-results/checkout-delivery.png", full_page=True)
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Continue", exact=True).press("Enter")

    # Who collects: name and mobile number, by keyboard.
    page.get_by_label("First name").fill("Anna")
    page.get_by_label("Last name").fill("Lindqvist")
    page.get_by_label("Mobile phone").fill("040 123 4567")
    page.get_by_label("Mobile phone").press("Enter")

    # Review: the store, the ready time, the total with VAT, before the card is asked for.
    page.wait_for_url("**/checkout/payment/")
    review = page.locator("#content_inner").inner_text()
    assert "Click-and-collect · Tampere" in review and "Ready for collection" in review
    assert page.locator("[data-order-total]").inner_text() == "€32.80"  # 29.90 + 2.90 for collecting
    assert "Including VAT" in review
    page.screenshot(path="test-results/checkout-review.png", full_page=True)
    page.get_by_label("Visa ending 4242: the payment goes through").check()
    page.get_by_role("button", name="Authorise €32.80").click()

    page.wait_for_url("**/checkout/thank-you/")
    confirmation = page.locator("#content_inner").inner_text()
    order = Order.objects.get()
    assert order.number in confirmation and "Ready for collection" in confirmation
    assert "is authorised on your card and charged when you collect the order" in confirmation
    assert order.collection_store == tampere
    page.screenshot(path="test-results/checkout-confirmation.png", full_page=True)


def test_3d_secure_on_a_phone_with_stripe_js(browser, live_server, checkout_shop, localstripe, settings):  # noqa: F811
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"  # localstripe's stand-in for Stripe.js
    page = sign_in(browser, live_server, f.UserFactory(email="ben@example.com"), {"width": 390, "height": 844})
    add_to_cart(page, checkout_shop["cushion"])
    page.goto("/checkout/")
    page.locator("input[id^=slot-]:not([disabled])").first.check(force=True)
    page.get_by_role("button", name="Continue", exact=True).click()
    for label, value in (
        ("First name", "Ben"),
        ("Last name", "Berg"),
        ("First line of address", "Mannerheimintie 5"),
        ("City", "Helsinki"),
        ("Post/Zip-code", "00100"),
    ):
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Continue to review and payment").click()
    page.get_by_label("Visa ending 3155: the bank asks for 3-D Secure").check()
    page.screenshot(path="test-results/checkout-phone-review.png", full_page=True)
    page.get_by_role("button", name=re.compile(r"^Pay €")).click()

    # The bank's check (localstripe's dialog), then the shop asks Stripe and places the order.
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url("**/checkout/thank-you/")
    assert "was charged to your card" in page.locator("#content_inner").inner_text()
    assert Order.objects.get().delivery_slot is not None
