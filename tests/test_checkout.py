"""Checkout with Oscar's dummy payment, and the order confirmation email sent by Celery."""

import os
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from shop.celery import app as celery_app
from tests import factories as f

Order = get_model("order", "Order")
Country = get_model("address", "Country")
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


def checkout(client, shop_data, guest_email=None):
    """Put a sofa variant (x1) and two cushions in the cart and go through every checkout step."""
    Country.objects.get_or_create(
        iso_3166_1_a2="FI", defaults={"name": "Finland", "printable_name": "Finland", "is_shipping_country": True}
    )
    client.post(
        reverse("basket:add", kwargs={"pk": shop_data["sofa"].pk}),
        {"child_id": shop_data["variants"][0].pk, "quantity": 1},
    )
    client.post(reverse("basket:add", kwargs={"pk": shop_data["cushion"].pk}), {"quantity": 2})
    if guest_email:
        response = client.post(reverse("checkout:index"), {"username": guest_email, "options": "anonymous"})
        assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.context["form"].errors
    response = client.get(reverse("checkout:shipping-method"), follow=True)
    assert response.status_code == 200
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302, response.content
    assert response["Location"] == reverse("checkout:thank-you")
    return Order.objects.get()


@pytest.mark.django_db
def test_signed_in_checkout_places_an_order_with_the_right_lines_and_totals(
    client, shop_data, django_capture_on_commit_callbacks
):
    user = f.UserFactory(email="anna@example.com")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, shop_data)

    assert order.user == user
    lines = {line.product: (line.quantity, line.line_price_incl_tax) for line in order.lines.all()}
    assert lines == {
        shop_data["variants"][0]: (1, Decimal("1299.00")),
        shop_data["cushion"]: (2, Decimal("59.80")),
    }
    # Home delivery costs 9.90 (7.89 + VAT) for a customer who is not a member.
    assert order.shipping_incl_tax == Decimal("9.90")
    assert order.total_incl_tax == Decimal("1368.70")
    assert order.total_excl_tax == Decimal("1090.59")  # 1035.06 + 2 x 23.82 + 7.89
    assert order.currency == "EUR"
    assert order.shipping_address.line4 == "Helsinki"
    # Stock is allocated in the warehouse that fulfils web orders.
    record = shop_data["variants"][0].stockrecords.get(partner=shop_data["online"].partner)
    assert record.num_allocated == 1

    thank_you = client.get(reverse("checkout:thank-you"))
    assert order.number in thank_you.content.decode()
    # The confirmation email, sent by the Celery task once the order committed.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.com"]
    assert order.number in mail.outbox[0].body
    assert order.communication_events.count() == 1


@pytest.mark.django_db
def test_guest_checkout_emails_the_guest(client, shop_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, shop_data, guest_email="guest@example.com")
    assert order.user is None and order.guest_email == "guest@example.com"
    assert mail.outbox[0].to == ["guest@example.com"]


@pytest.mark.django_db
def test_confirmation_task_is_safe_to_retry(client, shop_data, django_capture_on_commit_callbacks):
    from shop.checkout.tasks import send_order_confirmation

    client.force_login(f.UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, shop_data)
    assert send_order_confirmation.delay(order.pk).get() == "already sent"
    assert len(mail.outbox) == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_order_confirmation(client, shop_data, tmp_path):
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
        order = checkout(client, shop_data)  # queues the task on commit, to Redis
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
    mail = "".join(p.read_text() for p in mail_dir.iterdir())
    assert "ben@example.com" in mail and order.number in mail
    assert "Task shop.checkout.tasks.send_order_confirmation" in output and "succeeded" in output, output
