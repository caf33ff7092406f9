"""Free online returns: asked for on the order's page (or through the service), received once at the
warehouse or in a store (stock back there), refunded once to the card through Stripe (localstripe),
points on those lines taken back, the customer told in their language."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from loyalty.models import PointsEntry
from shop.checkout import payments
from shop.order import services as order_services
from shop.returns import services
from shop.returns.models import Return
from shop.returns.tasks import refund_return
from tests import factories as f
from tests.test_checkout import filled_cart, units
from tests.test_orders import place

Order = get_model("order", "Order")
SYSTEM = order_services.Actor.system()


def deliver(order):
    for status in ("picking", "shipped", "delivered"):
        order = order_services.change_status(order, status, SYSTEM, tracking_reference="JJFI1")
    return order


def refunds_at_stripe(order):
    source = order.sources.get()
    return [
        refund.amount for refund in payments.client().v1.refunds.list(params={"payment_intent": source.reference}).data
    ]


@pytest.fixture
def delivered(checkout_shop, people, django_capture_on_commit_callbacks):
    """Anna, a member, has had 3 cushions and a sofa variant delivered (ordered in Swedish)."""
    from tests.test_loyalty import make_member

    make_member(people["anna"])
    basket = filled_cart(people["anna"], (checkout_shop["cushion"], 3), (checkout_shop["variants"][0], 1))
    order = place(basket, language="sv", capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        order = deliver(order)
    mail.outbox.clear()
    return order


def lines_by_product(order):
    return {line.product_id: line for line in order.lines.all()}


@pytest.mark.django_db
def test_a_partial_return_is_refunded_once_with_stock_back_and_points_reversed(
    checkout_shop, people, delivered, django_capture_on_commit_callbacks
):
    order, cushion = delivered, checkout_shop["cushion"]
    line = lines_by_product(order)[cushion.pk]
    earned = PointsEntry.objects.get(order=order, kind="earned").points
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.request_return(order, {line.pk: 2}, "changed-mind", anna)
    assert created.amount == (line.line_price_incl_tax * 2 / 3).quantize(Decimal("0.01"))
    assert mail.outbox[-1].subject == f"Din retur {created.code} av beställning {order.number}"
    assert created.code in mail.outbox[-1].body
    with pytest.raises(services.ReturnError, match="at most 1 of"):
        services.request_return(order, {line.pk: 2}, "changed-mind", anna)  # only 1 left
    in_stock = units(cushion, checkout_shop["online"])[0]
    warehouse = order_services.Actor(f.UserFactory(is_superuser=True, is_staff=True), order_services.Channel.DASHBOARD)
    with django_capture_on_commit_callbacks(execute=True):
        services.receive(created, warehouse)
    with pytest.raises(order_services.WrongStatus, match="already received"):
        services.receive(created, warehouse)
    created.refresh_from_db()
    assert created.status == Return.Status.REFUNDED and created.received_in is None
    assert units(cushion, checkout_shop["online"])[0] == in_stock + 2
    assert refunds_at_stripe(order) == [int(created.amount * 100)]
    assert refund_return(created.pk) == "nothing to do (refunded)"
    assert refunds_at_stripe(order) == [int(created.amount * 100)]
    source = order.sources.get()
    assert source.amount_refunded == created.amount
    goods = order.total_incl_tax - order.shipping_incl_tax
    reversed_points = PointsEntry.objects.get(order=order, kind="reversed").points
    assert reversed_points == -int((earned * created.amount / goods).to_integral_value(rounding="ROUND_CEILING"))
    assert mail.outbox[-1].subject == f"Din återbetalning för retur {created.code}"


@pytest.mark.django_db
def test_returning_everything_refunds_exactly_what_was_paid_and_no_more(
    checkout_shop, people, delivered, django_capture_on_commit_callbacks
):
    order = delivered
    lines = lines_by_product(order)
    cushion_line = lines[checkout_shop["cushion"].pk]
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    first = services.request_return(order, {cushion_line.pk: 1}, "damaged", anna)
    rest = {line.pk: line.quantity for line in lines.values()} | {cushion_line.pk: 2}
    second = services.request_return(order, rest, "changed-mind", anna)
    assert first.amount + second.amount == order.total_incl_tax  # the delivery comes back with the last units
    with pytest.raises(services.ReturnError, match="returned already"):
        services.request_return(order, {cushion_line.pk: 1}, "changed-mind", anna)
    staff = order_services.Actor(people["aino"], order_services.Channel.TABLET)
    with django_capture_on_commit_callbacks(execute=True):
        services.receive(first, staff)
        services.receive(second, staff)
    assert sorted(refunds_at_stripe(order)) == sorted([int(first.amount * 100), int(second.amount * 100)])
    assert order.sources.get().amount_refunded == order.total_incl_tax
    # Received in Helsinki: the units are on that store's shelf now.
    assert units(checkout_shop["cushion"], checkout_shop["helsinki"])[0] == 3


@pytest.mark.django_db
def test_returns_are_refused_before_completion_after_the_period_and_for_bad_input(
    client, checkout_shop, people, delivered, django_capture_on_commit_callbacks
):
    anna = order_services.Actor(people["anna"], order_services.Channel.WEB)
    open_order = place(
        filled_cart(people["anna"], (checkout_shop["cushion"], 1)), capture=django_capture_on_commit_callbacks
    )
    with pytest.raises(services.ReturnError, match="once it has been delivered"):
        services.request_return(open_order, {open_order.lines.get().pk: 1}, "changed-mind", anna)
    order = delivered
    line = lines_by_product(order)[checkout_shop["cushion"].pk]
    later = order.completed_at + timedelta(days=31)
    with pytest.raises(services.ReturnError, match="return period of 30 days"):
        services.request_return(order, {line.pk: 1}, "changed-mind", anna, now=later)
    for quantities in ({line.pk: 0}, {open_order.lines.get().pk: 1}, {line.pk: -1}, {line.pk: "1"}, {}):
        with pytest.raises(services.ReturnError):
            services.request_return(order, quantities, "changed-mind", anna)
    with pytest.raises(services.ReturnError):
        services.request_return(order, {line.pk: 1}, "because", anna)
    with pytest.raises(order_services.NotAllowed):
        services.request_return(order, {line.pk: 1}, "changed-mind", order_services.Actor(people["mikko"]))
    with pytest.raises(order_services.NotAllowed):
        services.receive(
            services.request_return(order, {line.pk: 1}, "damaged", anna), order_services.Actor(people["anna"])
        )
    assert Return.objects.count() == 1 and Return.objects.get().status == "requested"

    # On the web: a bad quantity or reason is a 400 on the page, and nothing is written.
    client.force_login(people["anna"])
    url = reverse("orders:request-return", kwargs={"number": order.number})
    for data in ({f"line_{line.pk}": "9", "reason": "damaged"}, {f"line_{line.pk}": "1", "reason": "x"}, {}):
        assert client.post(url, data).status_code == 400
    assert Return.objects.count() == 1
    client.force_login(people["mikko"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_customer_returns_on_the_web_and_gets_a_printable_label(
    client, checkout_shop, people, delivered, django_capture_on_commit_callbacks
):
    order = delivered
    line = lines_by_product(order)[checkout_shop["cushion"].pk]
    client.force_login(people["anna"])
    page = client.get(reverse("orders:detail", kwargs={"number": order.number})).content.decode()
    assert reverse("orders:request-return", kwargs={"number": order.number}) in page
    form = client.get(reverse("orders:request-return", kwargs={"number": order.number}))
    assert form.status_code == 200 and f'name="line_{line.pk}"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orders:request-return", kwargs={"number": order.number}),
            {f"line_{line.pk}": "1", "reason": "not-as-described", "comment": "Colour differs"},
        )
    assert response.status_code == 302
    created = Return.objects.get()
    assert response["Location"] == reverse("orders:return", kwargs={"number": order.number, "code": created.code})
    label = client.get(response["Location"]).content.decode()
    assert created.code in label and "Varastotie 1" in label and "data:image/svg+xml" in label
    assert created.comment == "Colour differs" and created.requested_by == people["anna"]
    page = client.get(reverse("orders:detail", kwargs={"number": order.number})).content.decode()
    assert f'data-return="{created.code}"' in page
