"""The membership and points in the API (/api/v1/membership/plans/, /api/v1/account/membership/,
/api/v1/account/points/): real requests through the test client with the session and its CSRF
token, PostgreSQL, and the real Stripe SDK against localstripe. The same services as the web's
membership page (tests/test_loyalty.py)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from loyalty import gateway, queries
from loyalty.models import Membership, MembershipPayment, Perk, PointsAccount, PointsEntry
from tests import factories as f
from tests.test_loyalty import make_member, make_plan, wait_for

Voucher = get_model("voucher", "Voucher")

PLANS = "/api/v1/membership/plans/"
MEMBERSHIP = "/api/v1/account/membership/"
CANCEL = "/api/v1/account/membership/cancel/"
POINTS = "/api/v1/account/points/"
CONVERT = "/api/v1/account/points/convert/"
VISA = "pm_card_visa"
DECLINED = "pm_card_chargeCustomerFail"


class Api:
    """A browser's front end: the session (signed in as ``user``, or not) and the CSRF token
    every API answer hands out, sent back on writes."""

    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        if user is not None:
            self.client.force_login(user)
        self.client.get(PLANS)
        self.headers = {"X-CSRFToken": self.client.cookies["csrftoken"].value}

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, headers={**self.headers, **headers})

    def post(self, path, data=None, **headers):
        return self.client.post(
            path, {} if data is None else data, content_type="application/json", headers={**self.headers, **headers}
        )


def message(response):
    return response.json()["detail"]


# --- Plans ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plans_on_offer_are_listed_for_anyone_with_fee_interval_points_and_perks():
    yearly = make_plan(points="1.50")
    yearly.perks.add(Perk.objects.create(title="Free delivery", description="On every order"))
    make_plan("monthly", fee="4.90", interval="month")
    retired = make_plan("old", fee="39.00")
    retired.is_active = False
    retired.save()

    response = Client().get(PLANS)
    assert response.status_code == 200
    plans = {plan["code"]: plan for plan in response.json()}
    assert set(plans) == {"yearly", "monthly"}  # a plan no longer offered is not listed
    assert plans["yearly"] == {
        "code": "yearly",
        "name": "Yearly",
        "interval": "year",
        "interval_display": "Yearly",
        "fee": "49.00",
        "currency": "EUR",
        "points_per_euro": "1.50",
        "perks": [{"title": "Free delivery", "description": "On every order"}],
    }
    assert plans["monthly"]["interval"] == "month" and plans["monthly"]["fee"] == "4.90"
    # In the customer's language when asked for.
    finnish = Client().get(PLANS, {"lang": "fi"})
    assert finnish["Content-Language"] == "fi"
    assert {plan["interval_display"] for plan in finnish.json()} == {"Vuosi", "Kuukausi"}


# --- Joining, the status, cancelling (against localstripe) ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_join_is_pending_until_the_signed_webhook_then_active_and_cancelled_at_period_end(stripe_webhooks):
    plan = make_plan()
    user = f.UserFactory()
    api = Api(user)
    before = api.get(MEMBERSHIP).json()
    assert before["is_member"] is False and before["membership"] is None and before["lapse_message"] == ""

    response = api.post(MEMBERSHIP, {"plan": plan.code, "payment_method": VISA})
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["membership"]["plan"]["code"] == "yearly"
    # Stripe has charged the card, but until its signed event arrives the customer is no member
    # (unless the event was quicker than this answer).
    membership = Membership.objects.get(user=user)
    assert membership.stripe_subscription_id.startswith("sub_")
    if body["membership"]["status"] == "pending":
        assert body["is_member"] is False and body["membership"]["current_period_end"] is None

    assert wait_for(lambda: api.get(MEMBERSHIP).json()["is_member"])
    body = api.get(MEMBERSHIP).json()
    assert body["membership"]["status"] == "active" and body["membership"]["cancel_at_period_end"] is False
    membership.refresh_from_db()
    assert datetime.fromisoformat(body["membership"]["current_period_end"]) == membership.current_period_end
    assert wait_for(lambda: MembershipPayment.objects.filter(membership=membership).exists())
    year = api.get(MEMBERSHIP).json()["year"]
    assert year == {
        "year": timezone.localdate().year,
        "saved": "0.00",
        "cost": "49.00",
        "net": "-49.00",
        "currency": "EUR",
    }

    # A second join while active is refused by the service, and charges nothing.
    again = api.post(MEMBERSHIP, {"plan": plan.code, "payment_method": VISA})
    assert again.status_code == 400 and message(again) == "You already have a membership."
    assert len(gateway.subscriptions_of(membership.stripe_customer_id)) == 1

    cancelled = api.post(CANCEL)
    assert cancelled.status_code == 200, cancelled.content
    body = cancelled.json()
    assert body["is_member"] is True  # member prices apply until the end of the paid period
    assert body["membership"]["cancel_at_period_end"] is True and body["membership"]["status"] == "active"
    assert gateway.retrieve_subscription(membership.stripe_subscription_id).cancel_at_period_end is True

    twice = api.post(CANCEL)
    assert twice.status_code == 400 and message(twice) == "Your membership is already set to end."


@pytest.mark.django_db
def test_a_declined_card_is_a_400_with_the_reason_and_nothing_is_written(stripe_settings):
    plan = make_plan()
    user = f.UserFactory()
    response = Api(user).post(MEMBERSHIP, {"plan": plan.code, "payment_method": DECLINED})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"].startswith("Your card was declined")
    assert body["fields"] == {"non_field_errors": [body["detail"]]}
    assert not Membership.objects.filter(user=user).exists()
    assert not queries.member_status(user).is_member


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,field,text",
    [
        ({"plan": "nope", "payment_method": VISA}, "plan", "Select a valid choice"),
        ({"plan": "yearly", "payment_method": "tok_<script>"}, "payment_method", "Choose a card to pay with."),
        ({"plan": "yearly", "payment_method": "pm_card_visa\n"}, "payment_method", "Choose a card to pay with."),
        # In Stripe's test mode, the web form offers Stripe's test cards only.
        ({"plan": "yearly", "payment_method": "pm_1Abc"}, "payment_method", "Select a valid choice"),
        ({"plan": ["yearly"], "payment_method": VISA}, "plan", "Not a valid string."),
        ({"plan": "yearly"}, "payment_method", "This field is required."),
        ({}, "plan", "This field is required."),
        ({"plan": "x" * 51, "payment_method": VISA}, "plan", "no more than 50 characters"),
    ],
)
def test_join_refuses_careless_or_hostile_input_before_calling_stripe(data, field, text, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # refused before any call to Stripe
    settings.STRIPE_TEST_MODE = True
    make_plan()
    response = Api(f.UserFactory()).post(MEMBERSHIP, data)
    assert response.status_code == 400
    assert text in " ".join(response.json()["fields"][field])
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_plan_no_longer_offered_cannot_be_joined(settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    plan = make_plan()
    plan.is_active = False
    plan.save()
    response = Api(f.UserFactory()).post(MEMBERSHIP, {"plan": "yearly", "payment_method": VISA})
    assert response.status_code == 400 and "plan" in response.json()["fields"]
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_the_status_says_why_member_prices_no_longer_apply():
    user = f.UserFactory()
    make_member(user, status=Membership.Status.LAPSED, end_reason=Membership.Reason.PAYMENT_FAILED)
    body = Api(user).get(MEMBERSHIP).json()
    assert body["is_member"] is False and body["membership"]["status"] == "lapsed"
    assert body["lapse_message"] == "Member prices no longer apply: the membership payment failed."
    finnish = Api(user).get(MEMBERSHIP, {"lang": "fi"}).json()
    assert finnish["lapse_message"] and finnish["lapse_message"] != body["lapse_message"]


@pytest.mark.django_db
def test_cancelling_without_a_membership_is_a_400_with_the_reason():
    response = Api(f.UserFactory()).post(CANCEL)
    assert response.status_code == 400 and message(response) == "You have no active membership to cancel."


# --- Points ----------------------------------------------------------------------------------------


@pytest.fixture
def points_member(db):
    """A member with 1200 points, earned on an order."""
    from oscar.test.factories import create_order

    user = f.UserFactory(email="ben@example.com")
    make_member(user)
    order = create_order(user=user)
    order.refresh_from_db()  # the number as stored (a string)
    account = PointsAccount.objects.create(user=user, balance=1200)
    PointsEntry.objects.create(
        account=account,
        kind=PointsEntry.Kind.EARNED,
        points=1200,
        description=f"Order {order.number}",
        order=order,
        created=timezone.now() - timedelta(days=1),
    )
    return user, order


def test_points_show_the_balance_and_the_history_with_orders_and_vouchers(points_member):
    user, order = points_member
    api = Api(user)
    body = api.get(POINTS).json()
    assert body["balance"] == 1200
    assert body["history"] == [
        {
            "kind": "earned",
            "kind_display": "Earned",
            "points": 1200,
            "description": f"Order {order.number}",
            "created": body["history"][0]["created"],
            "order": order.number,
            "voucher": None,
        }
    ]

    converted = api.post(CONVERT, {"points": 1000})
    assert converted.status_code == 201, converted.content
    voucher = Voucher.objects.get()
    assert converted.json() == {
        "code": voucher.code,
        "value": "10.00",
        "currency": "EUR",
        "points": 1000,
        "balance": 200,
        "expires_at": converted.json()["expires_at"],
    }
    assert voucher.offers.get().benefit.value == Decimal("10.00")
    body = api.get(POINTS).json()
    assert body["balance"] == 200
    latest = body["history"][0]
    assert latest["kind"] == "converted" and latest["points"] == -1000
    assert latest["voucher"] == voucher.code and latest["order"] is None
    assert [entry["kind"] for entry in body["history"]] == ["converted", "earned"]


def test_the_history_is_capped_like_the_web_page(points_member):
    user, _order = points_member
    account = PointsAccount.objects.get(user=user)
    PointsEntry.objects.bulk_create(
        PointsEntry(account=account, kind=PointsEntry.Kind.ADJUSTED, points=1, description="Goodwill")
        for _ in range(60)
    )
    history = Api(user).get(POINTS).json()["history"]
    assert len(history) == len(queries.points_history(user)) == 50


def test_the_converted_voucher_is_accepted_by_the_cart(points_member, shop_data):
    user, _order = points_member
    api = Api(user)
    code = api.post(CONVERT, {"points": 500}).json()["code"]
    api.client.post(
        "/api/v1/cart/lines/",
        {"product": shop_data["cushion"].pk, "quantity": 1},
        content_type="application/json",
        headers=api.headers,
    )
    response = api.client.post(
        "/basket/vouchers/add/", {"code": code, "csrfmiddlewaretoken": api.headers["X-CSRFToken"]}
    )
    assert response.status_code == 302
    assert Decimal(api.get("/api/v1/cart/").json()["total_incl_tax"]) == Decimal("29.90") - 5


@pytest.mark.parametrize(
    "points,text",
    [
        (1300, "You have 1200 points; you cannot convert 1300."),
        (1_000_000_000, "You have 1200 points; you cannot convert 1000000000."),
        (1e9, "You have 1200 points; you cannot convert 1000000000."),
        (10**30, "You have 1200 points; you cannot convert"),
        (450, "Convert at least 500 points, in steps of 100."),
        (550, "Convert at least 500 points, in steps of 100."),
        (-500, "Convert at least 500 points, in steps of 100."),
        (0, "Convert at least 500 points, in steps of 100."),
        ("abc", "Convert at least 500 points, in steps of 100."),
        ("1e9", "Convert at least 500 points, in steps of 100."),
        ("", "Convert at least 500 points, in steps of 100."),
        (600.5, "Convert at least 500 points, in steps of 100."),
        ([1000], "Convert at least 500 points, in steps of 100."),
        ({"points": 1000}, "Convert at least 500 points, in steps of 100."),
        (True, "Convert at least 500 points, in steps of 100."),
        (None, "This field may not be null."),
    ],
)
def test_a_conversion_that_would_overspend_or_is_malformed_is_a_400_with_the_reason(points_member, points, text):
    user, _order = points_member
    response = Api(user).post(CONVERT, {"points": points})
    assert response.status_code == 400, response.content
    assert text in message(response) and list(response.json()["fields"]) == ["points"]
    assert PointsAccount.objects.get(user=user).balance == 1200
    assert not Voucher.objects.exists() and not PointsEntry.objects.filter(kind="converted").exists()


def test_a_conversion_without_points_is_a_400(points_member):
    user, _order = points_member
    response = Api(user).post(CONVERT, {})
    assert response.status_code == 400 and response.json()["fields"] == {"points": ["This field is required."]}


def test_the_refusal_is_in_the_language_asked_for(points_member):
    user, _order = points_member
    response = Api(user).post(f"{CONVERT}?lang=fi", {"points": 450})
    assert response.status_code == 400
    assert response.json()["fields"] == {"points": ["Vaihda vähintään 500 pistettä, 100 pisteen erissä."]}


def test_a_customer_without_points_cannot_convert_any(db):
    response = Api(f.UserFactory()).post(CONVERT, {"points": 500})
    assert response.status_code == 400
    assert response.json()["fields"] == {"points": ["You have 0 points; you cannot convert 500."]}


# --- Who may do what ---------------------------------------------------------------------------------


ACCOUNT_OPERATIONS = [("get", MEMBERSHIP), ("post", MEMBERSHIP), ("post", CANCEL), ("get", POINTS), ("post", CONVERT)]


@pytest.mark.django_db
@pytest.mark.parametrize("method,path", ACCOUNT_OPERATIONS)
def test_an_anonymous_visitor_is_refused_like_on_the_other_account_endpoints(method, path, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    make_plan()
    api = Api()
    response = getattr(api, method)(path, {"plan": "yearly", "payment_method": VISA, "points": 500})
    assert response.status_code == api.get("/api/v1/account/store-access/").status_code == 403
    assert response.json()["code"] == "not_authenticated"
    assert not Membership.objects.exists() and not Voucher.objects.exists()


@pytest.mark.django_db
def test_a_write_without_the_csrf_token_is_refused(points_member):
    user, _order = points_member
    api = Api(user)
    response = api.client.post(CONVERT, {"points": 500}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in message(response)
    assert api.client.post(CANCEL).status_code == 403
    assert PointsAccount.objects.get(user=user).balance == 1200 and not Voucher.objects.exists()
    assert not Membership.objects.get(user=user).cancel_at_period_end


def test_an_app_with_a_session_token_converts_without_a_csrf_token(points_member):
    user, _order = points_member
    client = Client(enforce_csrf_checks=True)
    signed_in = client.post(
        "/_allauth/app/v1/auth/login", {"email": user.email, "password": f.PASSWORD}, content_type="application/json"
    )
    token = signed_in.json()["meta"]["session_token"]
    client.cookies.clear()
    response = client.post(
        CONVERT, {"points": 500}, content_type="application/json", headers={"X-Session-Token": token}
    )
    assert response.status_code == 201 and response.json()["balance"] == 700


def test_one_customer_sees_and_changes_only_their_own_membership_and_points(points_member):
    ben, order = points_member
    other = f.UserFactory()
    api = Api(other)

    membership = api.get(MEMBERSHIP).json()
    assert membership["is_member"] is False and membership["membership"] is None
    assert membership["year"]["cost"] == "0.00"
    points = api.get(POINTS).json()
    assert points == {"balance": 0, "history": []}

    # Nothing the other customer does reaches Ben's membership or points.
    assert api.post(CONVERT, {"points": 500}).status_code == 400
    assert api.post(CANCEL).status_code == 400
    assert PointsAccount.objects.get(user=ben).balance == 1200 and not Voucher.objects.exists()
    assert Membership.objects.get(user=ben).cancel_at_period_end is False
    ben_points = Api(ben).get(POINTS).json()
    assert ben_points["balance"] == 1200 and ben_points["history"][0]["order"] == order.number


@pytest.mark.django_db
def test_writes_have_a_budget_of_their_own(settings):
    from tests.test_rate_limits import assert_throttled, rate

    api = Api(f.UserFactory())
    statuses = {api.post(CONVERT, {"points": 500}).status_code for _ in range(rate("membership"))}
    assert statuses == {400}
    assert_throttled(api.post(CONVERT, {"points": 500}))
    assert_throttled(api.post(CANCEL))
    assert api.get(POINTS).status_code == 200  # reading is not a write
    assert api.get(MEMBERSHIP).status_code == 200


@pytest.mark.django_db
def test_every_endpoint_is_in_the_openapi_document():
    schema = Client().get("/api/v1/schema/?format=json").json()
    assert set(schema["paths"]["/api/v1/membership/plans/"]) == {"get"}
    assert set(schema["paths"]["/api/v1/account/membership/"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/account/membership/cancel/"]) == {"post"}
    assert set(schema["paths"]["/api/v1/account/points/"]) == {"get"}
    assert set(schema["paths"]["/api/v1/account/points/convert/"]) == {"post"}
    join = schema["paths"]["/api/v1/account/membership/"]["post"]["responses"]
    assert {"202", "400", "403"} <= set(join)
