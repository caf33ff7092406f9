"""The checkout through the web shop and the checkout service, paying with the real Stripe SDK
against localstripe: home delivery in a slot, click-and-collect (authorised only), declines,
3-D Secure, retries, Stripe's webhooks, expired reservations, bad input, the confirmation email,
and the number of queries an order costs."""

import datetime
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.models import Product
from shop.basket import services as cart
from shop.basket.models import Basket, Channel
from shop.celery import app as celery_app
from shop.checkout import payments, services
from shop.checkout.models import Checkout, Method, Payment, StockReservation
from shop.checkout.tasks import expire_payments, send_order_confirmation
from shop.shipping import schedule
from shop.shipping.models import DeliverySlot, DeliveryWindow
from shop.stripe_client import cents
from tests import factories as f
from tests.conftest import ensure_delivery
from tests.stripe_proxy import StripeProxy

Order = get_model("order", "Order")
ROOT = Path(__file__).resolve().parent.parent

ADDRESS = {
    "first_name": "Anna",
    "last_name": "Virtanen",
    "line1": "Mannerheimintie 5",
    "line4": "Helsinki",
    "postcode": "00100",
    "country": "FI",
    "phone_number": "+358401234567",
}
CONTACT = {"first_name": "Anna", "last_name": "Virtanen", "phone_number": "+358401234567"}


# --- Steps -------------------------------------------------------------------------------------------


def first_slot():
    return schedule.bookable_slots(timezone.now())[0]


def filled_cart(owner, *items, actor=None):
    """A cart of ``owner`` (a user, or None for a guest) with ``(product, quantity)`` items,
    added through the cart service as a request would."""
    basket = cart.open_basket_of(owner) if owner else Basket.objects.create()
    actor = actor or cart.Actor(user=owner, channel=Channel.WEB)
    for product, quantity in items:
        cart.add_product(basket, Product.objects.get(pk=product.pk), quantity, actor)
    return basket


def ready_checkout(basket, method=Method.HOME, store=None, email="anna@example.com"):
    """The cart's checkout with its delivery chosen and its address given: ready to pay."""
    checkout = services.checkout_of(basket)
    if not checkout.email:
        services.set_email(checkout, email)
    if method == Method.HOME:
        services.choose_delivery(checkout, method, slot=first_slot())
        return services.set_address(checkout, ADDRESS)
    services.choose_delivery(checkout, method, store=store)
    return services.set_address(checkout, CONTACT)


def pay(checkout, card="pm_card_visa", **expected):
    services.start_payment(checkout, **expected)
    return services.confirm_payment(checkout, card)


def intent_at_stripe(intent_id):
    return payments.retrieve(intent_id)


def authenticate_3d_secure(localstripe, payment, success=True):
    """What the bank's page does when the cardholder confirms (or fails) 3-D Secure: localstripe's
    own route, which its Stripe.js stand-in calls in the browser."""
    body = json.dumps({"key": "pk_test", "client_secret": payment.client_secret}).encode()
    url = f"{localstripe}/v1/payment_intents/{payment.intent_id}/_authenticate?success={str(success).lower()}"
    urllib.request.urlopen(urllib.request.Request(url, body, method="POST"), timeout=5).read()


def units(product, store):
    record = product.stockrecords.get(partner=store.partner)
    return record.num_in_stock, record.num_allocated, record.num_reserved


def web_checkout(client, shop_data, guest_email=None, card="pm_card_visa"):
    """Put a sofa variant (x1) and two cushions in the cart and go through every web step with home
    delivery in the first slot; returns the answer to Pay."""
    sofa = {"child_id": shop_data["variants"][0].pk, "quantity": 1}
    client.post(reverse("basket:add", kwargs={"pk": shop_data["sofa"].pk}), sofa)
    client.post(reverse("basket:add", kwargs={"pk": shop_data["cushion"].pk}), {"quantity": 2})
    ensure_delivery()
    if guest_email:
        response = client.post(reverse("checkout:index"), {"username": guest_email, "options": "anonymous"})
        assert response.status_code == 302, response.content
    response = client.post(reverse("checkout:shipping-method"), {"option": f"home-delivery:{first_slot().pk}"})
    assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response["Location"] == reverse("checkout:payment-details"), response.content.decode()
    page = client.get(reverse("checkout:payment-details"))
    seen = page.context["form"].initial
    return client.post(
        reverse("checkout:payment-details"),
        {"payment_method": card, "cart_version": seen["cart_version"], "total": seen["total"]},
    )


def checkout(client, shop_data, guest_email=None):
    """The web checkout of ``web_checkout`` paid with the test Visa (Stripe settings needed);
    returns the order, asserting the shopper was sent to the thank-you page."""
    response = web_checkout(client, shop_data, guest_email)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("checkout:thank-you")
    return Order.objects.get(pk=client.session["checkout_order_id"])


