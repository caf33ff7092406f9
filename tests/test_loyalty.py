"""Membership and loyalty: member prices in every channel, the Stripe subscription (against
localstripe), the webhook endpoint, points, free delivery and member-only offers."""

import json
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from loyalty import queries, services
from loyalty.models import MemberSaving, Membership, MembershipPayment, Plan, PointsAccount, PointsEntry
from loyalty.tasks import reconcile_memberships
from shop.basket.services import price_for_owner
from shop.partner.strategy import Selector
from shop.stripe_webhooks.models import ProcessedEvent
from tests import factories as f
from tests.conftest import STRIPE_TEST_WEBHOOK_SECRET
from tests.test_checkout import checkout

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
PaymentEventType = get_model("order", "PaymentEventType")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")
Repository = get_class("shipping.repository", "Repository")
order_placed = get_class("order.signals", "order_placed")
order_status_changed = get_class("order.signals", "order_status_changed")


def money(amount):
    return currency(Decimal(amount), "EUR")


def make_plan(code="yearly", fee="49.00", interval="year", points="1.00"):
    return Plan.objects.create(
        name=code.title(), code=code, interval=interval, fee=Decimal(fee), points_per_euro=Decimal(points)
    )


def make_member(user, plan=None, **fields):
    defaults = {
        "status": Membership.Status.ACTIVE,
        "current_period_end": timezone.now() + timedelta(days=300),
        "stripe_subscription_id": f"sub_test_{user.pk}",
    }
    return Membership.objects.create(user=user, plan=plan or make_plan(), **(defaults | fields))


@pytest.fixture
def priced(shop_data, stripe_settings):
    """The small shop with member prices: three of the sofa's four variants and the cushion; the
    last variant and the book have none (members pay the regular price). Stripe is localstripe,
    and delivery is free for members only (no free-delivery threshold), the rule these tests are
    about."""
    stripe_settings.SHOP_FREE_DELIVERY_FROM = "100000.00"
    variants = shop_data["variants"]
    for variant in variants[:3]:
        variant.member_price = variant.price - 200
        variant.save()
    shop_data["cushion"].member_price = Decimal("24.90")
    shop_data["cushion"].save()
    f.reindex()
    for key in ("cushion", "book", "sofa"):
        shop_data[key].refresh_from_db()  # Decimal prices, as the shop reads them
    shop_data["variants"] = [variant.__class__.objects.get(pk=variant.pk) for variant in variants]
    return shop_data


@pytest.fixture
def member(db):
    user = f.UserFactory(email="ben@example.com")
    make_member(user)
    return user


def sign(payload, secret=STRIPE_TEST_WEBHOOK_SECRET, timestamp=None):
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


def post_event(client, event, **signing):
    payload = json.dumps(event)
    return client.post(
        "/stripe/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload, **signing)
    )


def event(type, obj, created=None, id=None):
    created = created or int(time.time())
    return {
        "id": id or f"evt_{type}_{obj['id']}_{created}",
        "object": "event",
        "type": type,
        "created": created,
        "data": {"object": obj},
    }


def subscription(sub_id, status="active", period_end=None, cancel_at_period_end=False):
    return {
        "id": sub_id,
        "object": "subscription",
        "status": status,
        "current_period_end": period_end or int(time.time()) + 365 * 86400,
        "cancel_at_period_end": cancel_at_period_end,
    }


def invoice(inv_id, sub_id, amount=4900, period_end=None):
    end = period_end or int(time.time()) + 365 * 86400
    return {
        "id": inv_id,
        "object": "invoice",
        "subscription": sub_id,
        "amount_paid": amount,
        "lines": {"object": "list", "data": [{"period": {"start": int(time.time()), "end": end}}]},
    }


