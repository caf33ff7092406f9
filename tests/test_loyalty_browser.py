"""A member in a real browser (Playwright driving Chromium): signs in, sees the member price and
the saving on a product page and in the cart."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.templatetags.currency_filters import currency

from loyalty.models import Membership, Plan
from tests import factories as f
from tests.test_browser import browser, new_page  # noqa: F401  (the browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_signs_in_and_sees_member_prices_and_the_saving(browser, live_server, shop_data):  # noqa: F811
    cushion = shop_data["cushion"]
    cushion.member_price = Decimal("24.90")
    cushion.save()
    user = f.UserFactory(email="ben@example.com")
    plan = Plan.objects.create(name="Yearly", code="yearly", interval="year", fee=Decimal("59.00"))
    Membership.objects.create(
        user=user, plan=plan, status=Membership.Status.ACTIVE, current_period_end=timezone.now() + timedelta(days=200)
    )

    page = new_page(browser, live_server)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("ben@example.com")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()

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
