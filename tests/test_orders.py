"""The life of an order after it is placed, through the one order-status service: the pipeline
for home delivery and for click-and-collect with an email per step in the customer's language,
the handover that captures the authorised payment once (two associates at once), uncollected
orders expiring, cancellations giving the money back, points on completion, Stripe's capture
events, and guest tracking by number and email. Stripe is localstripe through the real SDK."""

import contextlib
import threading
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from loyalty.models import PointsEntry
from shop.checkout import payments
from shop.checkout.models import Method
from shop.order import services
from shop.order.models import OrderStatus
from shop.order.tasks import send_status_email, settle_cancelled_payment
from tests import factories as f
from tests.test_checkout import filled_cart, intent_at_stripe, pay, ready_checkout, units

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Transaction = get_model("payment", "Transaction")


def place(basket, method=Method.HOME, store=None, language="en", capture=None):
    """The order of ``basket`` paid with the test Visa, its confirmation sent and cleared."""
    checkout = ready_checkout(basket, method, store=store)
    with capture(execute=True) if capture else contextlib.nullcontext(), translation.override(language):
        order = pay(checkout).order
    mail.outbox.clear()
    return order


def staff(user, channel=services.Channel.TABLET):
    return services.Actor(user, channel)


@pytest.fixture
def collect_order(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna's click-and-collect order of one sofa variant at Helsinki (which has 1 of it), in Finnish."""
    variant = checkout_shop["variants"][1]
    basket = filled_cart(people["anna"], (variant, 1))
    order = place(
        basket,
        Method.COLLECT,
        store=checkout_shop["helsinki"].pk,
        language="fi",
        capture=django_capture_on_commit_callbacks,
    )
    return order, variant


@pytest.mark.django_db
def test_home_delivery_goes_through_every_step_with_an_email_each_in_the_customers_language(
    checkout_shop, people, django_capture_on_commit_callbacks
):
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    cushion = checkout_shop["cushion"]
    order = place(filled_cart(people["anna"], (cushion, 2)), language="sv", capture=django_capture_on_commit_callbacks)
    assert order.status == OrderStatus.CONFIRMED and units(cushion, checkout_shop["online"]) == (40, 2, 0)
    actor = services.Actor(admin, services.Channel.DASHBOARD)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(order, OrderStatus.PICKING, actor)
    with pytest.raises(services.OrderError, match="tracking reference"):
        services.change_status(order, OrderStatus.SHIPPED, actor)
    with pytest.raises(services.WrongStatus, match="cannot become Ready for pickup"):
        services.change_status(order, OrderStatus.READY, actor)  # not a step of home delivery
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(order, OrderStatus.SHIPPED, actor, tracking_reference="JJFI6400123")
    assert units(cushion, checkout_shop["online"]) == (38, 0, 0)  # left the warehouse
    with django_capture_on_commit_callbacks(execute=True):
        order = services.change_status(order, OrderStatus.DELIVERED, services.Actor.system())
        services.change_status(order, OrderStatus.DELIVERED, services.Actor.system())  # a retry: nothing new
    assert order.completed_at is not None
    subjects = [message.subject for message in mail.outbox]
    number = order.number
    assert subjects == [
        f"Vi plockar din beställning {number}",
        f"Din beställning {number} är på väg",
        f"Din beställning {number} har levererats",
    ]
    assert "JJFI6400123" in mail.outbox[1].body and mail.outbox[0].to == ["anna@example.com"]
    changes = list(OrderStatusChange.objects.filter(order=order).values_list("new_status", "by", "channel"))
    assert changes == [
        ("picking", admin.pk, "dashboard"),
        ("shipped", admin.pk, "dashboard"),
        ("delivered", None, "system"),
    ]
    # Sent once, however often the task runs.
    assert send_status_email(OrderStatusChange.objects.last().pk) == "already told" and len(mail.outbox) == 3


@pytest.mark.django_db
def test_click_and_collect_is_made_ready_and_handed_over_with_the_pickup_code_capturing_once(
    client, collect_order, checkout_shop, people, django_capture_on_commit_callbacks
):
    order, variant = collect_order
    aino = people["aino"]
    with pytest.raises(services.WrongStatus, match="only an order ready for pickup"):
        services.hand_over(order, "ABCDEF", staff(aino))
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(order, OrderStatus.PICKING, staff(aino))
        order = services.change_status(order, OrderStatus.READY, staff(aino))
    assert len(order.pickup_code) == 6 and timezone.localtime(order.collect_by).date() == (
        timezone.localdate() + timedelta(days=7)
    )
    assert mail.outbox[-1].subject == f"Tilauksesi {order.number} on noudettavissa"
    assert order.pickup_code in mail.outbox[-1].body
    with pytest.raises(services.WrongStatus, match="handing it over"):
        services.change_status(order, OrderStatus.COLLECTED, staff(aino))
    with pytest.raises(services.WrongPickupCode):
        services.hand_over(order, "XXXXXX", staff(aino))
    with pytest.raises(services.NotAllowed):
        services.hand_over(order, order.pickup_code, staff(people["mikko"]))  # another store's associate

    code = order.pickup_code.lower()[:3] + " " + order.pickup_code[3:]  # as typed
    with django_capture_on_commit_callbacks(execute=True):
        order = services.hand_over(order, code, staff(aino))
    assert order.status == OrderStatus.COLLECTED and order.completed_at is not None
    source = order.sources.get()
    assert source.amount_debited == source.amount_allocated == order.total_incl_tax
    stripe_intent = payments.client().v1.payment_intents.retrieve(source.reference)
    assert stripe_intent.status == "succeeded" and stripe_intent.amount == int(order.total_incl_tax * 100)
    assert units(variant, checkout_shop["helsinki"]) == (0, 0, 0)
    assert mail.outbox[-1].subject == f"Noudit tilauksesi {order.number}"


@pytest.mark.django_db(transaction=True)
def test_two_associates_handing_over_at_once_capture_once(checkout_shop, people):
    variant = checkout_shop["variants"][1]
    order = place(filled_cart(people["anna"], (variant, 1)), Method.COLLECT, store=checkout_shop["helsinki"].pk)
    aino, eino = people["aino"], f.staff_member(checkout_shop["helsinki"], email="eino@example.com")
    services.change_status(order, OrderStatus.PICKING, staff(aino))
    order = services.change_status(order, OrderStatus.READY, staff(aino))
    outcomes, barrier = [], threading.Barrier(2)

    def hand_over(user):
        barrier.wait()
        try:
            outcomes.append(services.hand_over(Order.objects.get(pk=order.pk), order.pickup_code, staff(user)).status)
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=hand_over, args=(user,)) for user in (aino, eino)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["collected", "collected"]
    source = Order.objects.get(pk=order.pk).sources.get()
    assert source.amount_debited == order.total_incl_tax
    assert source.transactions.filter(txn_type=Transaction.DEBIT).count() == 1
    assert OrderStatusChange.objects.filter(order=order, new_status="collected").count() == 1
    assert units(variant, checkout_shop["helsinki"]) == (0, 0, 0)


