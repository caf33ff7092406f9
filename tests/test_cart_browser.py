"""Journeys 1.3 and 4.2 in two real browsers: a customer on the web shop and an associate on a
10-inch tablet share one cart, live (Playwright driving Chromium against the live server)."""

import re

import pytest

from tests import factories as f
from tests.test_browser import browser  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, user, viewport):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(f.PASSWORD)
    page.locator("form.auth-form").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def test_an_associate_adds_to_the_customers_open_cart_live_until_the_customer_revokes(
    browser,  # noqa: F811
    live_server,
    shop_data,
):
    anna = f.UserFactory(email="anna@example.com", first_name="Anna", last_name="Lindqvist")
    aino = f.staff_member(shop_data["helsinki"], email="aino@example.com", first_name="Aino")

    customer = sign_in(browser, live_server, anna, {"width": 1280, "height": 900})
    customer.goto(shop_data["cushion"].get_absolute_url())
    customer.get_by_role("button", name="Add to cart").click()
    customer.wait_for_load_state()
    customer.goto("/accounts/store-access/")
    customer.get_by_role("button", name="Show a code").click()
    code = customer.locator(".consent-code__value").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    tablet = sign_in(browser, live_server, aino, {"width": 800, "height": 1280})
    tablet.goto("/store/")
    tablet.get_by_label("Code the customer shows").fill(code)
    tablet.get_by_role("button", name="Open cart", exact=True).click()
    assert "Cart of Anna Lindqvist" in tablet.locator(".tablet-session").inner_text()
    assert "Cushion Kivi" in tablet.locator("[data-live-cart]").inner_text()

    # The customer has her cart open on the web shop while the associate adds a sofa.
    customer.goto("/basket/")
    assert "Sofa Aalto" not in customer.locator("#content_inner").inner_text()
    tablet.get_by_label("Find a product to add").fill("sofa")
    tablet.get_by_role("button", name="Search").last.click()
    tablet.get_by_role("button", name="Add Sofa Aalto, Linen, Sand").click()
    assert "Added Sofa Aalto, Linen, Sand" in tablet.locator(".alert").first.inner_text()

    line = customer.locator("#content_inner").get_by_text("Added by Aino, Helsinki")
    line.wait_for(timeout=2_000)  # the live refresh: within 2 seconds, no reload
    assert "Sofa Aalto, Linen, Sand" in customer.locator("#content_inner").inner_text()

    # The customer ends the access; the tablet loses it at its next request.
    customer.goto("/accounts/store-access/")
    customer.locator("[data-live-consent]").get_by_role("button", name="End access").click()
    assert "Access ended" in customer.locator(".alert").first.inner_text()
    tablet.wait_for_url("**/store/", timeout=4_000)  # its polling sees the 403 and reloads
    assert "consent has ended" in tablet.locator(".alert").first.inner_text()
    tablet.screenshot(path="test-results/tablet-after-revoke.png")
