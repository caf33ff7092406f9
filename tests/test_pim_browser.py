"""A product admin in a real browser (Playwright driving Chromium): edits a product's title and
an attribute in Wagtail, publishes, and the web shop shows the change; in the demo, retitling a
sofa keeps every member price of its variants."""

import io

import pytest
from django.core.management import call_command
from oscar.templatetags.currency_filters import currency
from wagtail.models import Collection

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


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()


def test_the_product_admin_retitles_the_demo_sofa_and_members_keep_their_prices(
    browser,  # noqa: F811
    live_server,
):
    if not Collection.objects.exists():  # a transactional test's flush removed Wagtail's migrated root
        Collection.add_root(name="Root")
    call_command("load_demo", stdout=io.StringIO())
    saimaa = ProductData.objects.get(sku="PH-SOFA-SAIMAA")
    member_prices = dict(saimaa.product.children.values_list("upc", "member_price"))
    assert sum(price is not None for price in member_prices.values()) >= 6

    admin = new_page(browser, live_server)
    admin.set_viewport_size({"width": 1280, "height": 800})
    sign_in(admin, "sanna.pim@example.com", "sanna-demo-2026")
    admin.goto(f"/cms/snippets/pim/productdata/edit/{saimaa.pk}/")
    admin.get_by_role("textbox", name="Title (English)").fill("Saimaa 3-seat sofa, deep")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()
    admin.wait_for_url("**/cms/snippets/pim/productdata/")
    assert "published" in admin.locator(".messages").inner_text()

    assert dict(saimaa.product.children.values_list("upc", "member_price")) == member_prices
    velvet_charcoal = saimaa.product.children.get(upc="PH-SOFA-SAIMAA-VELVET-CHARCO")
    assert velvet_charcoal.title == "Saimaa 3-seat sofa, deep, Velvet, Charcoal"
    shop = new_page(browser, live_server)
    sign_in(shop, "ben@example.com", "ben-demo-2026")  # the demo's member
    shop.goto(saimaa.product.get_absolute_url())
    assert shop.get_by_role("heading", level=1).inner_text() == "Saimaa 3-seat sofa, deep"
    shop.get_by_label("Fabric").select_option("Velvet")
    shop.get_by_label("Colour").select_option("Charcoal")
    shown = " ".join(shop.locator("[data-variant-price]").inner_text().split())
    assert currency(velvet_charcoal.member_price, "EUR") in shown and "You save" in shown
