"""The Stripe webhook endpoint against correctly signed but careless or hostile events: every one
gets a 400 with a message and writes nothing; empty or unknown ids match no membership."""

import json
import time

import pytest

from loyalty.models import Membership, MembershipPayment
from shop.stripe_webhooks.models import ProcessedEvent
from tests import factories as f
from tests.conftest import STRIPE_TEST_WEBHOOK_SECRET
from tests.test_loyalty import event, invoice, make_member, post_event, sign, subscription


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET


@pytest.fixture
def members(db, webhook_secret):
    """An active member following sub_ok, and an active member whose membership has no Stripe
    subscription (made by hand, or by the demo without Stripe)."""
    followed = make_member(f.UserFactory(), stripe_subscription_id="sub_ok")
    unbilled = make_member(f.UserFactory(), plan=followed.plan, stripe_subscription_id="")
    return followed, unbilled


def assert_nothing_written(members):
    for membership in members:
        before = membership.status, membership.current_period_end, membership.stripe_state_at
        membership.refresh_from_db()
        assert (membership.status, membership.current_period_end, membership.stripe_state_at) == before
    assert not ProcessedEvent.objects.exists() and not MembershipPayment.objects.exists()


def with_changes(base, **changes):
    """``base`` with keys replaced (a value of ``...`` removes the key)."""
    return {key: value for key, value in (base | changes).items() if value is not ...}


SUBSCRIPTION = subscription("sub_ok", "past_due")
INVOICE = invoice("in_ok", "sub_ok")
ENVELOPE = event("customer.subscription.updated", SUBSCRIPTION)

MALFORMED_ENVELOPES = {
    "created as a string": with_changes(ENVELOPE, created="yesterday"),
    "created as a boolean": with_changes(ENVELOPE, created=True),
    "created negative": with_changes(ENVELOPE, created=-5),
    "created far in the future": with_changes(ENVELOPE, created=int(time.time()) + 86400 * 365),
    "created beyond any date": with_changes(ENVELOPE, created=10**20),
    "no data": with_changes(ENVELOPE, data=...),
    "data a string": with_changes(ENVELOPE, data="subscription"),
    "data.object null": with_changes(ENVELOPE, data={"object": None}),
    "data.object a list": with_changes(ENVELOPE, data={"object": [SUBSCRIPTION]}),
    "id empty": with_changes(ENVELOPE, id=""),
    "id an object": with_changes(ENVELOPE, id={"evt": 1}),
    "id too long": with_changes(ENVELOPE, id="evt_" + "x" * 300),
    "type a list": with_changes(ENVELOPE, type=["customer.subscription.updated"]),
    "type a number": with_changes(ENVELOPE, type=7),
    "not an object": [ENVELOPE],
}


@pytest.mark.django_db
@pytest.mark.parametrize("payload", MALFORMED_ENVELOPES.values(), ids=MALFORMED_ENVELOPES.keys())
def test_a_signed_event_with_a_malformed_envelope_gets_a_400_and_writes_nothing(client, members, payload):
    response = post_event(client, payload)
    assert response.status_code == 400, response.content
    assert response.json()["error"]
    assert_nothing_written(members)