@pytest.mark.django_db
def test_an_order_not_collected_in_time_is_cancelled_its_payment_released_and_stock_back(
    collect_order, checkout_shop, people, django_capture_on_commit_callbacks
):
    order, variant = collect_order
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(order, OrderStatus.PICKING, staff(people["aino"]))
        order = services.change_status(order, OrderStatus.READY, staff(people["aino"]))
    assert services.expire_uncollected(order.collect_by - timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.expire_uncollected(order.collect_by + timedelta(minutes=1)) == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.pickup_code == ""
    assert units(variant, checkout_shop["helsinki"]) == (1, 0, 0)
    source = order.sources.get()
    assert intent_at_stripe(source.reference).status == "canceled" and source.amount_debited == 0
    assert settle_cancelled_payment(order.pk) == "already settled"
    assert mail.outbox[-1].subject == f"Tilauksesi {order.number} on peruttu"
    assert "Ei noudettu ajoissa." in mail.outbox[-1].body  # the reason, in Finnish


@pytest.mark.django_db
def test_a_cancelled_paid_order_is_refunded_in_full_once(checkout_shop, people, django_capture_on_commit_callbacks):
    order = place(
        filled_cart(people["anna"], (checkout_shop["cushion"], 1)), capture=django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(order, OrderStatus.CANCELLED, services.Actor.system(), reason="Out of stock")
    source = order.sources.get()
    assert source.amount_refunded == order.total_incl_tax
    refunds = payments.client().v1.refunds.list(params={"payment_intent": source.reference}).data
    assert [refund.amount for refund in refunds] == [int(order.total_incl_tax * 100)]
    assert settle_cancelled_payment(order.pk) == "already settled"
    # Even if the record of the refund were lost, the key on Stripe's refund stops a second one.
    payments.refund(source.reference, order.total_incl_tax, f"order-{order.number}-cancel")
    assert len(payments.client().v1.refunds.list(params={"payment_intent": source.reference}).data) == 1
    assert units(checkout_shop["cushion"], checkout_shop["online"]) == (40, 0, 0)
    with pytest.raises(services.WrongStatus):
        services.change_status(order, OrderStatus.PICKING, services.Actor.system())


@pytest.mark.django_db
def test_a_members_points_are_earned_when_the_order_is_completed_not_when_placed(
    checkout_shop, people, django_capture_on_commit_callbacks
):
    from tests.test_loyalty import make_member

    anna = people["anna"]
    make_member(anna)
    order = place(filled_cart(anna, (checkout_shop["cushion"], 2)), capture=django_capture_on_commit_callbacks)
    assert not PointsEntry.objects.filter(order=order).exists()
    for status in ("picking", "shipped", "delivered"):
        services.change_status(order, status, services.Actor.system(), tracking_reference="JJFI1")
    earned = PointsEntry.objects.get(order=order)
    assert (earned.kind, earned.points) == ("earned", int(order.total_incl_tax - order.shipping_incl_tax))


@pytest.mark.django_db
def test_a_signed_capture_event_records_the_capture_once(
    client, collect_order, people, django_capture_on_commit_callbacks
):
    from tests.test_checkout import intent_event
    from tests.test_loyalty import post_event

    order, _variant = collect_order
    source = order.sources.get()
    # Captured in Stripe's dashboard (not through the shop): Stripe tells by a signed event.
    payments.client().v1.payment_intents.capture(source.reference)
    intent = payments.retrieve(source.reference)
    event = intent_event("succeeded", intent)
    event["id"] = f"evt_{uuid.uuid4().hex}"
    assert post_event(client, event).json()["handled"] is True
    again = intent_event("succeeded", intent)
    again["id"] = f"evt_{uuid.uuid4().hex}"
    assert post_event(client, again).status_code == 200
    source.refresh_from_db()
    assert source.amount_debited == order.total_incl_tax
    assert source.transactions.filter(txn_type=Transaction.DEBIT).count() == 1
    # The handover later captures nothing more.
    services.change_status(order, OrderStatus.PICKING, staff(people["aino"]))
    order = services.change_status(order, OrderStatus.READY, staff(people["aino"]))
    services.hand_over(order, order.pickup_code, staff(people["aino"]))
    assert source.transactions.filter(txn_type=Transaction.DEBIT).count() == 1


@pytest.mark.django_db
def test_moves_outside_the_pipeline_or_by_the_wrong_people_are_refused_with_a_message(collect_order, people):
    order, _variant = collect_order
    shopper = staff(people["anna"], services.Channel.WEB)
    with pytest.raises(services.NotAllowed):
        services.change_status(order, OrderStatus.PICKING, shopper)
    with pytest.raises(services.NotAllowed):
        services.change_status(order, OrderStatus.PICKING, staff(people["mikko"]))
    with pytest.raises(services.WrongStatus, match="It can become: Being picked, Cancelled"):
        services.change_status(order, OrderStatus.SHIPPED, staff(people["aino"]))
    with pytest.raises(services.WrongStatus):
        services.change_status(order, "nonsense", staff(people["aino"]))
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CONFIRMED


# --- Tracking ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_guest_tracks_an_order_by_number_and_email_and_a_wrong_email_tells_nothing(
    client, checkout_shop, settings, django_capture_on_commit_callbacks
):
    from tests.test_checkout import checkout

    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, checkout_shop, guest_email="guest@example.com")
    confirmation = mail.outbox[0].body
    stranger = client.__class__()
    track = reverse("orders:track")
    response = stranger.post(track, {"number": order.number, "email": "other@example.com"})
    assert response.status_code == 404 and "We found no order" in response.content.decode()
    response = stranger.post(track, {"number": "999999", "email": "guest@example.com"})
    assert response.status_code == 404 and "We found no order" in response.content.decode()
    assert stranger.get(reverse("orders:detail", kwargs={"number": order.number})).status_code == 404
    assert stranger.post(track, {"number": order.number, "email": "nonsense"}).status_code == 400
    response = stranger.post(track, {"number": order.number, "email": " Guest@Example.com "})
    assert response.status_code == 302
    page = stranger.get(response["Location"])
    assert page.status_code == 200 and 'data-status="confirmed"' in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    # The link in the emails opens it in any browser.
    link = next(word for word in confirmation.split() if "/orders/" in word)
    fresh = client.__class__()
    assert fresh.get(link, follow=True).context["order"] == order
    assert fresh.get(link.replace(":", ":x", 1)).status_code == 404
    # Guessing is limited per client address.
    settings.SHOP_ORDER_LOOKUP_FAILURE_LIMITS = {"ip": (3, 900)}
    guesser = client.__class__()
    for _attempt in range(3):
        guesser.post(track, {"number": order.number, "email": "guess@example.com"})
    response = guesser.post(track, {"number": order.number, "email": "guest@example.com"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_the_tracking_page_shows_each_step_with_its_time_and_the_pickup_code(
    client, collect_order, people, django_capture_on_commit_callbacks
):
    order, _variant = collect_order
    services.change_status(order, OrderStatus.PICKING, staff(people["aino"]))
    order = services.change_status(order, OrderStatus.READY, staff(people["aino"]))
    client.force_login(people["anna"])
    # Oscar's order page of the account leads here.
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}), follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and order.pickup_code in page
    for status in ("confirmed", "picking", "ready", "collected"):
        assert f'data-step="{status}"' in page
    assert page.count("is-done") == 3 and 'aria-current="step"' in page
    client.force_login(people["mikko"])  # staff, but not the customer: the customer's page is not theirs
    assert client.get(reverse("orders:detail", kwargs={"number": order.number})).status_code == 404


