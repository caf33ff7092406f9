"""A product admin in a real browser (Playwright driving Chromium): edits a product's title and
an attribute in Wagtail, publishes, and the web shop shows the change."""

import pytest

from pim.models import ProductData
from shop.roles import PRODUCT_ADMINS
from tests import factories as f
from tests.test_browser import browser, new_page  # noqa: F401  (the browser fixture)
from tests.test_pim import admin_client, family, published  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_edits_title_and_attribute_publishes_and_the_shop_shows_it(
    browser,  # noqa: F811
    live_server,
    published,  # noqa: F811
):
    f.UserFactory(email="sanna@example.com", groups=[PRODUCT_ADMINS])
    page = new_page(browser, live_server)
    page.set_viewport_size({"width": 1280, "height": 800})  # a 10-inch tablet, landscape
    page.goto("/accounts/login/?next=/cms/")
    page.get_by_label("Email").fill("sanna@example.com")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/cms/")

    page.goto(f"/cms/snippets/pim/productdata/edit/{published.pk}/")
    page.get_by_role("textbox", name="Title (English)").fill("Cushion Kivi Grande")
    page.get_by_role("spinbutton", name="Width (cm)").fill("60")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/cms/snippets/pim/productdata/")
    assert "published" in page.locator(".messages").inner_text()

    published.refresh_from_db()
    assert ProductData.objects.get(pk=published.pk).title_en == "Cushion Kivi Grande"
    shop = new_page(browser, live_server)
    shop.goto(published.product.get_absolute_url())
    assert shop.get_by_role("heading", level=1).inner_text() == "Cushion Kivi Grande"
    assert "60 cm" in shop.locator("main").inner_text()
    shop.goto("/search/?q=grande")
    assert "Cushion Kivi Grande" in shop.locator("main").inner_text()
