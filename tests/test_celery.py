"""Background work: the tasks a real worker's app registers, and the outbox that records what
must follow a commit and sends it until it succeeds."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from shop.outbox import services
from shop.outbox.models import PendingTask
from tests import factories as f
from tests.test_checkout import checkout
from tests.test_outages import closed_port

ROOT = Path(__file__).resolve().parent.parent

# What `celery -A shop worker` does before it consumes: load the app, then import the task
# modules (import_default_modules runs the autodiscovery).
WORKER_VIEW = """
import json
from shop.celery import app
app.loader.import_default_modules()
print(json.dumps({
    "registered": sorted(app.tasks),
    "beat": {name: entry["task"] for name, entry in app.conf.beat_schedule.items()},
}))
"""


def test_every_task_of_the_beat_schedule_is_registered_on_the_worker_app():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings", "CELERY_TASK_ALWAYS_EAGER": "false"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER_VIEW], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    worker = json.loads(result.stdout.strip().splitlines()[-1])
    assert worker["beat"], "the worker's app has no beat schedule"
    unregistered = {name: task for name, task in worker["beat"].items() if task not in worker["registered"]}
    assert not unregistered, f"beat would send tasks no worker knows: {unregistered}"


# --- The outbox: what must follow a commit is recorded with it and sent until it succeeds -------


@pytest.mark.django_db
def test_a_task_that_fails_stays_in_the_outbox_and_the_sweep_runs_it_again(
    client, shop_data, settings, stripe_settings, django_capture_on_commit_callbacks
):
    """The mail server refuses the confirmation (eager tasks: it runs at the commit); the order is
    placed all the same and the sweep sends the email once the mail server is back."""
    PendingTask.objects.all().delete()  # the fixture's reindex, which it ran directly
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = closed_port()
    client.force_login(f.UserFactory(email="anna@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(client, shop_data)
    pending = PendingTask.objects.get()
    assert pending.args == [order.pk] and pending.resends == 0
    assert pending.resend_at > timezone.now() + timedelta(seconds=settings.OUTBOX_RESEND_AFTER - 60)

    assert services.resend_pending() == 0  # not due yet: a first run may still be going
    PendingTask.objects.update(resend_at=timezone.now())
    assert services.resend_pending() == 1  # still refused: it stays, and waits twice as long
    pending.refresh_from_db()
    assert pending.resends == 1
    assert pending.resend_at > timezone.now() + timedelta(seconds=2 * settings.OUTBOX_RESEND_AFTER - 60)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    PendingTask.objects.update(resend_at=timezone.now())
    assert services.resend_pending() == 1
    assert not PendingTask.objects.exists()
    assert [message.to for message in mail.outbox] == [["anna@example.com"]]
    assert order.communication_events.count() == 1


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_pending_task(shop_data):
    class Refused(Exception):
        pass

    PendingTask.objects.all().delete()  # the fixture's reindex, which it ran directly
    with pytest.raises(Refused), transaction.atomic():
        shop_data["book"].title = "Finnish Design Classics, 2nd edition"
        shop_data["book"].save()
        assert PendingTask.objects.filter(task="catalogue.tasks.reindex_products").exists()
        raise Refused
    assert not PendingTask.objects.exists()


@pytest.mark.django_db
def test_one_transaction_makes_one_reindex_call_for_every_product_it_touched(
    shop_data, django_capture_on_commit_callbacks
):
    PendingTask.objects.all().delete()  # the fixture's reindex, which it ran directly
    sofa, variants = shop_data["sofa"], shop_data["variants"]
    with django_capture_on_commit_callbacks() as callbacks:
        for product in [sofa, *variants, sofa]:
            product.save()
    rows = PendingTask.objects.all()
    assert rows.values("message_id").distinct().count() == 1
    assert {row.args[0] for row in rows} == {sofa.pk, *(v.pk for v in variants)}
    for callback in callbacks:
        callback()
    assert not PendingTask.objects.exists()  # the one call ran (eagerly) and succeeded


@pytest.mark.django_db
def test_expired_sessions_are_cleared_by_their_task(client):
    from django.contrib.sessions.models import Session

    from shop.tasks import clear_expired_sessions

    client.force_login(f.UserFactory())
    expired = Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    clear_expired_sessions.delay()
    assert not Session.objects.filter(pk=expired.pk).exists() and Session.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_pending_message_once():
    import uuid

    from tests.test_loyalty import run_twice_at_once

    for _ in range(10):
        PendingTask.objects.create(
            message_id=uuid.uuid4(), task="shop.tasks.clear_expired_sessions", args=[], resend_at=timezone.now()
        )
    sent = run_twice_at_once(services.resend_pending)
    assert sorted(sent) != [10, 10] and sum(sent) == 10
    assert not PendingTask.objects.exists()  # each ran (eagerly) and succeeded
