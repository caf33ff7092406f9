"""The pages people use, in a real browser (Playwright driving Debian's Chromium)."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def new_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def basket_text(page):
    page.goto("/basket/")
    return page.locator("main").inner_text()


def test_pick_a_sofa_variant_add_it_to_the_cart_and_see_it_there(browser, live_server, shop_data):
    page = new_page(browser, live_server)
    page.goto(shop_data["sofa"].get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Sofa Aalto"

    page.get_by_label("Fabric").select_option("Velvet")
    page.get_by_label("Colour").select_option("Moss")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state()

    text = basket_text(page)
    assert "Sofa Aalto, Velvet, Moss" in text
    assert "1,399.00" in text or "1 399,00" in text


def test_without_javascript_the_variants_are_radio_buttons_chosen_by_keyboard(browser, live_server, shop_data):
    page = new_page(browser, live_server, java_script_enabled=False)
    page.goto(shop_data["sofa"].get_absolute_url())
    radio = page.get_by_role("radio", name="Linen, Moss")
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()
    page.get_by_role("button", name="Add to cart").press("Enter")
    page.wait_for_load_state()
    assert "Sofa Aalto, Linen, Moss" in basket_text(page)