# --- The web shop ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_signed_in_shopper_pays_for_home_delivery_and_gets_the_confirmation(
    client, checkout_shop, django_capture_on_commit_callbacks
):
    shop_data = checkout_shop
    user = f.UserFactory(email="anna@example.com")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = web_checkout(client, shop_data)
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.user == user
    lines = {line.product: (line.quantity, line.line_price_incl_tax) for line in order.lines.all()}
    assert lines == {shop_data["variants"][0]: (1, Decimal("1299.00")), shop_data["cushion"]: (2, Decimal("59.80"))}
    # Over the free-delivery threshold: home delivery costs nothing.
    assert (order.shipping_code, order.shipping_incl_tax, order.total_incl_tax) == (
        "home-delivery",
        Decimal("0.00"),
        Decimal("1358.80"),
    )
    assert order.delivery_slot == first_slot() and order.delivery_date == order.delivery_slot.date
    assert order.shipping_address.line4 == "Helsinki"
    assert [line.channel for line in order.lines.all()] == ["web", "web"]
    # The payment was taken at once, and the stock allocated in the online warehouse.
    source = order.sources.get()
    assert (source.amount_allocated, source.amount_debited) == (Decimal("1358.80"), Decimal("1358.80"))
    assert intent_at_stripe(source.reference).status == "succeeded"
    assert units(shop_data["variants"][0], shop_data["online"]) == (5, 1, 0)
    assert DeliverySlot.objects.get(pk=order.delivery_slot_id).booked == 1
    assert Basket.objects.get(pk=order.basket_id).status == Basket.SUBMITTED

    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert order.number in page and "was charged to your card" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.com"] and order.number in mail.outbox[0].body
    assert "We deliver it" in mail.outbox[0].body and "between 09:00 and 13:00" in mail.outbox[0].body
    assert order.communication_events.count() == 1


