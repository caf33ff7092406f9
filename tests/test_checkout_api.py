"""The headless checkout (/api/v1/checkout/): real requests through the test client, the real
Stripe SDK against localstripe, PostgreSQL. An app signs in with allauth's session token; a
browser's front end uses the session and its CSRF token."""

from decimal import Decimal

import pytest
import stripe
from django.test import Client
from oscar.core.loading import get_model

from shop.basket.models import Basket
from shop.checkout.models import Checkout, Payment, StockReservation
from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint
from tests import factories as f
from tests.conftest import STRIPE_TEST_KEY

pytestmark = pytest.mark.django_db
Country = get_model("address", "Country")
Order = get_model("order", "Order")

HOME_ADDRESS = {
    "first_name": "Anna",
    "last_name": "Lindqvist",
    "line1": "Mannerheimintie 5",
    "line4": "Helsinki",
    "postcode": "00100",
    "country": "FI",
    "phone_number": "+358401234567",
}
WHO_COLLECTS = {"first_name": "Anna", "last_name": "Lindqvist", "phone_number": "+358401234567"}
OPERATIONS = [
    ("/api/v1/checkout/", "get"),
    ("/api/v1/checkout/delivery-options/", "get"),
    ("/api/v1/checkout/email/", "put"),
    ("/api/v1/checkout/delivery/", "put"),
    ("/api/v1/checkout/address/", "put"),
    ("/api/v1/checkout/payment/", "post"),
    ("/api/v1/checkout/payment/", "delete"),
    ("/api/v1/checkout/order/", "post"),
]


class Api:
    """A client of the API: an app signed in through allauth's headless API, sending its session
    token (no cookies, no CSRF token); or, without a user, a browser's front end with the session
    and the CSRF token the API hands out."""

    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        if user is None:
            self.client.get("/api/v1/cart/")
            self.headers = {"X-CSRFToken": self.client.cookies["csrftoken"].value}
            return
        response = self.client.post(
            "/_allauth/app/v1/auth/login",
            {"email": user.email, "password": f.PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        self.headers = {"X-Session-Token": response.json()["meta"]["session_token"]}
        self.client.cookies.clear()

    def call(self, method, path, data=None, **headers):
        kwargs = {"content_type": "application/json"} if data is not None else {}
        return getattr(self.client, method)(path, data, headers={**self.headers, **headers}, **kwargs)

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, headers={**self.headers, **headers})

    def put(self, path, data, **headers):
        return self.call("put", path, data, **headers)

    def post(self, path, data=None, **headers):
        return self.call("post", path, {} if data is None else data, **headers)

    def delete(self, path, **headers):
        return self.call("delete", path, **headers)

    def add(self, product, quantity=1):
        response = self.post("/api/v1/cart/lines/", {"product": product.pk, "quantity": quantity})
        assert response.status_code == 201, response.content
        return response.json()


@pytest.fixture
def shop(shop_data, stripe_settings):
    """The small shop, ready to deliver: Finland ships, a home-delivery window every evening with
    two places, a parcel locker; Stripe is localstripe."""
    Country.objects.update_or_create(
        iso_3166_1_a2="FI", defaults={"name": "Finland", "printable_name": "Finland", "is_shipping_country": True}
    )
    for weekday in range(7):
        DeliveryWindow.objects.create(weekday=weekday, starts="17:00", ends="21:00", capacity=2)
    locker = PickupPoint.objects.create(
        code="kamppi", name="Locker Kamppi", street="Urho Kekkosen katu 1", postcode="00100", city="Helsinki"
    )
    return {**shop_data, "locker": locker}


@pytest.fixture
def anna(shop, people):
    return Api(people["anna"])


def first_slot(api):
    options = api.get("/api/v1/checkout/delivery-options/").json()
    return options["home_delivery"]["slots"][0]["id"]


def ready_for_home_delivery(api, shop):
    """Anna's checkout with a cushion, home delivery in the first slot and her address."""
    api.add(shop["cushion"])
    chosen = api.put("/api/v1/checkout/delivery/", {"method": "home-delivery", "slot": first_slot(api)})
    assert chosen.status_code == 200, chosen.content
    response = api.put("/api/v1/checkout/address/", HOME_ADDRESS)
    assert response.status_code == 200, response.content
    return response.json()


def confirm_as_an_app(intent_id, payment_method, localstripe):
    """What Stripe's SDK in an app does with the client secret: confirm with the card."""
    client = stripe.StripeClient(STRIPE_TEST_KEY, base_addresses={"api": localstripe}, max_network_retries=0)
    client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method})
    return client.v1.payment_intents.confirm(intent_id)