MALFORMED_OBJECTS = {
    "subscription without id": ("customer.subscription.updated", with_changes(SUBSCRIPTION, id=...)),
    "subscription id a number": ("customer.subscription.updated", with_changes(SUBSCRIPTION, id=42)),
    "subscription status a list": ("customer.subscription.updated", with_changes(SUBSCRIPTION, status=["active"])),
    "subscription without status": ("customer.subscription.deleted", with_changes(SUBSCRIPTION, status=...)),
    "period end a string": ("customer.subscription.updated", with_changes(SUBSCRIPTION, current_period_end="soon")),
    "period end beyond any date": (
        "customer.subscription.updated",
        with_changes(SUBSCRIPTION, current_period_end=10**20),
    ),
    "items a string": (
        "customer.subscription.created",
        with_changes(SUBSCRIPTION, current_period_end=..., items="all of them"),
    ),
    "cancellation details a string": (
        "customer.subscription.deleted",
        with_changes(SUBSCRIPTION, status="canceled", cancellation_details="payment_failed"),
    ),
    "cancel_at_period_end a string": (
        "customer.subscription.updated",
        with_changes(SUBSCRIPTION, cancel_at_period_end="maybe"),
    ),
    "invoice lines a string": ("invoice.payment_succeeded", with_changes(INVOICE, lines="one line")),
    "invoice lines.data a string": ("invoice.payment_succeeded", with_changes(INVOICE, lines={"data": "x"})),
    "invoice line period a list": (
        "invoice.payment_succeeded",
        with_changes(INVOICE, lines={"data": [{"period": [1, 2]}]}),
    ),
    "invoice period end a string": (
        "invoice.payment_succeeded",
        with_changes(INVOICE, lines={"data": [{"period": {"end": "next year"}}]}),
    ),
    "invoice amount a string": ("invoice.payment_succeeded", with_changes(INVOICE, amount_paid="lots")),
    "invoice amount negative": ("invoice.payment_succeeded", with_changes(INVOICE, amount_paid=-4900)),
    "invoice without id": ("invoice.payment_succeeded", with_changes(INVOICE, id=...)),
    "invoice subscription an object": ("invoice.payment_succeeded", with_changes(INVOICE, subscription={"id": 1})),
    "invoice parent a string": (
        "invoice.payment_succeeded",
        with_changes(INVOICE, subscription=..., parent="sub_ok"),
    ),
    "failed invoice subscription a number": ("invoice.payment_failed", with_changes(INVOICE, subscription=7)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("type,obj", MALFORMED_OBJECTS.values(), ids=MALFORMED_OBJECTS.keys())
def test_a_signed_event_whose_object_a_handler_cannot_read_gets_a_400_and_writes_nothing(client, members, type, obj):
    response = post_event(client, event(type, obj, id="evt_malformed"))
    assert response.status_code == 400, response.content
    assert "data.object" in response.json()["error"]
    assert_nothing_written(members)


EMPTY_IDS = {
    "subscription updated with an empty id": ("customer.subscription.updated", subscription("", "past_due")),
    "subscription deleted with an empty id": ("customer.subscription.deleted", subscription("", "canceled")),
    "invoice paid for an empty subscription": ("invoice.payment_succeeded", invoice("in_x", "")),
    "invoice failed for an empty subscription": ("invoice.payment_failed", invoice("in_x", "")),
    "invoice paid with an empty id": ("invoice.payment_succeeded", invoice("", "sub_ok")),
    "newer invoice for an empty subscription": (
        "invoice.payment_failed",
        with_changes(invoice("in_x", ...), parent={"subscription_details": {"subscription": ""}}),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("type,obj", EMPTY_IDS.values(), ids=EMPTY_IDS.keys())
def test_an_empty_stripe_id_matches_no_membership(client, members, type, obj):
    """It once matched the membership that has no subscription and lapsed an active member."""
    response = post_event(client, event(type, obj))
    assert response.status_code == 400
    assert "id" in response.json()["error"]
    assert_nothing_written(members)
    assert all(m.is_active for m in Membership.objects.all())


@pytest.mark.django_db
def test_an_unknown_subscription_id_matches_nothing_and_is_acknowledged(client, members):
    for type, obj in [
        ("customer.subscription.deleted", subscription("sub_unknown", "canceled")),
        ("invoice.payment_succeeded", invoice("in_unknown", "sub_unknown")),
        ("invoice.payment_failed", invoice("in_unknown2", "sub_unknown")),
    ]:
        assert post_event(client, event(type, obj)).status_code == 200
    assert all(m.is_active for m in Membership.objects.all()) and not MembershipPayment.objects.exists()


@pytest.mark.django_db
def test_a_signature_timestamp_far_in_the_future_is_refused_like_a_stale_one(client, members):
    payload = json.dumps(event("customer.subscription.deleted", subscription("sub_ok", "canceled")))
    for timestamp in (int(time.time()) + 3600, int(time.time()) - 3600):
        response = client.post(
            "/stripe/webhook/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload, timestamp=timestamp),
        )
        assert response.status_code == 400
        assert "timestamp" in response.json()["error"].lower()
    assert_nothing_written(members)


@pytest.mark.django_db
def test_a_body_that_is_not_utf8_gets_a_400(client, members):
    body = b"\xff\xfe" + json.dumps(ENVELOPE).encode()
    header = sign(body.decode("latin-1"))
    response = client.post("/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400
    assert_nothing_written(members)


@pytest.mark.django_db
def test_well_formed_events_still_apply(client, members):
    """The checks refuse what is malformed, not what Stripe sends: the newer invoice shape, items
    carrying the period end, and null optional fields all apply."""
    followed, _ = members
    newer = with_changes(invoice("in_new", ...), parent={"subscription_details": {"subscription": "sub_ok"}})
    assert post_event(client, event("invoice.payment_succeeded", newer)).status_code == 200
    end = int(time.time()) + 100 * 86400
    updated = with_changes(
        SUBSCRIPTION,
        status="active",
        current_period_end=...,
        items={"data": [{"current_period_end": end}]},
        cancellation_details=None,
        cancel_at_period_end=None,
    )
    assert post_event(client, event("customer.subscription.updated", updated, created=int(time.time()) + 1)).json()[
        "handled"
    ]
    followed.refresh_from_db()
    assert followed.status == Membership.Status.ACTIVE and int(followed.current_period_end.timestamp()) == end
    assert MembershipPayment.objects.get().stripe_invoice_id == "in_new"


@pytest.mark.django_db
def test_the_membership_services_never_look_up_an_empty_stripe_id(members):
    """Behind the endpoint's checks, the services themselves refuse an empty id (the reconciliation
    and later callers use them too)."""
    from django.utils import timezone

    from loyalty import services

    followed, unbilled = members
    assert services.apply_stripe_state("", "canceled", timezone.now()) is None
    assert services.record_payment("sub_ok", "", 4900, timezone.now(), period_end=None) == followed
    assert services.reconcile(unbilled) == unbilled  # no call to Stripe for a subscription it has not got
    with pytest.raises(services.LoyaltyError, match="not billed by card"):
        services.cancel(unbilled.user)  # which would have been a call to create a subscription
    assert not MembershipPayment.objects.exists()
    unbilled.refresh_from_db()
    assert unbilled.is_active


@pytest.mark.django_db
def test_the_400_names_what_is_wrong(client, members):
    cases = {
        "event.created must be a whole number.": with_changes(ENVELOPE, created="yesterday"),
        "event.data.object must be an object.": with_changes(ENVELOPE, data={"object": None}),
        "event.data.object.id must be a Stripe id (a string of 1 to 255 characters).": event(
            "customer.subscription.updated", subscription("", "past_due")
        ),
        "event.data.object.lines must be an object.": event(
            "invoice.payment_succeeded", with_changes(INVOICE, lines="x")
        ),
    }
    for message, payload in cases.items():
        assert post_event(client, payload).json() == {"error": message}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_events_at_once_for_the_subscription_a_waiting_membership_awaits_both_find_it(webhook_secret):
    """A join whose subscription call got no answer waits for it; Stripe's events about the new
    subscription arrive together. The second waits for the first's lock, then finds the row by
    the subscription id the first gave it (a lookup in two steps lost it)."""
    from django.utils import timezone

    from loyalty import services
    from tests.test_loyalty import run_twice_at_once

    waiting = make_member(
        f.UserFactory(), status=Membership.Status.PENDING, stripe_customer_id="cus_waiting", stripe_subscription_id=""
    )
    end = timezone.now() + timezone.timedelta(days=365)
    outcomes = run_twice_at_once(
        lambda: services.record_payment("sub_new", "in_new", 4900, timezone.now(), end, customer_id="cus_waiting")
    )
    assert outcomes == [waiting, waiting]
    waiting.refresh_from_db()
    assert waiting.stripe_subscription_id == "sub_new" and waiting.is_active
    assert MembershipPayment.objects.get().membership == waiting