@pytest.mark.django_db
def test_a_guest_checks_out_and_is_emailed_in_the_language_they_shopped_in(
    client, checkout_shop, django_capture_on_commit_callbacks
):
    client.cookies.load({"django_language": "fi"})
    with django_capture_on_commit_callbacks(execute=True):
        web_checkout(client, checkout_shop, guest_email="guest@example.com")
    order = Order.objects.get()
    assert order.user is None and order.guest_email == "guest@example.com" and order.language == "fi"
    assert mail.outbox[0].to == ["guest@example.com"]
    assert order.number in mail.outbox[0].subject and "Your order" not in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_declined_card_on_the_web_charges_nothing(client, checkout_shop, django_capture_on_commit_callbacks):
    client.force_login(f.UserFactory(email="anna@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        response = web_checkout(client, checkout_shop, card="pm_card_chargeCustomerFail")
    assert response.status_code == 402
    assert "Your card was declined" in response.content.decode()
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 3
    payment = Payment.objects.get()
    assert (payment.outcome, intent_at_stripe(payment.intent_id).status) == (Payment.Outcome.RELEASED, "canceled")
    assert not StockReservation.objects.exists()
    # The page that says so carries the cart as it is now: paying again with another card works.
    seen = response.context["form"].initial
    assert seen["cart_version"] == basket.version and "payment_method" not in response.context["form"].data
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa", **seen})
    assert again.status_code == 302 and again["Location"] == reverse("checkout:thank-you")


@pytest.mark.django_db
def test_the_confirmation_task_is_safe_to_retry(client, checkout_shop, django_capture_on_commit_callbacks):
    client.force_login(f.UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        web_checkout(client, checkout_shop)
    order = Order.objects.get()
    assert send_order_confirmation.delay(order.pk).get() == "already sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_payment_page_shows_the_total_the_delivery_and_what_goes_well_with_the_cart(
    client, checkout_shop, settings
):
    from tests.test_loyalty import make_member

    settings.SHOP_FREE_DELIVERY_FROM = "10000.00"  # the member rule, not the threshold
    shop_data = checkout_shop
    anna = f.UserFactory(email="anna@example.com")
    make_member(anna)
    cleaner = f.ProductFactory(title="Linen cleaner", price="14.90", product_class=f.ProductClassFactory(name="Care"))
    f.stock(cleaner, shop_data["online"], 10)
    get_model("catalogue", "ProductRecommendation").objects.create(primary=shop_data["sofa"], recommendation=cleaner)
    f.reindex()
    client.force_login(anna)
    # Helsinki has the second variant.
    sofa = {"child_id": shop_data["variants"][1].pk, "quantity": 1}
    client.post(reverse("basket:add", kwargs={"pk": shop_data["sofa"].pk}), sofa)
    client.post(reverse("checkout:shipping-method"), {"option": f"click-and-collect:{shop_data['helsinki'].pk}"})
    client.post(reverse("checkout:shipping-address"), CONTACT)
    page = client.get(reverse("checkout:payment-details")).content.decode()
    assert "Click-and-collect" in page and "Ready for collection" in page and "Helsinki" in page
    assert "Free for members" in page and "Authorise" in page
    assert "Goes well with what you chose" in page and "Linen cleaner" in page


# --- Paying: the service against Stripe ------------------------------------------------------------


@pytest.mark.django_db
def test_click_and_collect_is_authorised_only_and_sold_from_the_store(
    checkout_shop, django_capture_on_commit_callbacks
):
    shop_data = checkout_shop
    anna = f.UserFactory(email="anna@example.com")
    aino = f.staff_member(shop_data["helsinki"], first_name="Aino")
    variant = shop_data["variants"][1]  # Helsinki has 1, the online warehouse 4
    basket = filled_cart(anna, (variant, 1))
    filled_cart(anna, (shop_data["cushion"], 1), actor=cart.Actor(aino, Channel.TABLET, shop_data["helsinki"]))
    f.stock(shop_data["cushion"], shop_data["helsinki"], 2)
    checkout = ready_checkout(basket, Method.COLLECT, store=shop_data["helsinki"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = pay(checkout)
    order = outcome.order
    assert order.collection_store == shop_data["helsinki"] and order.ready_at is not None
    assert {line.partner for line in order.lines.all()} == {shop_data["helsinki"].partner}
    assert units(variant, shop_data["helsinki"]) == (1, 1, 0)
    assert units(variant, shop_data["online"]) == (4, 0, 0)
    # The associate's line keeps who sold it, where and through which channel.
    sold = order.lines.get(product=shop_data["cushion"])
    assert (sold.added_by, sold.store, sold.channel) == (aino, shop_data["helsinki"], "tablet")
    source = order.sources.get()
    assert (source.amount_allocated, source.amount_debited) == (order.total_incl_tax, Decimal("0.00"))
    assert intent_at_stripe(source.reference).status == "requires_capture"
    assert order.shipping_address.line1 == shop_data["helsinki"].street
    assert "Collect it from" in mail.outbox[0].body and "only authorised" in mail.outbox[0].body


@pytest.mark.django_db
def test_3d_secure_asks_the_bank_then_places_the_order(checkout_shop, localstripe):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    assert outcome.needs_action and outcome.client_secret
    assert Basket.objects.get().status == Basket.FROZEN and not Order.objects.exists()
    authenticate_3d_secure(localstripe, outcome.payment)
    placed = services.complete_payment(checkout)
    assert placed.order == Order.objects.get()
    assert services.complete_payment(checkout).order == placed.order  # coming back again changes nothing


@pytest.mark.django_db
def test_failed_3d_secure_charges_nothing_and_opens_the_cart(
    checkout_shop, localstripe, django_capture_on_commit_callbacks
):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    authenticate_3d_secure(localstripe, outcome.payment, success=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.PaymentFailed):
        services.complete_payment(checkout)
    assert Basket.objects.get().status == Basket.OPEN and not Order.objects.exists()
    assert units(checkout_shop["cushion"], checkout_shop["online"]) == (40, 0, 0)


@pytest.mark.django_db
def test_paying_twice_for_a_placed_checkout_answers_its_order(checkout_shop):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    order = pay(checkout).order
    assert services.confirm_payment(checkout, "pm_card_visa").order == order  # a resent Pay
    with pytest.raises(services.AlreadyPlaced) as placed:
        services.start_payment(checkout)
    assert placed.value.order == order
    assert Payment.objects.count() == 1 and Order.objects.count() == 1


@pytest.mark.django_db
def test_when_the_answer_to_the_confirmation_is_lost_a_retry_asks_stripe_and_never_charges_twice(
    checkout_shop, localstripe, stripe_settings
):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    services.start_payment(checkout)
    confirm = re.compile(r"/v1/payment_intents/\w+/confirm")
    proxy = StripeProxy(localstripe, hold=lambda method, path: bool(confirm.fullmatch(path)), forward_held=True)
    stripe_settings.STRIPE_API_BASE, stripe_settings.STRIPE_TIMEOUT_SECONDS = proxy.url, 1
    try:
        with pytest.raises(services.PaymentUnavailable) as lost:
            services.confirm_payment(checkout, "pm_card_visa")
        assert "you will not be charged twice" in lost.value.message
        assert Payment.objects.get().status == "unknown" and not Order.objects.exists()
        outcome = services.confirm_payment(checkout, "pm_card_visa")  # the shopper presses Pay again
    finally:
        stripe_settings.STRIPE_API_BASE = localstripe
        proxy.close()
    assert outcome.order == Order.objects.get()
    confirmations = sum(n for (method, path), n in proxy.calls.items() if confirm.fullmatch(path))
    assert confirmations == 1  # the retry asked Stripe how the payment stood instead of confirming again


@pytest.mark.django_db
def test_stripe_down_when_paying_starts_says_nothing_was_charged_and_holds_nothing(checkout_shop, stripe_settings):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    stripe_settings.STRIPE_API_BASE, stripe_settings.STRIPE_TIMEOUT_SECONDS = "http://127.0.0.1:9", 1
    with pytest.raises(services.PaymentUnavailable) as down:
        services.start_payment(checkout)
    assert "nothing was charged" in down.value.message
    assert Basket.objects.get().status == Basket.OPEN and not StockReservation.objects.exists()
    assert Checkout.objects.get().status == Checkout.Status.OPEN


# --- Refusals before anything is charged ------------------------------------------------------------


@pytest.mark.django_db
def test_a_cart_that_changed_since_the_shopper_saw_the_total_is_refused_before_anything_is_held(checkout_shop):
    basket = filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1))
    checkout = ready_checkout(basket)
    seen = basket.version
    filled_cart(basket.owner, (checkout_shop["cushion"], 1))  # the tablet adds one more meanwhile
    with pytest.raises(services.CartChanged):
        pay(checkout, expected_version=seen)
    with pytest.raises(services.CartChanged):
        pay(checkout, expected_total=Decimal("1.00"))  # a tampered total
    assert not StockReservation.objects.exists() and not Payment.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN


@pytest.mark.django_db
def test_while_it_is_paid_for_no_channel_can_change_the_cart(checkout_shop, localstripe):
    shop_data = checkout_shop
    anna = f.UserFactory()
    aino = f.staff_member(shop_data["helsinki"])
    basket = filled_cart(anna, (shop_data["cushion"], 1))
    checkout = ready_checkout(basket)
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))  # the bank asks
    frozen = cart.open_basket_of(anna)
    assert frozen.pk == basket.pk and frozen.status == Basket.FROZEN
    tablet = cart.Actor(aino, Channel.TABLET, shop_data["helsinki"])
    with pytest.raises(cart.CartFrozen):
        cart.add_product(frozen, Product.objects.get(pk=shop_data["book"].pk), 1, tablet)
    with pytest.raises(cart.CartFrozen):
        cart.set_quantity(frozen, frozen.lines.get().pk, 5, cart.Actor(user=anna, channel=Channel.API))
    authenticate_3d_secure(localstripe, outcome.payment)
    order = services.complete_payment(checkout).order
    assert [(line.product, line.quantity) for line in order.lines.all()] == [(shop_data["cushion"], 1)]