def test_an_app_checks_out_for_home_delivery_and_pays_at_once(anna, shop):
    """Signed in with a session token (no CSRF token): the cart, the options, a slot, the address,
    and a card confirmed by the server: the order, paid in full."""
    anna.add(shop["variants"][0])
    anna.add(shop["cushion"], 2)

    checkout = anna.get("/api/v1/checkout/").json()
    assert checkout["status"] == "open" and checkout["email"] == "anna@example.com"
    assert checkout["missing_steps"] == ["delivery", "address"]
    assert checkout["delivery"] is None and checkout["quote"] is None and checkout["payment"] is None

    options = anna.get("/api/v1/checkout/delivery-options/", {"postcode": "00100"}).json()
    home = options["home_delivery"]
    assert home["is_available"] and home["shortages"] == []
    # Over the free-delivery threshold: free, with what it would cost and why.
    assert home["charge"]["incl_tax"] == "0.00" and home["charge"]["regular_incl_tax"] == "9.90"
    assert home["charge"]["free_reason"]
    slot = home["slots"][0]
    assert (slot["remaining"], slot["is_full"]) == (2, False)
    # No store has both the sofa and the cushions: each says what it lacks.
    stores = {store["slug"]: store for store in options["click_and_collect"]["stores"]}
    assert not options["click_and_collect"]["is_available"]
    assert [s["title"] for s in stores["tampere"]["shortages"]] == ["Sofa Aalto, Linen, Sand"]
    assert stores["helsinki"]["shortages"][0]["product"] == shop["cushion"].pk
    assert [p["code"] for p in options["pickup_point"]["pickup_points"]] == ["kamppi"]

    chosen = anna.put("/api/v1/checkout/delivery/", {"method": "home-delivery", "slot": slot["id"]})
    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["delivery"]["slot"]["id"] == slot["id"]
    assert chosen.json()["delivery"]["delivery_date"] == slot["date"]
    ready = anna.put("/api/v1/checkout/address/", HOME_ADDRESS).json()
    assert ready["missing_steps"] == [] and ready["address"]["line4"] == "Helsinki"
    quote = ready["quote"]
    assert (quote["goods_incl_tax"], quote["total_incl_tax"]) == ("1358.80", "1358.80")
    assert Decimal(quote["vat"]) + Decimal(quote["total_excl_tax"]) == Decimal("1358.80")

    paid = anna.post(
        "/api/v1/checkout/payment/",
        {"payment_method": "pm_card_visa", "cart_version": ready["cart_version"], "total": quote["total_incl_tax"]},
    )
    assert paid.status_code == 201, paid.content
    order = paid.json()
    assert order["total_incl_tax"] == "1358.80" and order["email"] == "anna@example.com"
    assert order["delivery"]["method"] == "home-delivery" and order["delivery"]["slot"]["id"] == slot["id"]
    assert [(line["quantity"], line["attribution"]) for line in order["lines"]] == [
        (1, {"channel": "api", "added_by": None, "store": None}),
        (2, {"channel": "api", "added_by": None, "store": None}),
    ]

    placed = Order.objects.get(number=order["number"])
    payment = Payment.objects.get()
    assert (payment.status, payment.capture_method, payment.outcome) == ("succeeded", "automatic", "order")
    assert placed.sources.get().amount_debited == Decimal("1358.80")  # captured
    assert Checkout.objects.get().channel == "api"
    assert DeliverySlot.objects.get(pk=slot["id"]).booked == 1
    assert shop["variants"][0].stockrecords.get(partner=shop["online"].partner).num_allocated == 1
    assert not StockReservation.objects.exists()
    # The cart became the order: the next one is empty, so is its checkout.
    gone = anna.get("/api/v1/checkout/")
    assert gone.status_code == 404 and gone.json()["code"] == "empty_cart"


