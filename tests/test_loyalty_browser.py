"""A member in a real browser (Playwright driving Chromium): signs in, sees the member price and
the saving on a product page (the chosen variant's own) and in the cart; a non-member is
invited with each variant's member price."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.templatetags.currency_filters import currency

from loyalty.models import Membership, Plan
from tests import factories as f
from tests.test_browser import browser, new_page  # noqa: F401  (the browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def member_signed_in(browser, live_server):  # noqa: F811
    """A page of a member (ben@example.com) who has just signed in."""
    user = f.UserFactory(email="ben@example.com")
    plan = Plan.objects.create(name="Yearly", code="yearly", interval="year", fee=Decimal("59.00"))
    Membership.objects.create(
        user=user, plan=plan, status=Membership.Status.ACTIVE, current_period_end=timezone.now() + timedelta(days=200)
    )
    page = new_page(browser, live_server)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("ben@example.com")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()
    return page


def money(amount):
    return currency(Decimal(amount), "EUR")


def test_a_member_signs_in_and_sees_member_prices_and_the_saving(browser, live_server, shop_data):  # noqa: F811
    cushion = shop_data["cushion"]
    cushion.member_price = Decimal("24.90")
    cushion.save()
    page = member_signed_in(browser, live_server)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone

    page.goto(cushion.get_absolute_url())
    price = page.locator(".product__price").inner_text()
    assert currency(Decimal("24.90"), "EUR") in price
    member = page.locator("[data-member-price]").first.inner_text()
    assert "Member price" in member and f"You save {currency(Decimal('5.00'), 'EUR')}" in member
    assert currency(Decimal("29.90"), "EUR") in member

    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state()
    page.goto("/basket/")
    main = page.locator("main").inner_text()
    assert "Member prices and free delivery apply to this cart." in main
    assert currency(Decimal("24.90"), "EUR") in main
    assert f"You save {currency(Decimal('5.00'), 'EUR')}" in main


@pytest.mark.parametrize("is_member", [True, False], ids=["member", "non-member"])
def test_choosing_a_variant_shows_its_own_price_member_price_and_saving(
    browser,  # noqa: F811
    live_server,
    shop_data,
    is_member,
):
    # Linen/Sand and Linen/Moss 1299.00, Velvet/Sand and Velvet/Moss 1399.00; each its own saving.
    member_prices = ["1039.20", "1169.10", None, "1119.20"]
    for variant, member_price in zip(shop_data["variants"], member_prices, strict=True):
        variant.member_price = member_price and Decimal(member_price)
        variant.save()
    page = member_signed_in(browser, live_server) if is_member else new_page(browser, live_server)
    page.goto(shop_data["sofa"].get_absolute_url())
    box = page.locator("[data-variant-price]")

    def choose(fabric, colour):
        page.get_by_label("Fabric").select_option(fabric)
        page.get_by_label("Colour").select_option(colour)
        return " ".join(box.inner_text().split())

    shown = choose("Velvet", "Moss")
    if is_member:
        assert money("1119.20") in shown and f"Regular {money('1399.00')}" in shown
        assert f"You save {money('279.80')}" in shown
    else:
        assert money("1399.00") in shown and f"Members pay {money('1119.20')}" in shown and "You save" not in shown
    shown = choose("Linen", "Moss")
    if is_member:
        assert money("1169.10") in shown and f"Regular {money('1299.00')}" in shown
        assert f"You save {money('129.90')}" in shown
    else:
        assert money("1299.00") in shown and f"Members pay {money('1169.10')}" in shown
    shown = choose("Velvet", "Sand")  # no member price: the regular price for everyone, nothing else
    assert shown == money("1399.00") and box.locator("[data-member-price]").count() == 0
