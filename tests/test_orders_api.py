"""Orders, returns and the store staff's order endpoints in the API (/api/v1/), through real HTTP
with the test client against PostgreSQL, the real Stripe SDK against localstripe: a customer reads
their orders with the status history and asks for a return, a guest finds an order by number and
email, store staff prepare, hand over (by the customer's pickup code) and receive returns, and see
their sales; every new endpoint answers every role as a table says."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from shop.basket import services as cart
from shop.basket.models import Channel
from shop.checkout.models import Method
from shop.order import services as order_services
from shop.order.models import OrderStatus
from shop.returns import services as return_services
from shop.returns.models import Return
from shop.roles import PRODUCT_ADMINS
from shop.shipping.models import DeliverySlot, DeliveryWindow
from shop.stores.models import StaffMember
from tests import factories as f
from tests.test_checkout import filled_cart, pay, ready_checkout, units
from tests.test_checkout_api import Api
from tests.test_loyalty import make_member
from tests.test_orders import place
from tests.test_returns import deliver

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
SYSTEM = order_services.Actor.system()


def client_of(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client, path, data=None):
    return client.post(path, {} if data is None else data, content_type="application/json")


@pytest.fixture
def delivered(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna, a member, has had 3 cushions and a sofa variant delivered."""
    make_member(people["anna"])
    basket = filled_cart(people["anna"], (checkout_shop["cushion"], 3), (checkout_shop["variants"][0], 1))
    order = place(basket, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(order)
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def collect(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna's click-and-collect order at Helsinki (a sofa variant Helsinki has 1 of)."""
    basket = filled_cart(people["anna"], (checkout_shop["variants"][1], 1))
    order = place(
        basket, Method.COLLECT, store=checkout_shop["helsinki"].pk, capture=django_capture_on_commit_callbacks
    )
    return Order.objects.get(pk=order.pk)


def cushion_line(order, shop):
    return order.lines.get(product=shop["cushion"])


# --- The customer's orders ---------------------------------------------------------------------------


def test_a_customer_reads_their_orders_newest_first_and_one_with_its_history(checkout_shop, people, delivered, collect):
    api = Api(people["anna"])  # an app signed in through allauth's headless API
    listed = api.get("/api/v1/account/orders/")
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert body["count"] == 2 and [o["number"] for o in body["results"]] == [collect.number, delivered.number]
    first = body["results"][1]
    assert first == {
        "number": delivered.number,
        "status": "delivered",
        "status_label": "Delivered",
        "placed_at": first["placed_at"],
        "total_incl_tax": str(delivered.total_incl_tax),
        "currency": "EUR",
        "delivery_method": "home-delivery",
        "delivery_name": delivered.shipping_method,
    }
    assert api.get("/api/v1/account/orders/", {"page_size": 1}).json()["next"]
    assert api.get("/api/v1/account/orders/", {"page": 3}).status_code == 404

    detail = api.get(f"/api/v1/account/orders/{delivered.number}/", {"lang": "fi"}).json()
    assert detail["status"] == "delivered" and detail["status_label"] == "Toimitettu"
    assert [(s["status"], s["at"] is not None, s["current"]) for s in detail["timeline"]] == [
        ("confirmed", True, False),
        ("picking", True, False),
        ("shipped", True, False),
        ("delivered", True, True),
    ]
    assert detail["timeline"][2]["note"] == "JJFI1"
    assert detail["delivery"]["method"] == "home-delivery" and detail["delivery"]["slot"]["id"]
    assert detail["delivery"]["tracking_reference"] == "JJFI1" and detail["delivery"]["pickup_code"] is None
    line = cushion_line(delivered, checkout_shop)
    assert {"id": line.pk, "quantity": 3, "returnable_quantity": 3}.items() <= next(
        item for item in detail["lines"] if item["id"] == line.pk
    ).items()
    assert Decimal(detail["total_incl_tax"]) == delivered.total_incl_tax
    assert detail["member_saving"] == str(delivered.member_saving.amount)
    assert detail["points_earned"] > 0 and detail["points_due"] == 0  # a member's, earned on delivery
    assert detail["returning"]["can_return"] is True and detail["returning"]["refusal"] == ""
    assert detail["returning"]["until"] and detail["returns"] == []

    # The click-and-collect order: points due on completion, not returnable yet; the pickup code
    # appears once it is ready.
    detail = api.get(f"/api/v1/account/orders/{collect.number}/").json()
    assert detail["returning"] == {
        "can_return": False,
        "until": None,
        "refusal": "An order can be returned once it has been delivered or collected.",
    }
    assert detail["delivery"]["store"]["slug"] == "helsinki" and detail["delivery"]["pickup_code"] is None
    aino = order_services.Actor(people["aino"], order_services.Channel.TABLET)
    order_services.change_status(collect, "picking", aino)
    ready = order_services.change_status(collect, "ready", aino)
    detail = api.get(f"/api/v1/account/orders/{collect.number}/").json()
    assert detail["delivery"]["pickup_code"] == ready.pickup_code and detail["delivery"]["collect_by"]
    assert [s["current"] for s in detail["timeline"]] == [False, False, True, False]


def test_another_customer_gets_404_for_an_order_that_is_not_theirs(checkout_shop, people, delivered):
    other = Api(f.UserFactory())
    assert other.get("/api/v1/account/orders/").json()["count"] == 0
    for path in (f"/api/v1/account/orders/{delivered.number}/", f"/api/v1/account/orders/{delivered.number}/returns/"):
        response = other.get(path)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    line = cushion_line(delivered, checkout_shop)
    body = {"lines": [{"line": line.pk, "quantity": 1}], "reason": "changed-mind"}
    assert other.post(f"/api/v1/account/orders/{delivered.number}/returns/", body).status_code == 404
    assert not Return.objects.exists()
    assert Client().get("/api/v1/account/orders/").status_code == 403


# --- A guest's order by number and email -----------------------------------------------------------------


def test_a_guest_finds_an_order_by_number_and_email_and_is_limited_after_failures(
    checkout_shop, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_ORDER_LOOKUP_FAILURE_LIMITS = {"ip": (3, 600)}
    checkout = ready_checkout(filled_cart(None, (checkout_shop["cushion"], 1)), email="guest@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        order = Order.objects.get(pk=pay(checkout).order.pk)
    guest = Api()  # a browser's front end: the session and its CSRF token
    found = guest.post("/api/v1/orders/lookup/", {"number": order.number, "email": " Guest@Example.com"})
    assert found.status_code == 200, found.content
    assert found.json()["number"] == order.number and found.json()["lines"][0]["quantity"] == 1
    wrong_email = guest.post("/api/v1/orders/lookup/", {"number": order.number, "email": "anna@example.com"})
    wrong_number = guest.post("/api/v1/orders/lookup/", {"number": "999999", "email": "guest@example.com"})
    assert wrong_email.status_code == wrong_number.status_code == 404
    assert wrong_email.json() == wrong_number.json()
    assert wrong_email.json()["detail"] == "We found no order with that number and email address."
    assert guest.post("/api/v1/orders/lookup/", {"number": order.number, "email": "x"}).status_code == 400
    guest.post("/api/v1/orders/lookup/", {"number": "1", "email": "guest@example.com"})
    limited = guest.post("/api/v1/orders/lookup/", {"number": order.number, "email": "guest@example.com"})
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert limited.json()["code"] == "throttled" and "Too many orders were not found" in limited.json()["detail"]
    # The session's CSRF token is required for a write without a session token.
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get("/api/v1/cart/")
    response = post(csrf_client, "/api/v1/orders/lookup/", {"number": order.number, "email": "guest@example.com"})
    assert response.status_code == 403


# --- Returns -----------------------------------------------------------------------------------------------


def test_a_customer_returns_units_of_a_delivered_order_and_every_refusal_is_a_4xx_with_a_message(
    checkout_shop, people, delivered, collect
):
    api = Api(people["anna"])
    path = f"/api/v1/account/orders/{delivered.number}/returns/"
    line = cushion_line(delivered, checkout_shop)

    def refused(body, status=400, path=path):
        response = api.post(path, body)
        assert response.status_code == status, response.content
        return response.json()["detail"]

    good = {"lines": [{"line": line.pk, "quantity": 2}], "reason": "changed-mind", "comment": "Too soft"}
    assert "at most 3 of" in refused(good | {"lines": [{"line": line.pk, "quantity": 4}]})
    assert "at most 3 of" in refused(good | {"lines": [{"line": line.pk, "quantity": 2}] * 2})  # 2 + 2 of 3
    assert refused(good | {"lines": [{"line": 999999, "quantity": 1}]}) == "That line is not in this order."
    assert refused(good | {"reason": "bored"}) == "reason: Choose a reason for the return."
    assert refused(good | {"lines": []}).startswith("lines")
    for bad in (
        {"lines": "all"},
        {"lines": [{"line": "x", "quantity": 1}]},
        {"lines": [{"line": line.pk, "quantity": "two"}]},
        {"lines": [{"line": line.pk, "quantity": 1.5}]},
        {"lines": [{"line": line.pk, "quantity": 0}]},
        {"lines": [{"line": line.pk}]},
        {"lines": [line.pk]},
        {"reason": None},
        {"comment": "x" * 501},
    ):
        assert refused(good | bad)
    assert api.post(path, ["not", "an", "object"]).status_code == 400
    malformed = api.client.post(path, "{not json", content_type="application/json", headers=api.headers)
    assert malformed.status_code == 400
    assert not Return.objects.exists()

    created = api.post(path, good)
    assert created.status_code == 201, created.content
    body = created.json()
    returned = Return.objects.get()
    assert body["code"] == returned.code and body["status"] == "requested" and body["reason"] == "changed-mind"
    assert body["order"] == delivered.number and body["comment"] == "Too soft"
    assert body["lines"] == [{"line": line.pk, "title": line.title, "quantity": 2, "amount": str(returned.amount)}]
    assert Decimal(body["amount"]) == (line.line_price_incl_tax * 2 / 3).quantize(Decimal("0.01"))
    assert body["label_url"].endswith(f"/orders/{delivered.number}/returns/{returned.code}/")
    assert returned.requested_by == people["anna"]
    assert refused(good) == f"You can return at most 1 of {line.title}."
    listed = api.get(path).json()
    assert [r["code"] for r in listed] == [returned.code]
    detail = api.get(f"/api/v1/account/orders/{delivered.number}/").json()
    assert [(r["code"], r["status"]) for r in detail["returns"]] == [(returned.code, "requested")]

    # Not completed yet; past the return period.
    collect_line = collect.lines.get()
    body = {"lines": [{"line": collect_line.pk, "quantity": 1}], "reason": "damaged"}
    message = refused(body, path=f"/api/v1/account/orders/{collect.number}/returns/")
    assert message == "An order can be returned once it has been delivered or collected."
    Order.objects.filter(pk=delivered.pk).update(completed_at=timezone.now() - timedelta(days=31))
    assert "return period of 30 days" in refused(good | {"lines": [{"line": line.pk, "quantity": 1}]})
    assert Return.objects.count() == 1


# --- Store staff ------------------------------------------------------------------------------------


def test_store_staff_prepare_and_hand_over_an_order_with_the_customers_pickup_code(
    checkout_shop, people, collect, django_capture_on_commit_callbacks
):
    aino = Api(people["aino"])  # the staff app, signed in with a session token
    listed = aino.get("/api/v1/staff/orders/").json()
    assert [o["number"] for o in listed["to_prepare"]] == [collect.number] and listed["waiting"] == []
    assert listed["to_prepare"][0]["customer"]["name"] == "Anna Virtanen" and listed["to_prepare"][0]["units"] == 1
    path = f"/api/v1/staff/orders/{collect.number}/"
    detail = aino.get(path).json()
    assert detail["next_statuses"] == ["picking", "cancelled"] and detail["is_paid"] is False
    assert "pickup_code" not in detail  # the customer shows it
    with django_capture_on_commit_callbacks(execute=True):
        assert aino.post(path + "status/", {"status": "picking"}).json()["status"] == "picking"
        ready = aino.post(path + "status/", {"status": "ready"})
    assert ready.status_code == 200 and ready.json()["next_statuses"] == ["cancelled"]
    collect.refresh_from_db()
    assert collect.status == OrderStatus.READY and collect.pickup_code
    assert [o["number"] for o in aino.get("/api/v1/staff/orders/").json()["waiting"]] == [collect.number]
    again = aino.post(path + "status/", {"status": "ready"})  # a retried request changes nothing
    assert again.status_code == 200 and Order.objects.get(pk=collect.pk).pickup_code == collect.pickup_code
    wrong = aino.post(path + "status/", {"status": "delivered"})
    assert wrong.status_code == 409 and wrong.json()["code"] == "wrong_status"
    assert "cannot become Delivered" in wrong.json()["detail"]
    collected = aino.post(path + "status/", {"status": "collected"})
    assert collected.status_code == 409 and "pickup code" in collected.json()["detail"]
    assert aino.post(path + "status/", {"status": "lost"}).status_code == 400

    # The customer shows the code: find the order, check it, hand it over with the same code.
    missing = aino.post("/api/v1/staff/orders/find/", {"code": "ZZZZZZ"})
    assert missing.status_code == 400 and missing.json() == {
        "detail": "No order waiting in this store has that pickup code.",
        "code": "wrong_code",
    }
    found = aino.post("/api/v1/staff/orders/find/", {"code": collect.pickup_code.lower()})
    assert found.status_code == 200 and found.json()["number"] == collect.number
    wrong_code = aino.post(path + "hand-over/", {"code": "ZZZZZZ"})
    assert wrong_code.status_code == 400 and wrong_code.json()["detail"] == "That is not this order's pickup code."
    # Another store's associate sees nothing of it and cannot hand it over.
    mikko = Api(people["mikko"])
    assert mikko.get(path).status_code == 404
    assert mikko.post(path + "hand-over/", {"code": collect.pickup_code}).status_code == 404
    assert mikko.post(path + "status/", {"status": "cancelled"}).status_code == 404
    assert mikko.post("/api/v1/staff/orders/find/", {"code": collect.pickup_code}).status_code == 400
    assert mikko.get("/api/v1/staff/orders/").json() == {"to_prepare": [], "waiting": []}
    assert Api(people["anna"]).post(path + "hand-over/", {"code": collect.pickup_code}).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        handed = aino.post(path + "hand-over/", {"code": collect.pickup_code})
    assert handed.status_code == 200, handed.content
    assert handed.json()["status"] == "collected" and handed.json()["is_paid"] is True
    collect.refresh_from_db()
    assert collect.status == OrderStatus.COLLECTED and collect.sources.get().amount_debited == collect.total_incl_tax
    assert units(checkout_shop["variants"][1], checkout_shop["helsinki"]) == (0, 0, 0)
    change = collect.status_changes.last()
    assert change.channel == "api" and change.by == people["aino"]
    assert aino.get("/api/v1/staff/orders/").json()["waiting"] == []


def test_wrong_codes_are_counted_and_then_refused_with_retry_after(people, collect, settings):
    settings.SHOP_PICKUP_CODE_FAILURE_LIMITS = {"staff": (3, 300), "store": (100, 3600)}
    actor = order_services.Actor(people["aino"], order_services.Channel.TABLET)
    order_services.change_status(collect, "picking", actor)
    ready = order_services.change_status(collect, "ready", actor)
    aino = client_of(people["aino"])
    for code in ("AAAAAA", "CCCCCC", "DDDDDD"):
        assert post(aino, "/api/v1/staff/orders/find/", {"code": code}).status_code == 400
    for path in ("/api/v1/staff/orders/find/", f"/api/v1/staff/orders/{ready.number}/hand-over/"):
        response = post(aino, path, {"code": ready.pickup_code})
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
        assert response.json()["detail"].startswith("Too many wrong codes")
    assert Order.objects.get(pk=ready.pk).status == OrderStatus.READY


def test_a_return_is_received_once_in_a_store_or_at_the_warehouse(
    checkout_shop, people, delivered, django_capture_on_commit_callbacks
):
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    line = cushion_line(delivered, checkout_shop)
    first = return_services.request_return(delivered, {line.pk: 2}, "changed-mind", anna)
    second = return_services.request_return(delivered, {line.pk: 1}, "damaged", anna)
    mikko = Api(people["mikko"])  # Tampere: any store receives returns
    found = mikko.post("/api/v1/staff/returns/lookup/", {"code": first.code.lower()})
    assert found.status_code == 200 and found.json()["code"] == first.code and found.json()["status"] == "requested"
    assert mikko.post("/api/v1/staff/returns/lookup/", {"code": "RNOTHING"}).json()["code"] == "invalid"
    with django_capture_on_commit_callbacks(execute=True):
        received = mikko.post(f"/api/v1/staff/returns/{first.code}/receive/")
    assert received.status_code == 200, received.content
    first.refresh_from_db()
    assert first.status == Return.Status.REFUNDED and first.received_in == checkout_shop["tampere"]
    assert units(checkout_shop["cushion"], checkout_shop["tampere"])[0] == 3 + 2
    again = mikko.post(f"/api/v1/staff/returns/{first.code}/receive/")
    assert again.status_code == 409 and "already received" in again.json()["detail"]
    assert mikko.post("/api/v1/staff/returns/RNOTHING/receive/").status_code == 400
    # The warehouse (a superuser): the units go back online.
    admin = Api(User.objects.create_superuser("admin", "admin@example.com", f.PASSWORD))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/api/v1/staff/returns/{second.code}/receive/").status_code == 200
    second.refresh_from_db()
    assert second.received_in is None and second.received_by.is_superuser
    # The customer sees both received and refunded.
    statuses = [
        r["status"] for r in Api(people["anna"]).get(f"/api/v1/account/orders/{delivered.number}/").json()["returns"]
    ]
    assert statuses == ["refunded", "refunded"]
    shopper = Api(f.UserFactory())
    assert shopper.post("/api/v1/staff/returns/lookup/", {"code": first.code}).status_code == 403


def test_associates_see_their_own_sales_and_a_manager_the_whole_stores(
    checkout_shop, people, django_capture_on_commit_callbacks
):
    helsinki = checkout_shop["helsinki"]
    aino, eino = people["aino"], f.staff_member(helsinki, email="eino@example.com", first_name="Eino")
    manager = f.staff_member(helsinki, email="maija@example.com", first_name="Maija")
    StaffMember.objects.filter(user=manager).update(is_manager=True)
    DeliveryWindow.objects.update(capacity=10)
    DeliverySlot.objects.update(capacity=10)
    for associate, quantity in ((aino, 2), (eino, 1), (aino, 5)):
        actor = cart.Actor(associate, Channel.TABLET, helsinki)
        order = place(
            filled_cart(people["anna"], (checkout_shop["cushion"], quantity), actor=actor),
            capture=django_capture_on_commit_callbacks,
        )
    order_services.change_status(order, "cancelled", SYSTEM)  # a cancelled order does not count

    def sales(user, **params):
        response = client_of(user).get("/api/v1/staff/sales/", params)
        assert response.status_code == 200, response.content
        return response.json()

    own = sales(aino)
    assert own["whole_store"] is False and own["days"] == 30 and own["currency"] == "EUR"
    assert [(r["store"], r["associate"], r["orders"], r["units"], r["amount"]) for r in own["rows"]] == [
        ("Helsinki", "Aino", 1, 2, "59.80")
    ]
    assert own["total"] == "59.80"
    whole = sales(manager, days=7)
    assert whole["whole_store"] is True and whole["days"] == 7 and whole["total"] == "89.70"
    assert sorted((r["associate"], r["units"]) for r in whole["rows"]) == [("Aino", 2), ("Eino", 1)]
    assert sales(people["mikko"])["rows"] == []
    for days in ("0", "367", "many"):
        response = client_of(aino).get("/api/v1/staff/sales/", {"days": days})
        assert response.status_code == 400 and response.json()["fields"]["days"]


# --- Who may do what -------------------------------------------------------------------------------------

ROLES = [
    "anonymous",
    "owner",
    "other shopper",
    "this store's staff",
    "other store's staff",
    "product admin",
    "superuser",
]


@pytest.fixture
def roles(people):
    return {
        "anonymous": None,
        "owner": people["anna"],
        "other shopper": f.UserFactory(),
        "this store's staff": people["aino"],
        "other store's staff": people["mikko"],
        "product admin": f.UserFactory(groups=[PRODUCT_ADMINS]),
        "superuser": User.objects.create_superuser("admin", "admin@example.com", f.PASSWORD),
    }


def test_every_new_endpoint_answers_every_role_as_the_table_says(checkout_shop, roles, delivered, collect):
    """Anna's delivered home order and her click-and-collect order at Helsinki (confirmed). The
    writes are chosen so that they can be repeated for every role: a wrong code, an empty return,
    moving to the status the order has."""
    delivered_number, collect_number = delivered.number, collect.number
    lookup = {"number": delivered_number, "email": "anna@example.com"}
    table = [
        # (method, path, body): answers of the roles in ROLES' order
        ("get", "/api/v1/account/orders/", None, "403 200 200 200 200 200 200"),
        ("get", f"/api/v1/account/orders/{delivered_number}/", None, "403 200 404 404 404 404 404"),
        ("get", f"/api/v1/account/orders/{delivered_number}/returns/", None, "403 200 404 404 404 404 404"),
        ("post", f"/api/v1/account/orders/{delivered_number}/returns/", {"lines": []}, "403 400 404 404 404 404 404"),
        ("post", "/api/v1/orders/lookup/", lookup, "200 200 200 200 200 200 200"),
        ("get", "/api/v1/staff/orders/", None, "403 403 403 200 200 403 403"),
        ("get", f"/api/v1/staff/orders/{collect_number}/", None, "403 403 403 200 404 403 403"),
        (
            "post",
            f"/api/v1/staff/orders/{collect_number}/status/",
            {"status": "confirmed"},
            "403 403 403 200 404 403 403",
        ),
        ("post", "/api/v1/staff/orders/find/", {"code": "ZZZZZZ"}, "403 403 403 400 400 403 403"),
        ("post", f"/api/v1/staff/orders/{collect_number}/hand-over/", {"code": "ZZ"}, "403 403 403 409 404 403 403"),
        ("post", "/api/v1/staff/returns/lookup/", {"code": "RNOTHING"}, "403 403 403 400 400 403 400"),
        ("post", "/api/v1/staff/returns/RNOTHING/receive/", None, "403 403 403 400 400 403 400"),
        ("get", "/api/v1/staff/sales/", None, "403 403 403 200 200 403 403"),
    ]
    clients = {role: client_of(user) for role, user in roles.items()}
    seen = {}
    for method, path, body, _expected in table:
        answers = []
        for role in ROLES:
            if method == "get":
                response = clients[role].get(path)
            else:
                response = post(clients[role], path, body)
            assert response["Content-Type"] == "application/json", (role, path)
            answers.append(str(response.status_code))
        seen[(method, path)] = " ".join(answers)
    expected = {(method, path): answers for method, path, _body, answers in table}
    assert seen == expected
    assert Order.objects.get(pk=collect.pk).status == OrderStatus.CONFIRMED and not Return.objects.exists()