def test_click_and_collect_only_authorises_the_card(anna, shop):
    anna.add(shop["cushion"])
    chosen = anna.put("/api/v1/checkout/delivery/", {"method": "click-and-collect", "store": shop["tampere"].pk})
    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["delivery"]["store"]["slug"] == "tampere"
    assert chosen.json()["delivery"]["ready_at"]
    assert chosen.json()["quote"]["total_incl_tax"] == "32.80"  # 29.90 and 2.90 for collecting
    assert anna.put("/api/v1/checkout/address/", WHO_COLLECTS).json()["missing_steps"] == []

    paid = anna.post("/api/v1/checkout/payment/", {"payment_method": "pm_card_visa"})
    assert paid.status_code == 201, paid.content
    assert paid.json()["delivery"]["store"]["slug"] == "tampere"
    payment = Payment.objects.get()
    assert (payment.status, payment.capture_method) == ("requires_capture", "manual")
    placed = Order.objects.get()
    assert placed.collection_store.partner == shop["tampere"].partner
    assert placed.sources.get().amount_debited == 0  # taken at the handover
    assert shop["cushion"].stockrecords.get(partner=shop["tampere"].partner).num_allocated == 1


def test_a_guest_app_confirms_the_payment_itself_then_places_the_order_once(shop, localstripe):
    guest = Api()
    guest.add(shop["cushion"])
    assert guest.get("/api/v1/checkout/").json()["missing_steps"] == ["email", "delivery", "address"]
    assert guest.put("/api/v1/checkout/email/", {"email": "guest@example.com"}).json()["email"] == "guest@example.com"
    chosen = guest.put("/api/v1/checkout/delivery/", {"method": "pickup-point", "pickup_point": shop["locker"].pk})
    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["delivery"]["pickup_point"]["code"] == "kamppi"
    assert chosen.json()["quote"]["total_incl_tax"] == "34.80"  # 29.90 and 4.90 to the locker
    assert guest.put("/api/v1/checkout/address/", WHO_COLLECTS).status_code == 200

    started = guest.post("/api/v1/checkout/payment/?lang=fi")
    assert started.status_code == 200, started.content
    assert started["Content-Language"] == "fi"
    payment = started.json()
    assert payment["client_secret"] and payment["intent"].startswith("pi_")
    assert (payment["status"], payment["next_step"]) == ("requires_payment_method", "confirm")
    assert (payment["amount"], payment["capture_method"]) == ("34.80", "automatic")
    checkout = guest.get("/api/v1/checkout/").json()  # the guest's cart is still theirs while frozen
    assert checkout["status"] == "paying" and checkout["reserved_until"]
    assert checkout["payment"]["intent"] == payment["intent"]
    assert Checkout.objects.get().language == "fi"

    unpaid = guest.post("/api/v1/checkout/order/", {"payment_intent": payment["intent"]})
    assert unpaid.status_code == 402 and unpaid.json()["code"] == "payment_failed"
    assert Checkout.objects.get().status == "paying"

    confirm_as_an_app(payment["intent"], "pm_card_visa", localstripe)
    placed = guest.post("/api/v1/checkout/order/", {"payment_intent": payment["intent"]})
    assert placed.status_code == 201, placed.content
    assert placed.json()["email"] == "guest@example.com"
    assert placed.json()["delivery"]["pickup_point"]["code"] == "kamppi"
    again = guest.post("/api/v1/checkout/order/", {"payment_intent": payment["intent"]})
    assert again.status_code == 200 and again.json()["number"] == placed.json()["number"]
    assert Order.objects.count() == 1

    # Someone else (a cart of their own) naming that payment learns nothing and changes nothing.
    stranger = Api()
    stranger.add(shop["cushion"])
    refused = stranger.post("/api/v1/checkout/order/", {"payment_intent": payment["intent"]})
    assert refused.status_code == 400 and "payment_intent" in refused.json()["fields"]