@pytest.mark.django_db
def test_keys_no_database_can_hold_are_not_found_not_a_server_error(client, collect_order, people):
    order, _variant = collect_order
    client.force_login(people["anna"])
    for url in ("/orders/%00/", "/orders/%00/return/", f"/orders/{order.number}/returns/%00/", "/orders/1%00/x/"):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("orders:track"), {"number": "1\x00", "email": "a@example.com"}).status_code in (400, 404)
    client.force_login(people["aino"])
    assert client.get("/store/orders/%00/").status_code == 404


@pytest.mark.django_db
def test_with_stripe_unreachable_the_handover_and_the_refund_wait_and_lose_nothing(
    collect_order, checkout_shop, people, stripe_settings, django_capture_on_commit_callbacks
):
    from shop.returns import services as return_services
    from shop.returns.models import Return
    from shop.returns.tasks import refund_return

    order, variant = collect_order
    aino = staff(people["aino"])
    services.change_status(order, OrderStatus.PICKING, aino)
    order = services.change_status(order, OrderStatus.READY, aino)
    localstripe = stripe_settings.STRIPE_API_BASE
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: connection refused
    with pytest.raises(services.PaymentUnavailable, match="did not answer, so nothing was handed over"):
        services.hand_over(order, order.pickup_code, aino)
    order.refresh_from_db()
    assert order.status == OrderStatus.READY and order.sources.get().amount_debited == 0
    assert units(variant, checkout_shop["helsinki"]) == (1, 1, 0)
    stripe_settings.STRIPE_API_BASE = localstripe
    with django_capture_on_commit_callbacks(execute=True):
        order = services.hand_over(order, order.pickup_code, aino)
    assert order.status == OrderStatus.COLLECTED
    # The refund of a return received while Stripe is down waits (the task retries; the outbox
    # resends it) and is made once when Stripe answers again.
    anna = services.Actor(people["anna"], services.Channel.WEB)
    returned = return_services.request_return(order, {order.lines.get().pk: 1}, "damaged", anna)
    return_services.receive(returned, aino)  # the refund task is queued, not run here
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with pytest.raises(payments.StripeError):
        refund_return(returned.pk)
    assert Return.objects.get(pk=returned.pk).status == Return.Status.RECEIVED
    stripe_settings.STRIPE_API_BASE = localstripe
    refund_return(returned.pk)
    refund_return(returned.pk)
    assert Return.objects.get(pk=returned.pk).status == Return.Status.REFUNDED
    source = order.sources.get()
    assert len(payments.client().v1.refunds.list(params={"payment_intent": source.reference}).data) == 1