# --- Price matrix -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("is_member", [True, False], ids=["member", "non-member"])
def test_price_matrix_product_page_api_cart_page_cart_api_and_order(
    client, priced, is_member, django_capture_on_commit_callbacks, settings, localstripe
):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing before the payment may call Stripe
    user = f.UserFactory()
    if is_member:
        make_member(user)
    client.force_login(user)
    cushion, sofa, variants, book = priced["cushion"], priced["sofa"], priced["variants"], priced["book"]

    # Product page: the price, and beside it the saving (member) or the invitation (non-member).
    page = client.get(cushion.get_absolute_url()).content.decode()
    if is_member:
        assert money("24.90") in page and f"You save {money('5.00')}" in page and money("29.90") in page
    else:
        assert money("29.90") in page and f"Members pay {money('24.90')}" in page and "You save" not in page
    # A parent is shown "from" its cheapest variant for this customer.
    sofa_page = client.get(sofa.get_absolute_url()).content.decode()
    assert (money("1099.00") if is_member else money("1299.00")) in sofa_page

    # Listing (browse and search): the same price and member price on every card.
    listing = client.get("/search/", {"q": "cushion"}).content.decode()
    assert (f"You save {money('5.00')}" if is_member else f"Members pay {money('24.90')}") in listing

    # Product API: price, member price, parent with variants, products without a member price.
    body = client.get(f"/api/v1/products/{cushion.pk}/").json()
    assert body["price"]["incl_tax"] == ("24.90" if is_member else "29.90")
    assert body["member_price"] == {
        "incl_tax": "24.90",
        "regular_incl_tax": "29.90",
        "saving": "5.00",
        "applied": is_member,
    }
    body = client.get(f"/api/v1/products/{sofa.pk}/").json()
    assert body["price"]["incl_tax"] == ("1099.00" if is_member else "1299.00")
    by_id = {v["id"]: v for v in body["variants"]}
    assert by_id[variants[2].pk]["price"]["incl_tax"] == ("1199.00" if is_member else "1399.00")
    assert by_id[variants[3].pk]["price"]["incl_tax"] == "1399.00"  # no member price: regular for all
    assert by_id[variants[3].pk]["member_price"] is None
    body = client.get(f"/api/v1/products/{book.pk}/").json()
    assert body["price"]["incl_tax"] == "39.00" and body["member_price"] is None

    # Cart page and cart API.
    client.post(reverse("basket:add", kwargs={"pk": sofa.pk}), {"child_id": variants[0].pk, "quantity": 1})
    client.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 2})
    cart_page = client.get("/basket/").content.decode()
    assert (money("49.80") if is_member else money("59.80")) in cart_page
    if is_member:
        assert "Member prices and free delivery apply" in cart_page and f"You save {money('5.00')}" in cart_page
    cart = client.get("/api/v1/cart/").json()
    lines = {line["product"]: line for line in cart["lines"]}
    assert lines[cushion.pk]["unit_price"]["incl_tax"] == ("24.90" if is_member else "29.90")
    assert lines[cushion.pk]["member_unit_price_incl_tax"] == "24.90"
    assert lines[variants[0].pk]["member_saving"] == ("200.00" if is_member else "0.00")
    assert cart["member_saving"] == ("210.00" if is_member else "0.00")
    assert cart["total_incl_tax"] == ("1148.80" if is_member else "1358.80")
    assert cart["membership"] == {"is_member": is_member, "member_prices_not_applied_reason": None}

    # Order: placed at the prices shown, with free delivery for members.
    Basket.objects.filter(owner=user).delete()  # the checkout below adds the same two lines again
    settings.STRIPE_API_BASE = localstripe  # paid by card
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, priced)
    paid = {line.product_id: line.line_price_incl_tax for line in order.lines.all()}
    assert paid == (
        {variants[0].pk: Decimal("1099.00"), cushion.pk: Decimal("49.80")}
        if is_member
        else {variants[0].pk: Decimal("1299.00"), cushion.pk: Decimal("59.80")}
    )
    assert order.shipping_incl_tax == (Decimal("0.00") if is_member else Decimal("9.90"))
    assert order.total_incl_tax == (Decimal("1148.80") if is_member else Decimal("1368.70"))
    thank_you = client.get(reverse("checkout:thank-you")).content.decode()
    assert (f"Your membership saved you {money('219.90')}" in thank_you) is is_member


def shown_figures(fragment):
    """(price, regular price, saving, members pay) as the shopper reads them in a price box or a
    variant's label; None where a figure is not shown."""

    def text(selector):
        found = fragment.select_one(selector)
        return " ".join(found.get_text(" ").split()) if found else None

    regular, saving, invite = (
        text(".member-price__regular s"),
        text(".member-price__saving"),
        text(".member-price--invite"),
    )
    return (
        text(".product__amount") or text(".variant-option__price"),
        regular,
        saving.removeprefix("You save ") if saving else None,
        invite.removeprefix("Members pay ").split(" · ")[0] if invite else None,
    )