@pytest.mark.django_db
def test_a_payment_started_for_a_sold_out_item_is_refused_before_paying(checkout_shop):
    shop_data = checkout_shop
    basket = filled_cart(f.UserFactory(), (shop_data["variants"][3], 2))  # the last two online
    checkout = ready_checkout(basket)
    f.stock(shop_data["variants"][3], shop_data["online"], 2, allocated=1)  # one sold meanwhile
    with pytest.raises(services.SoldOut) as sold_out:
        pay(checkout)
    assert sold_out.value.shortages[0].available == 1 and "1 of 2 in stock" in sold_out.value.message
    assert not Payment.objects.exists() and Basket.objects.get().status == Basket.OPEN


# --- The webhook, the hold running out, refunds -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_payment_completed_while_the_browser_is_gone_becomes_an_order_by_the_webhook(
    checkout_shop, localstripe, stripe_webhooks
):
    from tests.test_loyalty import wait_for

    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    authenticate_3d_secure(localstripe, outcome.payment)  # ... and the browser closes
    assert wait_for(lambda: Order.objects.exists())  # payment_intent.succeeded, signed, about 1 s later
    order = Order.objects.get()
    assert services.complete_payment(checkout).order == order  # the browser comes back after all
    assert Order.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_webhook_after_the_browser_placed_the_order_changes_nothing(checkout_shop, stripe_webhooks):
    from shop.stripe_webhooks.models import ProcessedEvent
    from tests.test_loyalty import wait_for

    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    order = pay(checkout).order
    assert wait_for(lambda: ProcessedEvent.objects.filter(type="payment_intent.succeeded").exists())
    assert Order.objects.get() == order and Payment.objects.get().outcome == Payment.Outcome.ORDER


@pytest.mark.django_db
def test_when_the_hold_runs_out_the_task_returns_the_units_and_releases_the_payment(
    checkout_shop, django_capture_on_commit_callbacks
):
    shop_data = checkout_shop
    checkout = ready_checkout(filled_cart(f.UserFactory(), (shop_data["cushion"], 3)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))  # waits for the bank
    assert units(shop_data["cushion"], shop_data["online"]) == (40, 0, 3)
    assert expire_payments.delay().get() == "0 expired"  # not yet
    Checkout.objects.update(reserved_until=timezone.now() - datetime.timedelta(minutes=2))
    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_payments.delay().get() == "1 expired"
    assert units(shop_data["cushion"], shop_data["online"]) == (40, 0, 0)
    assert Basket.objects.get().status == Basket.OPEN
    payment = Payment.objects.get()
    assert payment.outcome == Payment.Outcome.RELEASED and payment.settled_at is not None
    assert intent_at_stripe(outcome.payment.intent_id).status == "canceled"


