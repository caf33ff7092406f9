"""Rate limits, through real requests: the API's throttles, failed voucher codes and failed
sign-ins, each counted per client IP taken from the trusted proxies (TRUSTED_PROXY_COUNT)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.test.factories import create_voucher

from tests import factories as f

pytestmark = pytest.mark.django_db
LOAD_BALANCER = "10.0.0.2"  # REMOTE_ADDR of every request that comes through the load balancer


def rate(scope):
    """The configured number of requests per minute of a DRF throttle scope."""
    amount, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")
    assert period == "min"
    return int(amount)


def exhaust(client, url, times, **headers):
    statuses = [client.get(url, **headers).status_code for _ in range(times)]
    assert statuses == [200] * times, statuses


def assert_throttled(response):
    assert response.status_code == 429
    body = response.json()
    assert "throttled" in body["detail"] and "seconds" in body["detail"]
    assert 0 < int(response["Retry-After"]) <= 60


def test_anonymous_api_requests_are_throttled_per_client(shop_data):
    anonymous = rate("anon")
    client = Client(REMOTE_ADDR="198.51.100.1")
    exhaust(client, "/api/v1/stores/", anonymous)
    assert_throttled(client.get("/api/v1/stores/"))
    assert_throttled(client.get("/api/v1/products/"))  # one budget for the whole API
    # Another client has a budget of its own.
    assert Client(REMOTE_ADDR="198.51.100.2").get("/api/v1/stores/").status_code == 200


def test_signed_in_api_requests_are_throttled_per_customer(shop_data):
    customer = f.UserFactory()
    client = Client(REMOTE_ADDR="198.51.100.1")
    client.force_login(customer)
    exhaust(client, "/api/v1/cart/", rate("user"))
    assert_throttled(client.get("/api/v1/cart/"))
    # The budget follows the account, not the address; another customer has one of their own.
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    elsewhere.force_login(customer)
    assert_throttled(elsewhere.get("/api/v1/cart/"))
    elsewhere.force_login(f.UserFactory())
    assert elsewhere.get("/api/v1/cart/").status_code == 200


def test_cart_writes_have_a_budget_of_their_own(shop_data):
    client = Client(REMOTE_ADDR="198.51.100.1")
    body = {"product": shop_data["cushion"].pk, "quantity": 1}
    added = client.post("/api/v1/cart/lines/", body, content_type="application/json")
    line = f"/api/v1/cart/lines/{added.json()['lines'][0]['id']}/"
    version, statuses = added["ETag"], []
    for i in range(rate("cart") - 1):
        changed = client.patch(
            line, {"quantity": 2 + i % 3}, content_type="application/json", headers={"If-Match": version}
        )
        version = changed.get("ETag", version)
        statuses.append(changed.status_code)
    assert set(statuses) == {200}
    assert_throttled(client.post("/api/v1/cart/lines/", body, content_type="application/json"))
    assert_throttled(client.delete(line, headers={"If-Match": version}))
    assert client.get("/api/v1/cart/").status_code == 200  # reading the cart is not a write


def test_behind_trusted_proxies_each_client_has_its_own_api_budget(shop_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    lb = Client(REMOTE_ADDR=LOAD_BALANCER)
    exhaust(lb, "/api/v1/stores/", rate("anon"), HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert_throttled(lb.get("/api/v1/stores/", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    # Whatever the client writes into X-Forwarded-For, the load balancer appends the address it saw.
    assert_throttled(lb.get("/api/v1/stores/", HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.5"))
    assert lb.get("/api/v1/stores/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200


def test_without_a_trusted_proxy_a_spoofed_forwarded_for_does_not_reset_the_budget(shop_data):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for i in range(rate("anon")):
        assert client.get("/api/v1/stores/", HTTP_X_FORWARDED_FOR=f"192.0.2.{i % 250}").status_code == 200
    assert_throttled(client.get("/api/v1/stores/", HTTP_X_FORWARDED_FOR="192.0.2.251"))


# --- Voucher codes ---------------------------------------------------------------------------


def basket_client(product, address="198.51.100.1"):
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    return client


def try_voucher(client, code, **headers):
    """The shop's answer to a code: the last message on the basket page."""
    response = client.post(reverse("basket:vouchers-add"), {"code": code}, follow=True, **headers)
    return [str(m) for m in response.context["messages"]][-1]


TOO_MANY = "You have tried too many codes that did not work"
NOT_FOUND = "found with code"


def test_failed_voucher_codes_are_limited_per_cart(shop_data):
    create_voucher(code="WELCOME10")
    customer = settings.SHOP_VOUCHER_FAILURE_LIMITS["customer"][0]
    client = basket_client(shop_data["cushion"])
    for i in range(customer):
        assert NOT_FOUND in try_voucher(client, f"GUESS{i}")
    refused = try_voucher(client, "WELCOME10")  # even a right code: the limit tells nothing about it
    assert TOO_MANY in refused and "minutes" in refused
    assert not client.get(reverse("basket:summary")).context["basket"].vouchers.exists()
    # Another shopper at the same address still has tries left.
    assert "added to cart" in try_voucher(basket_client(shop_data["cushion"]), "WELCOME10")