def expected_figures(price):
    """The same four figures from the pricing strategy."""
    member = price.member_incl_tax is not None
    return (
        money(price.incl_tax),
        money(price.regular_incl_tax) if member and price.member_applied else None,
        money(price.member_saving) if member and price.member_applied else None,
        money(price.member_incl_tax) if member and not price.member_applied else None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("is_member", [True, False], ids=["member", "non-member"])
def test_every_variant_shows_its_own_price_member_price_and_saving_on_the_page_and_in_the_api(
    client, priced, is_member
):
    user = f.UserFactory()
    if is_member:
        make_member(user)
    client.force_login(user)
    sofa, variants = priced["sofa"], priced["variants"]
    variants[1].member_price = Decimal("1149.00")  # a saving of its own, unlike its neighbours
    variants[1].save()
    strategy = Selector().strategy(user=user)

    page = BeautifulSoup(client.get(sofa.get_absolute_url()).content, "html.parser")
    body = client.get(f"/api/v1/products/{sofa.pk}/").json()
    api = {v["id"]: v for v in body["variants"]}
    assert len(api) == len(variants) == len(page.select("input[name=child_id]"))
    for variant in variants:
        price = strategy.fetch_for_product(variant).price
        option = page.select_one(f"input[name=child_id][value='{variant.pk}']").parent
        # Without JavaScript: the radio's label. With it: the price box shown when it is chosen.
        assert shown_figures(option.label) == expected_figures(price), variant.title
        chosen = BeautifulSoup(option.template.decode_contents(), "html.parser")  # what shop.js swaps in
        assert shown_figures(chosen) == expected_figures(price), variant.title
        assert api[variant.pk]["price"]["incl_tax"] == f"{price.incl_tax:.2f}"
        assert api[variant.pk]["member_price"] == (
            None
            if price.member_incl_tax is None
            else {
                "incl_tax": f"{price.member_incl_tax:.2f}",
                "regular_incl_tax": f"{price.regular_incl_tax:.2f}",
                "saving": f"{price.member_saving:.2f}",
                "applied": is_member,
            }
        )
    # The product's own box: "from" its cheapest variant; the invitation names the lowest member price.
    box = shown_figures(page.select_one("[data-variant-price]"))
    assert box == (
        (money("1099.00"), money("1299.00"), money("200.00"), None)
        if is_member
        else (money("1299.00"), None, None, money("1099.00"))
    )


@pytest.mark.django_db
def test_a_parents_invitation_names_what_a_member_pays_from(client, priced, member):
    # The dearest variant has the lowest member price: members pay from 999.00, not from the
    # member price of the variant cheapest at regular prices.
    sofa, dearest = priced["sofa"], priced["variants"][3]
    dearest.member_price = Decimal("999.00")
    dearest.save()
    page = BeautifulSoup(client.get(sofa.get_absolute_url()).content, "html.parser")
    assert shown_figures(page.select_one("[data-variant-price]")) == (money("1299.00"), None, None, money("999.00"))
    client.force_login(member)
    page = BeautifulSoup(client.get(sofa.get_absolute_url()).content, "html.parser")
    assert shown_figures(page.select_one("[data-variant-price]")) == (
        money("999.00"),
        money("1399.00"),
        money("400.00"),
        None,
    )


@pytest.mark.django_db
def test_a_staff_request_prices_a_members_cart_for_the_member(priced):
    customer = f.UserFactory()
    make_member(customer)
    staff = f.staff_member(priced["helsinki"])
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Selector().strategy(customer=customer)
    basket.add_product(priced["cushion"], 2)

    request = RequestFactory().get("/")
    request.user = staff
    # What Oscar's middleware would do for the signed-in member of staff: their own prices.
    basket.strategy = Selector().strategy(request=request, user=staff)
    basket.reset_offer_applications()
    assert basket.total_incl_tax == Decimal("59.80")
    # The service prices the cart for its owner, whoever asks.
    price_for_owner(basket, request)
    assert basket.total_incl_tax == Decimal("49.80")
    assert basket.all_lines()[0].purchase_info.price.member_applied is True


@pytest.mark.django_db
def test_a_lapsed_membership_stops_member_prices_at_the_next_check_and_orders_keep_theirs(
    client, priced, django_capture_on_commit_callbacks
):
    user = f.UserFactory()
    make_member(user)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, priced)
    assert order.total_incl_tax == Decimal("1148.80")

    client.post(reverse("basket:add", kwargs={"pk": priced["cushion"].pk}), {"quantity": 1})
    assert client.get("/api/v1/cart/").json()["total_incl_tax"] == "24.90"
    services.apply_stripe_state(f"sub_test_{user.pk}", "canceled", timezone.now())

    cart = client.get("/api/v1/cart/").json()
    assert cart["total_incl_tax"] == "29.90"
    assert cart["membership"] == {
        "is_member": False,
        "member_prices_not_applied_reason": "Member prices no longer apply: the membership was cancelled.",
    }
    page = client.get("/basket/").content.decode()
    assert "Member prices no longer apply: the membership was cancelled." in page
    order.refresh_from_db()
    assert order.total_incl_tax == Decimal("1148.80")
    assert order.lines.get(product=priced["cushion"]).line_price_incl_tax == Decimal("49.80")