@pytest.mark.django_db
def test_a_payment_that_succeeds_after_its_hold_ran_out_and_the_stock_went_is_refunded_with_a_record(
    checkout_shop, localstripe, django_capture_on_commit_callbacks
):
    shop_data = checkout_shop
    variant = shop_data["variants"][3]  # 2 online
    checkout = ready_checkout(filled_cart(f.UserFactory(email="late@example.com"), (variant, 2)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    # The hold runs out and someone else buys the units; then the bank's check completes.
    Checkout.objects.update(reserved_until=timezone.now() - datetime.timedelta(minutes=2))
    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    services.expire_payments()  # its settle task is not run: the outbox keeps it pending
    f.stock(variant, shop_data["online"], 2, allocated=2)
    authenticate_3d_secure(localstripe, outcome.payment)
    intent = payments.retrieve(outcome.payment.intent_id)
    assert intent.status == "succeeded"
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.PaymentRefused) as refused:
        services.place_order(checkout, intent)  # what the webhook or the browser's return does
    assert "given back in full" in refused.value.message
    payment = Payment.objects.get()
    assert payment.outcome == Payment.Outcome.REFUNDED and "reservation had ended" in payment.outcome_reason
    assert payment.settled_at is not None and payment.status == "refunded"
    assert not Order.objects.exists()
    refunds = payments.client().v1.refunds.list(params={"payment_intent": payment.intent_id})
    assert [r.amount for r in refunds] == [cents(payment.amount)]
    assert mail.outbox[-1].to == ["late@example.com"] and "refunded to your card" in mail.outbox[-1].body


@pytest.mark.django_db
def test_a_payment_intent_of_another_checkout_or_not_authorised_places_nothing(checkout_shop):
    one = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    other = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    payment = services.start_payment(other)
    with pytest.raises(services.CheckoutError) as foreign:
        services.place_order(one, payments.retrieve(payment.intent_id))
    assert "payment_intent" in foreign.value.fields
    with pytest.raises(services.PaymentFailed):
        services.place_order(other, payments.retrieve(payment.intent_id))  # not confirmed yet
    assert not Order.objects.exists()


# --- Cost ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_placing_an_order_costs_the_same_queries_for_1_and_for_20_lines(checkout_shop, settings):
    """Counted after a first order (which creates the payment source type once)."""
    shop_data = checkout_shop
    DeliveryWindow.objects.update(capacity=10)  # three orders in the first slot
    settings.SHOP_FREE_DELIVERY_FROM = "10000.00"  # all three pay for delivery alike
    products = [shop_data["cushion"]]
    for i in range(19):
        product = f.ProductFactory(title=f"Towel {i}", price="9.90", product_class=f.ProductClassFactory(name="Towel"))
        f.stock(product, shop_data["online"], 10)
        products.append(product)
    counts = {}
    for size in (1, 1, 20):
        checkout = ready_checkout(filled_cart(f.UserFactory(), *[(p, 1) for p in products[:size]]))
        payment = services.start_payment(checkout)
        intent = payments.confirm(payment.intent_id, "pm_card_visa", idempotency_key=f"{payment.intent_id}-test")
        with CaptureQueriesContext(connection) as queries:
            order = services.place_order(checkout, intent)
        assert order.lines.count() == size
        counts[size] = len(queries)
    assert counts[1] == counts[20] <= 40, counts
    print(f"placing an order: {counts[1]} queries for 1 line and for 20")


# --- A real worker -----------------------------------------------------------------------------------


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_order_confirmation(client, checkout_shop, tmp_path):
    """Start a Celery worker process on Redis and see it send the email of a placed order."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        if connection.vendor == "postgresql"
        else f"sqlite:///{db['NAME']}"
    )
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "DATABASE_URL": database_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "shop",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    eager, default_queue = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    try:
        client.force_login(f.UserFactory(email="ben@example.com"))
        web_checkout(client, checkout_shop)  # queues the task on commit, to Redis
        order = Order.objects.get()
        deadline = time.monotonic() + 120
        while not order.communication_events.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        sent = order.communication_events.exists()
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = eager, default_queue
        worker.terminate()
        try:
            output = worker.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            worker.kill()
            output = worker.communicate()[0]
    assert sent, f"the worker did not send the confirmation within 120 s; its output:\n{output}"
    mail_text = "".join(p.read_text() for p in mail_dir.iterdir())
    assert "ben@example.com" in mail_text and order.number in mail_text
    assert "Task shop.checkout.tasks.send_order_confirmation" in output and "succeeded" in output, output


# --- Stripe's events, signed, through the one webhook endpoint -------------------------------------


def intent_event(kind, intent, **changes):
    from tests.test_loyalty import event

    data = {
        "id": intent.id,
        "object": "payment_intent",
        "status": intent.status,
        "amount": cents(intent.amount),
        "currency": intent.currency.lower(),
        **changes,
    }
    return event(f"payment_intent.{kind}", data)


@pytest.mark.django_db
def test_a_signed_succeeded_event_places_the_order_once_however_often_it_comes(client, checkout_shop, localstripe):
    from tests.test_loyalty import post_event

    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    authenticate_3d_secure(localstripe, outcome.payment)  # the browser is gone
    intent = payments.retrieve(outcome.payment.intent_id)
    first = intent_event("succeeded", intent)
    assert post_event(client, first).json() == {"received": first["id"], "handled": True}
    assert post_event(client, first).json() == {"received": first["id"], "duplicate": True}
    again = intent_event("amount_capturable_updated", intent)  # another event of the same payment
    assert post_event(client, again).status_code == 200
    assert Order.objects.count() == 1 and Payment.objects.get().outcome == Payment.Outcome.ORDER


@pytest.mark.django_db
def test_payment_events_that_are_not_a_checkouts_or_are_malformed_change_nothing(client, checkout_shop):
    from shop.stripe_webhooks.models import ProcessedEvent
    from tests.test_loyalty import post_event

    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    payment = services.start_payment(checkout)
    intent = payments.retrieve(payment.intent_id)
    stranger = payments.Intent(id="pi_of_an_invoice", status="succeeded", amount=Decimal("59.00"), currency="EUR")
    assert post_event(client, intent_event("succeeded", stranger)).json()["handled"] is True
    bad = post_event(client, intent_event("succeeded", intent, amount="lots"))
    assert bad.status_code == 400 and "amount" in bad.json()["error"]
    failed = intent_event("payment_failed", intent, last_payment_error={"message": "Your card has insufficient funds."})
    assert post_event(client, failed).status_code == 200
    assert Payment.objects.get().last_error == "Your card has insufficient funds."
    assert not Order.objects.exists() and ProcessedEvent.objects.count() == 2


# --- Bad input on the web steps ----------------------------------------------------------------------


@pytest.mark.django_db
def test_bad_input_on_the_web_steps_is_refused_on_the_page_and_writes_nothing(client, checkout_shop):
    shop_data = checkout_shop
    client.force_login(f.UserFactory(email="anna@example.com"))
    client.post(reverse("basket:add", kwargs={"pk": shop_data["cushion"].pk}), {"quantity": 2})
    delivery_page = reverse("checkout:shipping-method")
    garbage = ("", "drone:1", "home-delivery:", "home-delivery:9999999999999", "click-and-collect:x", "pickup-point:-1")
    for option in garbage:
        response = client.post(delivery_page, {"option": option})
        assert response.status_code == 400, option
        assert "Choose" in response.content.decode()
    helsinki = client.post(delivery_page, {"option": f"click-and-collect:{shop_data['helsinki'].pk}"})
    assert helsinki.status_code == 409 and "Helsinki does not have everything in stock" in helsinki.content.decode()
    assert Checkout.objects.get().method == ""

    # Payment before the steps before it: sent back to the first step not done.
    assert client.get(reverse("checkout:payment-details"))["Location"] == delivery_page
    client.post(delivery_page, {"option": f"home-delivery:{first_slot().pk}"})
    details = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "postcode": "", "phone_number": "junk"})
    assert details.status_code == 400 and Checkout.objects.get().address == {}
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    seen = client.get(reverse("checkout:payment-details")).context["form"].initial
    for tampered in (
        {"total": "0.01", "cart_version": seen["cart_version"]},
        {"total": seen["total"], "cart_version": seen["cart_version"] - 1},
        {"total": "lots", "cart_version": "x"},
    ):
        response = client.post(reverse("checkout:payment-details"), {"payment_method": "pm_card_visa", **tampered})
        assert response.status_code in (400, 409), tampered
    response = client.post(
        reverse("checkout:payment-details"), {"payment_method": "not-a-card", **seen}
    )
    assert response.status_code == 400
    assert not Payment.objects.exists() and not StockReservation.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN


# --- What changed since the shopper chose -----------------------------------------------------------


@pytest.mark.django_db
def test_a_payment_completed_after_its_hold_ran_out_is_refunded_before_the_sweep_too(
    checkout_shop, localstripe, django_capture_on_commit_callbacks
):
    checkout = ready_checkout(filled_cart(f.UserFactory(), (checkout_shop["cushion"], 1)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    Checkout.objects.update(reserved_until=timezone.now() - datetime.timedelta(minutes=2))  # no sweep ran
    authenticate_3d_secure(localstripe, outcome.payment)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.PaymentRefused):
        services.complete_payment(checkout)
    payment = Payment.objects.get()
    assert (payment.outcome, payment.status) == (Payment.Outcome.REFUNDED, "refunded")
    assert "reservation had ended" in payment.outcome_reason and not Order.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN


@pytest.mark.django_db
def test_a_hold_that_ran_out_does_not_keep_the_last_unit_from_the_next_shopper(checkout_shop):
    variant = checkout_shop["variants"][3]
    f.stock(variant, checkout_shop["online"], 1)
    first = ready_checkout(filled_cart(f.UserFactory(), (variant, 1)))
    second = ready_checkout(filled_cart(f.UserFactory(), (variant, 1)))
    services.start_payment(first)  # the unit is held ... and the shopper walks away
    with pytest.raises(services.SoldOut):
        pay(second)
    Checkout.objects.filter(pk=first.pk).update(reserved_until=timezone.now() - datetime.timedelta(minutes=2))
    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=2))
    assert pay(second).order.lines.get().product == variant  # no sweep has run


@pytest.mark.django_db
def test_a_delivery_withdrawn_after_it_was_chosen_is_refused_before_paying(checkout_shop):
    from shop.shipping.models import PickupPoint

    point = PickupPoint.objects.create(code="kamppi", name="Kamppi", street="Katu 1", postcode="00100", city="Helsinki")
    checkout = services.checkout_of(filled_cart(f.UserFactory(email="a@example.com"), (checkout_shop["cushion"], 1)))
    services.choose_delivery(checkout, Method.PICKUP_POINT, pickup_point=point.pk)
    services.set_address(checkout, CONTACT)
    PickupPoint.objects.update(is_active=False)  # staff take the locker out of use
    with pytest.raises(services.CheckoutError) as withdrawn:
        services.start_payment(checkout)
    assert "pickup_point" in withdrawn.value.fields

    services.choose_delivery(checkout, Method.HOME, slot=first_slot())
    services.set_address(checkout, ADDRESS)
    DeliverySlot.objects.update(capacity=0)  # and close the slot
    with pytest.raises(services.CheckoutError) as closed:
        services.start_payment(checkout)
    assert "closed" in closed.value.message and "slot" in closed.value.fields
    assert not Payment.objects.exists() and Basket.objects.get().status == Basket.OPEN


@pytest.mark.django_db
def test_an_address_outside_the_shipping_countries_or_with_endless_instructions_is_refused(checkout_shop):
    checkout = services.checkout_of(filled_cart(f.UserFactory(email="a@example.com"), (checkout_shop["cushion"], 1)))
    services.choose_delivery(checkout, Method.HOME, slot=first_slot())
    with pytest.raises(services.CheckoutError) as abroad:
        services.set_address(checkout, {**ADDRESS, "country": "SE"})
    assert "Finland" in abroad.value.fields["country"][0]
    with pytest.raises(services.CheckoutError) as long_notes:
        services.set_address(checkout, {**ADDRESS, "notes": "x" * 5000})
    assert "notes" in long_notes.value.fields
    with pytest.raises(services.CheckoutError) as missing:
        services.set_address(checkout, {**ADDRESS, "first_name": ""})
    assert missing.value.message == "Check these: First name."
    assert Checkout.objects.get().address == {}


@pytest.mark.django_db
def test_a_guest_may_use_any_address_and_is_not_told_whether_it_has_an_account(client, checkout_shop):
    f.UserFactory(email="anna@example.com")
    client.post(reverse("basket:add", kwargs={"pk": checkout_shop["cushion"].pk}), {"quantity": 1})
    page = client.get(reverse("checkout:index")).content.decode()
    assert "Check out as a guest" in page and "password" not in page.lower()
    response = client.post(reverse("checkout:index"), {"username": "anna@example.com"})
    assert response["Location"] == reverse("checkout:shipping-method")
    assert Checkout.objects.get().email == "anna@example.com"


# --- After the review: lost answers, the webhook first, frozen carts, bad digits ---------------------


@pytest.mark.django_db
def test_on_the_web_a_lost_answer_offers_to_check_the_payment_which_finds_the_order(
    client, checkout_shop, localstripe, stripe_settings
):
    client.force_login(f.UserFactory(email="anna@example.com"))
    confirm = re.compile(r"/v1/payment_intents/\w+/confirm")
    proxy = StripeProxy(localstripe, hold=lambda method, path: bool(confirm.fullmatch(path)), forward_held=True)
    stripe_settings.STRIPE_API_BASE, stripe_settings.STRIPE_TIMEOUT_SECONDS = proxy.url, 1
    try:
        lost = web_checkout(client, checkout_shop)
    finally:
        stripe_settings.STRIPE_API_BASE = localstripe
        proxy.close()
    page = lost.content.decode()
    assert lost.status_code == 503 and "Check the payment" in page and reverse("checkout:payment-return") in page
    checked = client.post(reverse("checkout:payment-return"))
    assert checked["Location"] == reverse("checkout:thank-you") and Order.objects.count() == 1


@pytest.mark.django_db
def test_when_the_webhook_placed_the_order_first_the_browser_coming_back_sees_it(
    client, checkout_shop, localstripe
):
    client.force_login(f.UserFactory(email="anna@example.com"))
    response = web_checkout(client, checkout_shop, card=payments.THREE_D_SECURE_TEST_CARD)
    assert response.status_code == 200 and response.context["client_secret"]
    payment = Payment.objects.get()
    authenticate_3d_secure(localstripe, payment)
    services.place_order(Checkout.objects.get(), payments.retrieve(payment.intent_id))  # the webhook, first
    back = client.post(reverse("checkout:payment-return"))  # the browser, its cart now submitted
    assert back["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().number in client.get(back["Location"]).content.decode()


@pytest.mark.django_db
def test_a_frozen_cart_takes_no_guest_cart_and_no_voucher(client, checkout_shop, localstripe):
    from oscar.test.factories import create_voucher

    anna = f.UserFactory(email="anna@example.com")
    checkout = ready_checkout(filled_cart(anna, (checkout_shop["cushion"], 1)))
    pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))  # waiting for the bank
    client.post(reverse("basket:add", kwargs={"pk": checkout_shop["cushion"].pk}), {"quantity": 2})  # as a guest
    client.force_login(anna)
    page = client.get(reverse("basket:summary"))
    assert page.status_code == 200 and "You are paying for this cart right now" in page.content.decode()
    assert Basket.objects.get(owner=anna).num_items == 1  # the guest cart waits
    voucher = create_voucher(code="TENOFF")
    response = client.post(reverse("basket:vouchers-add"), {"code": voucher.code}, follow=True)
    assert "being paid for" in response.content.decode()
    assert not Basket.objects.get(owner=anna).vouchers.exists()


@pytest.mark.django_db
def test_ids_and_postcodes_in_other_digits_are_refused_not_a_server_error(client, checkout_shop):
    client.force_login(f.UserFactory(email="anna@example.com"))
    client.post(reverse("basket:add", kwargs={"pk": checkout_shop["cushion"].pk}), {"quantity": 1})
    page = reverse("checkout:shipping-method")
    assert client.post(page, {"option": "home-delivery:\u00b2"}).status_code == 400
    assert client.get(page, {"postcode": "\u00b9\u00b2\u00b3\u2074\u2075"}).status_code == 200


@pytest.mark.django_db
def test_a_customer_cannot_send_the_confirmation_elsewhere(client, checkout_shop):
    anna = f.UserFactory(email="anna@example.com")
    checkout = services.checkout_of(filled_cart(anna, (checkout_shop["cushion"], 1)))
    with pytest.raises(services.NotAllowed):
        services.set_email(checkout, "someone@example.com")
    client.force_login(anna)
    client.post(reverse("checkout:index"), {"username": "someone@example.com"})
    assert Checkout.objects.get().email == "anna@example.com"


@pytest.mark.django_db
def test_units_sold_behind_the_checkouts_back_are_refunded_not_oversold(checkout_shop, localstripe):
    variant = checkout_shop["variants"][3]
    checkout = ready_checkout(filled_cart(f.UserFactory(), (variant, 2)))
    outcome = pay(checkout, payments.test_payment_method(payments.THREE_D_SECURE_TEST_CARD))
    f.stock(variant, checkout_shop["online"], 2, allocated=1)  # a unit sold outside the checkout
    authenticate_3d_secure(localstripe, outcome.payment)
    with pytest.raises(services.PaymentRefused) as refused:
        services.place_order(checkout, payments.retrieve(outcome.payment.intent_id))
    assert "no longer in stock" in refused.value.message and not Order.objects.exists()
    assert variant.stockrecords.get(partner=checkout_shop["online"].partner).num_allocated == 1
    assert Payment.objects.get().outcome == Payment.Outcome.REFUNDED


@pytest.mark.django_db
def test_a_members_big_cart_is_free_by_the_threshold_and_membership_saves_only_its_prices(checkout_shop):
    from tests.test_loyalty import make_member

    anna = f.UserFactory()
    make_member(anna)
    basket = cart.price_for_owner(filled_cart(anna, (checkout_shop["cushion"], 6)))  # 179.40: over 150
    checkout = ready_checkout(basket)
    quoted = services.quote(checkout, cart.price_for_owner(Basket.objects.get(pk=basket.pk)))
    assert quoted.charge.free_reason.startswith("Free for orders of")
    assert quoted.member_saving == Decimal("0.00")  # the cushion has no member price here