def test_a_declined_card_opens_the_cart_again(anna, shop):
    ready_for_home_delivery(anna, shop)
    declined = anna.post("/api/v1/checkout/payment/", {"payment_method": "pm_card_chargeCustomerFail"})
    assert declined.status_code == 402, declined.content
    assert declined.json()["code"] == "payment_failed" and "declined" in declined.json()["detail"]
    checkout = anna.get("/api/v1/checkout/").json()
    assert checkout["status"] == "open" and checkout["payment"] is None and checkout["reserved_until"] is None
    assert Basket.objects.get().status == Basket.OPEN
    assert not StockReservation.objects.exists() and not Order.objects.exists()
    # The cart can be changed and paid for again.
    assert anna.post("/api/v1/cart/lines/", {"product": shop["cushion"].pk}).status_code == 201


def test_refused_choices_and_payments_write_nothing(anna, shop):
    anna.add(shop["cushion"])
    unknown = anna.put("/api/v1/checkout/delivery/", {"method": "home-delivery", "slot": 987654})
    assert unknown.status_code == 400 and "slot" in unknown.json()["fields"]
    no_method = anna.put("/api/v1/checkout/delivery/", {"method": "drone", "slot": first_slot(anna)})
    assert no_method.status_code == 400 and "method" in no_method.json()["fields"]
    DeliverySlot.objects.filter(pk=first_slot(anna)).update(booked=2)
    full = anna.put("/api/v1/checkout/delivery/", {"method": "home-delivery", "slot": first_slot(anna)})
    assert full.status_code == 409 and full.json()["code"] == "slot_full" and "slot" in full.json()["fields"]
    lacking = anna.put("/api/v1/checkout/delivery/", {"method": "click-and-collect", "store": shop["helsinki"].pk})
    assert lacking.status_code == 409 and lacking.json()["code"] == "sold_out"
    assert "Cushion Kivi" in lacking.json()["detail"]
    assert Checkout.objects.get().method == ""

    DeliverySlot.objects.update(booked=0)
    ready = ready_for_home_delivery(anna, shop)
    version, total = ready["cart_version"], ready["quote"]["total_incl_tax"]
    refusals = [
        ({"payment_method": "pm_card_visa", "total": "0.01", "cart_version": version}, 409, "cart_changed"),
        ({"payment_method": "pm_card_visa", "total": total, "cart_version": version - 1}, 409, "cart_changed"),
        ({"payment_method": "junk", "total": total}, 400, "invalid"),
        ({"payment_method": "pm_card_visa\n", "total": total}, 400, "invalid"),
        ({"cart_version": "many"}, 400, "invalid"),
    ]
    for body, status, code in refusals:
        response = anna.post("/api/v1/checkout/payment/", body)
        assert (response.status_code, response.json()["code"]) == (status, code), body
    bad_address = anna.put("/api/v1/checkout/address/", {**HOME_ADDRESS, "postcode": "1", "first_name": ""})
    assert bad_address.status_code == 400 and {"postcode", "first_name"} <= set(bad_address.json()["fields"])

    assert not Payment.objects.exists() and not StockReservation.objects.exists()
    checkout = Checkout.objects.get()
    assert (checkout.status, checkout.address["postcode"]) == ("open", "00100")
    basket = Basket.objects.get()
    assert (basket.status, basket.version) == (Basket.OPEN, version)


def test_a_payment_can_be_stopped_to_change_the_cart(anna, shop):
    ready_for_home_delivery(anna, shop)
    started = anna.post("/api/v1/checkout/payment/")
    assert started.status_code == 200 and Basket.objects.get().status == Basket.FROZEN
    assert StockReservation.objects.exists()
    # A second press answers the same payment.
    assert anna.post("/api/v1/checkout/payment/").json()["intent"] == started.json()["intent"]
    stopped = anna.delete("/api/v1/checkout/payment/")
    assert stopped.status_code == 200 and stopped.json()["status"] == "open"
    assert Basket.objects.get().status == Basket.OPEN and not StockReservation.objects.exists()
    assert Payment.objects.get().outcome == "released"