@pytest.mark.django_db
def test_a_period_that_is_over_ends_member_prices_with_the_reason(priced):
    user = f.UserFactory()
    make_member(user, cancel_at_period_end=True, current_period_end=timezone.now() - timedelta(minutes=1))
    status = queries.member_status(user)
    assert not status.is_member
    assert status.lapse_message == "Member prices no longer apply: the paid period is over."
    price = Selector().strategy(customer=user).fetch_for_product(priced["cushion"]).price
    assert price.incl_tax == Decimal("29.90") and not price.member_applied


# --- Stripe: join, activate by webhook, cancel, lapse (against localstripe) ----------------------


def wait_for(predicate, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_join_is_active_only_after_the_signed_webhook_then_cancel_and_lapse(client, stripe_webhooks, priced):
    from loyalty import gateway

    plan = make_plan()
    user = f.UserFactory()
    client.force_login(user)

    response = client.post(reverse("loyalty:join"), {"plan": plan.code, "payment_method": "pm_card_visa"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.stripe_subscription_id.startswith("sub_")
    # Stripe has charged the card, but until its signed event arrives the customer is no member.
    assert membership.status == Membership.Status.PENDING or ProcessedEvent.objects.exists()

    assert wait_for(lambda: Membership.objects.get(user=user).status == Membership.Status.ACTIVE)
    membership.refresh_from_db()
    assert membership.current_period_end > timezone.now() + timedelta(days=360)
    assert MembershipPayment.objects.get(membership=membership).amount == Decimal("49.00")
    assert wait_for(lambda: len(mail.outbox) == 1)  # the welcome email, once for both "active" events
    assert mail.outbox[0].to == [user.email] and "is active" in mail.outbox[0].body
    assert client.get(f"/api/v1/products/{priced['cushion'].pk}/").json()["price"]["incl_tax"] == "24.90"
    page = client.get(reverse("loyalty:membership")).content.decode()
    assert "Renews on" in page and f"{timezone.localtime(membership.current_period_end):%-d.%-m.%Y}" in page

    response = client.post(reverse("loyalty:cancel"), follow=True)
    assert "Your membership ends on" in response.content.decode()
    membership.refresh_from_db()
    assert membership.cancel_at_period_end and membership.is_active
    subscription = gateway.retrieve_subscription(membership.stripe_subscription_id)
    assert subscription.cancel_at_period_end is True

    # At the end of the period Stripe deletes the subscription and says so.
    gateway.client().v1.subscriptions.cancel(membership.stripe_subscription_id)
    assert wait_for(lambda: Membership.objects.get(user=user).status == Membership.Status.ENDED)
    membership.refresh_from_db()
    assert membership.end_reason == Membership.Reason.CANCELLED
    assert client.get(f"/api/v1/products/{priced['cushion'].pk}/").json()["price"]["incl_tax"] == "29.90"


@pytest.mark.django_db
def test_a_declined_card_leaves_a_non_member_with_a_clear_message(client, stripe_settings):
    plan = make_plan()
    user = f.UserFactory()
    client.force_login(user)
    response = client.post(reverse("loyalty:join"), {"plan": plan.code, "payment_method": "pm_card_chargeCustomerFail"})
    assert response.status_code == 400
    assert "Your card was declined" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()
    assert not queries.member_status(user).is_member


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,message",
    [
        ({"plan": "nope", "payment_method": "pm_card_visa"}, "Select a valid choice"),
        ({"plan": "yearly", "payment_method": "tok_<script>"}, "Select a valid choice"),
        ({}, "This field is required"),
    ],
)
def test_join_refuses_careless_or_hostile_input(client, data, message, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # refused before any call to Stripe
    make_plan()
    client.force_login(f.UserFactory())
    response = client.post(reverse("loyalty:join"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Membership.objects.exists()


def run_twice_at_once(action):
    """Runs ``action`` in two threads released together (each with its own PostgreSQL
    connection); returns what each returned, or the message of the LoyaltyError it raised."""
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(action())
        except services.LoyaltyError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_joins_charge_the_customer_once(stripe_settings):
    plan = make_plan()
    user = f.UserFactory()
    outcomes = run_twice_at_once(lambda: services.join(user, plan, "pm_card_visa").stripe_subscription_id)
    subscription, refusal = sorted(outcomes, key=lambda o: not o.startswith("sub_"))
    assert subscription == Membership.objects.get(user=user).stripe_subscription_id
    assert refusal == "Your payment is still being confirmed by Stripe; please wait a moment."


@pytest.mark.django_db
def test_a_member_cannot_join_twice(client, member, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # refused before any call to Stripe
    client.force_login(member)
    response = client.post(reverse("loyalty:join"), {"plan": "yearly", "payment_method": "pm_card_visa"})
    assert response.status_code == 400 and "You already have a membership." in response.content.decode()


@pytest.mark.django_db
def test_the_cart_api_answers_an_anonymous_visitor(client, priced):
    assert client.get("/api/v1/cart/").json()["lines"] == []
    client.post(reverse("basket:add", kwargs={"pk": priced["cushion"].pk}), {"quantity": 1})
    cart = client.get("/api/v1/cart/").json()
    assert cart["total_incl_tax"] == "29.90" and cart["lines"][0]["member_unit_price_incl_tax"] == "24.90"
    assert cart["membership"] == {"is_member": False, "member_prices_not_applied_reason": None}


@pytest.mark.django_db
def test_the_cart_api_adds_and_changes_lines_through_the_basket_service(client, priced, member):
    client.force_login(member)
    cushion, variant = priced["cushion"], priced["variants"][0]
    response = client.post(
        "/api/v1/cart/lines/", {"product": cushion.pk, "quantity": 2}, content_type="application/json"
    )
    assert response.status_code == 201
    response = client.post("/api/v1/cart/lines/", {"product": variant.pk}, content_type="application/json")
    cart = response.json()
    assert cart["total_incl_tax"] == "1148.80" and cart["member_saving"] == "210.00"
    line = next(line for line in cart["lines"] if line["product"] == cushion.pk)
    changed = client.patch(
        f"/api/v1/cart/lines/{line['id']}/",
        {"quantity": 3},
        content_type="application/json",
        headers={"If-Match": response["ETag"]},
    )
    cart = changed.json()
    assert cart["num_items"] == 4 and cart["total_incl_tax"] == "1173.70"
    cart = client.delete(f"/api/v1/cart/lines/{line['id']}/", headers={"If-Match": changed["ETag"]}).json()
    assert [line["product"] for line in cart["lines"]] == [variant.pk]
    # The web cart is the same cart.
    assert "Sofa Aalto, Linen, Sand" in client.get("/basket/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"product": 999999}, "product", "does not exist"),
        ({"product": "x"}, "product", "Incorrect type"),
        ({"quantity": 1}, "product", "required"),
        ({"product": "SOFA", "quantity": 1}, "product", "variants"),
        ({"product": "CUSHION", "quantity": 0}, "quantity", "greater than or equal to 1"),
        ({"product": "CUSHION", "quantity": 41}, "non_field_errors", "a maximum of 40 can be bought"),
        ({"product": "BOOK", "quantity": 1}, "non_field_errors", "no stock available"),
    ],
)
def test_the_cart_api_refuses_careless_or_hostile_lines(client, priced, body, field, message):
    names = {"SOFA": priced["sofa"].pk, "CUSHION": priced["cushion"].pk, "BOOK": priced["book"].pk}
    body = {key: names.get(value, value) for key, value in body.items()}
    response = client.post("/api/v1/cart/lines/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    errors = response.json()["fields"]
    assert message.lower() in " ".join(errors[field]).lower()
    assert client.get("/api/v1/cart/").json()["lines"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [-1, "abc", None, 41, 1000])
def test_a_line_quantity_change_that_makes_no_sense_is_refused(client, priced, quantity):
    client.post("/api/v1/cart/lines/", {"product": priced["cushion"].pk}, content_type="application/json")
    cart = client.get("/api/v1/cart/")
    response = client.patch(
        f"/api/v1/cart/lines/{cart.json()['lines'][0]['id']}/",
        {"quantity": quantity},
        content_type="application/json",
        headers={"If-Match": cart["ETag"]},
    )
    assert response.status_code == 400 and response.json()
    assert client.get("/api/v1/cart/").json()["lines"][0]["quantity"] == 1


@pytest.mark.django_db
def test_a_cart_line_of_someone_else_is_not_found(client, priced):
    other = Basket.objects.create(owner=f.UserFactory())
    other.strategy = Selector().strategy()
    line, _ = other.add_product(priced["cushion"], 1)
    client.force_login(f.UserFactory())
    url = f"/api/v1/cart/lines/{line.pk}/"
    assert client.patch(url, {"quantity": 5}, content_type="application/json").status_code == 404
    assert client.delete(url).status_code == 404
    client.logout()
    assert client.delete(url).status_code == 404
    assert other.lines.get().quantity == 1


@pytest.mark.django_db
def test_joining_needs_a_signed_in_customer(client):
    make_plan()
    response = client.post(reverse("loyalty:join"), {"plan": "yearly", "payment_method": "pm_card_visa"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_reconciliation_heals_a_missed_webhook(stripe_settings):
    """No webhook is registered here: the periodic task alone activates, then ends, the membership."""
    from loyalty import gateway

    plan = make_plan()
    user = f.UserFactory()
    membership = services.join(user, plan, "pm_card_visa")
    assert membership.status == Membership.Status.PENDING

    assert reconcile_memberships.delay().get() == {"changed": 1, "failed": 0}
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and membership.is_active

    gateway.client().v1.subscriptions.cancel(membership.stripe_subscription_id)
    reconcile_memberships.delay().get()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED


@pytest.mark.django_db
def test_the_welcome_email_is_sent_once_even_if_the_task_is_retried(member):
    from loyalty.tasks import send_welcome

    membership = member.membership
    assert send_welcome.delay(membership.pk).get() == f"welcomed {member.email}"
    assert send_welcome.delay(membership.pk).get() == "nothing to send"
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Welcome to Pohjola membership"


def test_the_reconciliation_runs_on_a_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["reconcile-memberships"]["task"] == "loyalty.tasks.reconcile_memberships"


# --- The webhook endpoint ------------------------------------------------------------------------


@pytest.mark.django_db
def test_webhook_with_a_bad_signature_is_refused(client, settings, member):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    sub_id = member.membership.stripe_subscription_id
    response = post_event(client, event("customer.subscription.deleted", subscription(sub_id, "canceled")), secret="x")
    assert response.status_code == 400
    assert "signature" in response.json()["error"].lower()
    assert client.post("/stripe/webhook/", "{}", content_type="application/json").status_code == 400
    assert Membership.objects.get().status == Membership.Status.ACTIVE and not ProcessedEvent.objects.exists()


@pytest.mark.django_db
def test_webhook_with_a_stale_timestamp_is_refused(client, settings, member):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    sub_id = member.membership.stripe_subscription_id
    stale = int(time.time()) - 600
    deleted = event("customer.subscription.deleted", subscription(sub_id, "canceled"))
    response = post_event(client, deleted, timestamp=stale)
    assert response.status_code == 400
    assert Membership.objects.get().status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_webhook_bad_payloads_get_a_400_not_a_500(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    for payload in ["not json", json.dumps({"object": "event"}), json.dumps([1, 2])]:
        response = client.post(
            "/stripe/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
        )
        assert response.status_code == 400, payload
    assert client.get("/stripe/webhook/").status_code == 405


@pytest.mark.django_db
def test_a_duplicate_event_has_no_second_effect(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    user = f.UserFactory()
    membership = Membership.objects.create(user=user, plan=make_plan(), stripe_subscription_id="sub_dup")
    paid = event("invoice.payment_succeeded", invoice("in_dup", "sub_dup"))
    assert post_event(client, paid).json() == {"received": paid["id"], "handled": True}
    assert post_event(client, paid).json() == {"received": paid["id"], "duplicate": True}
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert MembershipPayment.objects.count() == 1 and ProcessedEvent.objects.count() == 1


@pytest.mark.django_db
def test_events_out_of_order_do_not_resurrect_an_ended_membership(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    user = f.UserFactory()
    membership = Membership.objects.create(user=user, plan=make_plan(), stripe_subscription_id="sub_ooo")
    now = int(time.time())
    # Stripe sent: created (active), paid, later deleted. They arrive: deleted, paid, created.
    deleted = event("customer.subscription.deleted", subscription("sub_ooo", "canceled"), created=now)
    paid = event("invoice.payment_succeeded", invoice("in_ooo", "sub_ooo"), created=now - 60)
    created = event("customer.subscription.created", subscription("sub_ooo", "active"), created=now - 61)
    for e in (deleted, paid, created):
        assert post_event(client, e).status_code == 200
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED and not membership.is_active
    assert MembershipPayment.objects.get().stripe_invoice_id == "in_ooo"  # what it cost still counts
    # An older "past due" arriving after a newer "active" does not lapse an active membership.
    other = Membership.objects.create(user=f.UserFactory(), plan=membership.plan, stripe_subscription_id="sub_new")
    post_event(client, event("customer.subscription.updated", subscription("sub_new", "active"), created=now))
    post_event(client, event("customer.subscription.updated", subscription("sub_new", "past_due"), created=now - 5))
    other.refresh_from_db()
    assert other.status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_an_unknown_event_type_is_ignored_with_200(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    response = post_event(client, event("charge.dispute.funds_withdrawn", {"id": "du_1"}))
    assert response.status_code == 200 and response.json()["handled"] is False
    # An event for a subscription no membership follows (e.g. a declined join) changes nothing.
    response = post_event(client, event("customer.subscription.created", subscription("sub_unknown", "incomplete")))
    assert response.status_code == 200 and not Membership.objects.exists()


# --- Points --------------------------------------------------------------------------------------


def deliver(order):
    """The order's way to the customer's door, through the order-status service."""
    from shop.order import services as order_services

    for status in ("picking", "shipped", "delivered"):
        order_services.change_status(order, status, order_services.Actor.system(), tracking_reference="JJFI1")


@pytest.mark.django_db
def test_points_are_earned_once_even_if_the_completion_signal_fires_twice(
    client, priced, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, priced)
    order_placed.send(sender=None, order=order, user=member)  # announced a second time
    assert not PointsEntry.objects.filter(order=order).exists()  # earned when it is completed
    assert MemberSaving.objects.get(order=order).points_per_euro == Decimal("1.00")
    deliver(order)
    order_status_changed.send(sender=None, order=order, old_status="shipped", new_status="delivered")  # twice
    entries = PointsEntry.objects.filter(order=order)
    assert [(e.kind, e.points) for e in entries] == [("earned", 1148)]
    assert queries.points_balance(member) == 1148
    # The saving of that order: 200 + 2 x 5 on member prices and 9.90 of delivery.
    assert MemberSaving.objects.get(order=order).amount == Decimal("219.90")
    summary = queries.year_summary(member)
    assert summary.saved == Decimal("219.90")


@pytest.mark.django_db
def test_non_members_earn_no_points(client, priced, django_capture_on_commit_callbacks):
    user = f.UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        checkout(client, priced)
    assert not PointsEntry.objects.exists()


@pytest.mark.django_db
def test_a_refund_reverses_points_in_proportion_but_never_below_zero(
    client, priced, member, django_capture_on_commit_callbacks
):
    from oscar.apps.order.processing import EventHandler

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, priced)
    deliver(order)
    refunded, _ = PaymentEventType.objects.get_or_create(code="refunded", defaults={"name": "Refunded"})
    # The cushions (49.80 of 1148.80) come back.
    EventHandler().handle_payment_event(order, refunded, Decimal("49.80"))
    assert queries.points_balance(member) == 1148 - 50
    services.convert_points(member, 1000)
    # The rest is refunded: 1098 points are due but only 98 are left; the balance stops at zero.
    EventHandler().handle_payment_event(order, refunded, Decimal("1099.00"))
    assert queries.points_balance(member) == 0
    assert [e.points for e in PointsEntry.objects.filter(kind="reversed").order_by("id")] == [-50, -98]


@pytest.mark.django_db
def test_points_convert_into_a_voucher_that_the_cart_accepts(client, priced, member):
    account = PointsAccount.objects.create(user=member, balance=1200)
    client.force_login(member)
    response = client.post(reverse("loyalty:convert-points"), {"points": 1000}, follow=True)
    voucher = Voucher.objects.get()
    assert f"Your voucher code is {voucher.code}" in response.content.decode()
    account.refresh_from_db()
    assert account.balance == 200
    assert voucher.offers.get().benefit.value == Decimal("10.00")

    client.post(reverse("basket:add", kwargs={"pk": priced["cushion"].pk}), {"quantity": 2})
    client.post(reverse("basket:vouchers-add"), {"code": voucher.code})
    assert client.get("/api/v1/cart/").json()["total_incl_tax"] == "39.80"  # 2 x 24.90 - 10


@pytest.mark.django_db
@pytest.mark.parametrize("points", ["1300", "450", "550", "-500", "abc", "", "1e9"])
def test_a_conversion_that_would_overspend_or_is_malformed_is_refused(client, member, points):
    PointsAccount.objects.create(user=member, balance=1200)
    client.force_login(member)
    response = client.post(reverse("loyalty:convert-points"), {"points": points})
    assert response.status_code == 400
    assert PointsAccount.objects.get().balance == 1200 and not Voucher.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_conversions_cannot_overspend():
    user = f.UserFactory()
    PointsAccount.objects.create(user=user, balance=1000)
    outcomes = run_twice_at_once(lambda: services.convert_points(user, 800).code)
    assert sorted(outcomes, key=len)[1] == "You have 200 points; you cannot convert 800."
    assert PointsAccount.objects.get(user=user).balance == 200
    assert Voucher.objects.count() == 1


# --- Free delivery and member-only offers ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("is_member", [True, False], ids=["member", "non-member"])
def test_free_delivery_for_members_in_the_checkout_shipping_charges(client, priced, is_member):
    user = f.UserFactory()
    if is_member:
        make_member(user)
    client.force_login(user)
    client.post(reverse("basket:add", kwargs={"pk": priced["cushion"].pk}), {"quantity": 1})
    basket = Basket.objects.get(owner=user)
    basket.strategy = Selector().strategy(customer=user)
    methods = Repository().get_shipping_methods(basket=basket, user=user)
    charges = {m.code: m.calculate(basket).incl_tax for m in methods}
    regular = {"home-delivery": Decimal("9.90"), "click-and-collect": Decimal("2.90"), "pickup-point": Decimal("4.90")}
    assert charges == ({code: Decimal("0.00") for code in regular} if is_member else regular)

    from tests.test_checkout import ADDRESS, ensure_delivery, first_slot

    ensure_delivery()
    client.post(reverse("checkout:shipping-method"), {"option": f"home-delivery:{first_slot().pk}"})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    review = client.get(reverse("checkout:payment-details")).content.decode()
    assert "Home delivery" in review
    if is_member:
        assert "Free for members" in review and f"<s aria-label=\"Regular charge\">{money('9.90')}</s>" in review
    else:
        assert "Free for members" not in review and money("9.90") in review


@pytest.mark.django_db
def test_a_member_only_offer_applies_to_members_only(client, priced):
    from oscar.apps.offer.applicator import Applicator

    everything = Range.objects.create(name="Everything", includes_all_products=True)
    condition, _ = Condition.objects.get_or_create(proxy_class="loyalty.models.MemberCondition")
    ConditionalOffer.objects.create(
        name="Members: 10% off",
        offer_type=ConditionalOffer.SITE,
        condition=condition,
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10),
    )
    totals = {}
    for who in ("member", "other"):
        user = f.UserFactory()
        if who == "member":
            make_member(user)
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy(customer=user)
        basket.add_product(priced["book"], 1)  # no member price: only the offer changes it
        Applicator().apply(basket, user)
        totals[who] = basket.total_incl_tax
    assert totals == {"member": Decimal("35.10"), "other": Decimal("39.00")}


# --- Account page and admin -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_account_page_shows_saved_this_year_against_cost_and_points(client, member):
    membership = member.membership
    MembershipPayment.objects.create(
        membership=membership, stripe_invoice_id="in_1", amount=Decimal("49.00"), paid_at=timezone.now()
    )
    PointsAccount.objects.create(user=member, balance=320)
    client.force_login(member)
    page = client.get(reverse("loyalty:membership")).content.decode()
    assert "Renews on" in page
    assert money("49.00") in page and money("-49.00") in page  # nothing saved yet
    assert "320" in page
    assert client.get(reverse("loyalty:membership")).status_code == 200
    assert 'href="/membership/"' in client.get(reverse("customer:profile-view")).content.decode()


@pytest.mark.django_db
def test_plans_are_listed_for_everyone_with_their_perks(client):
    from loyalty.models import Perk

    plan = make_plan()
    plan.perks.add(Perk.objects.create(title="Free delivery"))
    page = client.get(reverse("loyalty:membership")).content.decode()
    assert "Yearly" in page and "Free delivery" in page and "Sign in to join" in page


@pytest.mark.django_db
def test_product_admins_edit_plans_and_perks_in_wagtail(client):
    admin = f.UserFactory(groups=["Product admins"])
    plan = make_plan()
    client.force_login(admin)
    assert client.get("/cms/snippets/loyalty/plan/").status_code == 200
    assert client.get(f"/cms/snippets/loyalty/plan/edit/{plan.pk}/").status_code == 200
    assert client.get("/cms/snippets/loyalty/perk/add/").status_code == 200
    shopper = f.UserFactory()
    client.force_login(shopper)
    assert client.get("/cms/snippets/loyalty/plan/").status_code in (302, 403)