def test_failed_voucher_codes_are_limited_per_signed_in_customer(shop_data):
    customer = settings.SHOP_VOUCHER_FAILURE_LIMITS["customer"][0]
    user = f.UserFactory()
    for i in range(customer):
        client = basket_client(shop_data["cushion"], address=f"198.51.100.{i + 1}")
        client.force_login(user)
        assert NOT_FOUND in try_voucher(client, f"GUESS{i}")
    assert TOO_MANY in try_voucher(client, "GUESS-NEXT")


def test_failed_voucher_codes_are_limited_per_client_ip_behind_the_load_balancer(shop_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    create_voucher(code="WELCOME10")
    per_customer, _ = settings.SHOP_VOUCHER_FAILURE_LIMITS["customer"]
    per_ip, _ = settings.SHOP_VOUCHER_FAILURE_LIMITS["ip"]
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    tries = 0
    while tries < per_ip:  # a fresh cart for every few guesses does not help
        client = basket_client(shop_data["cushion"], address=LOAD_BALANCER)
        for _ in range(min(per_customer, per_ip - tries)):
            assert NOT_FOUND in try_voucher(client, f"GUESS{tries}", **attacker)
            tries += 1
    fresh = basket_client(shop_data["cushion"], address=LOAD_BALANCER)
    assert TOO_MANY in try_voucher(fresh, "WELCOME10", **attacker)
    shopper = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert "added to cart" in try_voucher(fresh, "WELCOME10", **shopper)


def test_a_voucher_that_was_accepted_is_not_a_failure(shop_data):
    create_voucher(code="WELCOME10")
    customer = settings.SHOP_VOUCHER_FAILURE_LIMITS["customer"][0]
    client = basket_client(shop_data["cushion"])
    for _ in range(customer + 1):
        message = try_voucher(client, "WELCOME10")
        assert TOO_MANY not in message
    assert "already added" in message


# --- Sign-in ---------------------------------------------------------------------------------


def sign_in(client, email, password, **headers):
    response = client.post(reverse("account_login"), {"login": email, "password": password}, **headers)
    if response.status_code == 302:
        return "signed in"
    text = response.content.decode()
    if "Too many failed login attempts" in text or response.status_code == 429:
        return "locked"
    assert "password you specified are not correct" in text, text[:500]
    return "wrong"


def login_limits():
    per_ip, per_account = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    return int(per_ip.split("/")[0]), int(per_account.split("/")[0])


def test_behind_the_load_balancer_one_clients_failures_lock_out_only_that_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    per_ip, _ = login_limits()
    anna = f.UserFactory(email="anna@example.com")
    for i in range(per_ip):  # a different account each time: only the address counts them all
        f.UserFactory(email=f"victim{i}@example.com")
        client = Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert sign_in(client, f"victim{i}@example.com", "guess") == "wrong"
    attacker = Client(REMOTE_ADDR=LOAD_BALANCER)
    assert sign_in(attacker, "anna@example.com", "guess", HTTP_X_FORWARDED_FOR="203.0.113.5") == "locked"
    # A spoofed address in front of the one the load balancer appended does not help the attacker.
    spoofed = "192.0.2.1, 203.0.113.5"
    assert sign_in(attacker, "anna@example.com", "guess", HTTP_X_FORWARDED_FOR=spoofed) == "locked"
    # Anna, behind the same load balancer, signs in.
    anna_client = Client(REMOTE_ADDR=LOAD_BALANCER)
    assert sign_in(anna_client, anna.email, f.PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7") == "signed in"


def test_failures_on_one_account_lock_that_account_from_every_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _, per_account = login_limits()
    anna = f.UserFactory(email="anna@example.com")
    ben = f.UserFactory(email="ben@example.com")
    for i in range(per_account):
        client = Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}")
        assert sign_in(client, "Anna@Example.com", "guess") == "wrong"
    client = Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(client, anna.email, f.PASSWORD) == "locked"
    assert sign_in(client, ben.email, f.PASSWORD) == "signed in"


def test_without_a_trusted_proxy_a_spoofed_forwarded_for_does_not_help_guess_passwords():
    per_ip, _ = login_limits()
    for i in range(per_ip):
        f.UserFactory(email=f"victim{i}@example.com")
        client = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}")
        assert sign_in(client, f"victim{i}@example.com", "guess") == "wrong"
    client = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert sign_in(client, "victim0@example.com", "guess") == "locked"


def test_a_forwarded_for_shorter_than_the_trusted_proxies_is_no_server_error(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    f.UserFactory(email="anna@example.com")
    client = Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="not-an-address")
    assert sign_in(client, "anna@example.com", f.PASSWORD) == "signed in"
    assert client.get("/api/v1/stores/").status_code == 200