def test_a_stripe_that_cannot_be_reached_is_a_503_and_holds_nothing(anna, shop, stripe_settings, localstripe):
    ready_for_home_delivery(anna, shop)
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # the discard port: nothing listens
    down = anna.post("/api/v1/checkout/payment/", {"payment_method": "pm_card_visa"})
    assert down.status_code == 503 and down.json()["code"] == "payment_unavailable"
    assert Basket.objects.get().status == Basket.OPEN and not StockReservation.objects.exists()
    assert not Payment.objects.exists()

    stripe_settings.STRIPE_API_BASE = localstripe
    intent = anna.post("/api/v1/checkout/payment/").json()["intent"]
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    unknown = anna.post("/api/v1/checkout/order/", {"payment_intent": intent})
    assert unknown.status_code == 503 and unknown.json()["code"] == "payment_unavailable"
    assert Checkout.objects.get().status == "paying" and not Order.objects.exists()


def test_bad_input_and_an_empty_cart_are_clear_errors(anna, shop):
    for method, path in [("get", "/api/v1/checkout/"), ("put", "/api/v1/checkout/address/")]:
        empty = getattr(anna, method)(path, {})
        assert empty.status_code == 404 and empty.json()["code"] == "empty_cart", (method, path)
    anna.add(shop["cushion"])
    for postcode in ["1234", "00100\n", "abcde", ""]:
        response = anna.get("/api/v1/checkout/delivery-options/", {"postcode": postcode})
        assert response.status_code == 400 and "postcode" in response.json()["fields"], postcode
    early = anna.put("/api/v1/checkout/address/", HOME_ADDRESS)
    assert early.status_code == 400 and early.json()["code"] == "incomplete"
    # A signed-in customer's confirmation goes to their account's address.
    assert anna.put("/api/v1/checkout/email/", {"email": "other@example.com"}).status_code == 403
    guest = Api()
    guest.add(shop["cushion"])
    invalid = guest.put("/api/v1/checkout/email/", {"email": "not an address"})
    assert invalid.status_code == 400 and "email" in invalid.json()["fields"]
    assert guest.get("/api/v1/checkout/", {"lang": "xx"}).status_code == 400


def test_a_session_write_without_the_csrf_token_is_refused(shop):
    browser = Api()
    browser.add(shop["cushion"])
    browser.headers = {}
    for method, path, body in [
        ("put", "/api/v1/checkout/email/", {"email": "guest@example.com"}),
        ("put", "/api/v1/checkout/delivery/", {"method": "pickup-point", "pickup_point": shop["locker"].pk}),
        ("put", "/api/v1/checkout/address/", WHO_COLLECTS),
        ("post", "/api/v1/checkout/payment/", {}),
        ("post", "/api/v1/checkout/order/", {"payment_intent": "pi_x"}),
    ]:
        response = browser.call(method, path, body)
        assert response.status_code == 403 and "CSRF" in response.json()["detail"], path
    assert not Checkout.objects.exists()


def test_checkout_writes_have_a_budget_of_their_own(shop):
    guest = Api()
    guest.add(shop["cushion"])
    answers = [guest.put("/api/v1/checkout/email/", {"email": "guest@example.com"}).status_code for _ in range(31)]
    assert answers == [200] * 30 + [429]
    assert guest.get("/api/v1/checkout/").status_code == 200  # reads are not writes


def test_every_checkout_operation_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    for path, method in OPERATIONS:
        assert method in paths.get(path, {}), (method, path)
    payment = paths["/api/v1/checkout/payment/"]["post"]["responses"]
    assert {"200", "201", "402", "404", "409", "503"} <= set(payment)
    order = paths["/api/v1/checkout/order/"]["post"]["responses"]
    assert {"200", "201", "400", "402", "409", "503"} <= set(order)
