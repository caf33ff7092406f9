"""The outbox: every Celery task that must follow a commit goes through here.

``enqueue(task, *args)`` (or ``enqueue_item(batch_task, item)``) writes a PendingTask row in the
current transaction and sends the task once that transaction commits. The send is best effort:
a broker that is down or hangs fails it within seconds (the CELERY_BROKER_* timeouts), and the
failure is logged, never raised into the request that committed. The row stays until the task
succeeds (receivers.py); ``resend_pending`` (Celery beat, every minute) sends again each message
whose rows are still there OUTBOX_RESEND_AFTER seconds later, backing off to once an hour. A
resend may overlap a slow first run, so the tasks sent this way are idempotent.
"""

import logging
import threading
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shop.celery import app as celery_app
from shop.outbox.models import PendingTask

logger = logging.getLogger(__name__)
LONGEST_BACKOFF = timedelta(hours=1)
_batches = threading.local()


def _resend_at(resends=0):
    delay = timedelta(seconds=settings.OUTBOX_RESEND_AFTER) * 2**resends
    return timezone.now() + min(delay, LONGEST_BACKOFF)


def enqueue(task, *args):
    """Run ``task(*args)`` once the current transaction commits (at once outside a transaction)."""
    row = PendingTask.objects.create(message_id=uuid.uuid4(), task=task.name, args=list(args), resend_at=_resend_at())
    transaction.on_commit(partial(send, row.task, row.message_id, row.args))


def enqueue_item(task, item):
    """Add ``item`` to the one call ``task([items])`` that the current transaction makes."""
    batch = _batches.__dict__.setdefault(task.name, {"message_id": uuid.uuid4(), "items": {}})
    batch["items"][item] = None
    PendingTask.objects.create(
        message_id=batch["message_id"], task=task.name, args=[item], is_batch_item=True, resend_at=_resend_at()
    )
    # Every item registers the send: the first to run at the commit sends the batch, the others
    # find it gone. A rollback drops its callbacks and rows but not the batch in memory, whose
    # items then ride along with the next commit's batch: harmless, the tasks are idempotent.
    transaction.on_commit(partial(_send_batch, task.name))


def _send_batch(task_name):
    batch = _batches.__dict__.pop(task_name, None)
    if batch:
        send(task_name, batch["message_id"], [list(batch["items"])])


def send(task_name, message_id, args):
    """Hand one message to Celery (in eager mode: run it). A failure is logged, not raised: the
    rows stay, and the sweep sends the message again."""
    try:
        celery_app.tasks[task_name].apply_async(args=args, task_id=str(message_id))
    except Exception:
        logger.warning(
            "Task %s (%s) was not sent or did not run; the outbox sweep will send it again.",
            task_name,
            message_id,
            exc_info=True,
        )


def resend_pending(limit=500):
    """Send again the messages still pending past their resend time, each with its rows' items,
    and move their next resend further off. Returns how many messages were sent."""
    # A worker imported every app's tasks when it started; elsewhere (eager mode, a shell) the
    # rows may name tasks whose modules nothing has imported yet.
    celery_app.loader.import_default_modules()
    now = timezone.now()
    with transaction.atomic():
        due = PendingTask.objects.filter(resend_at__lte=now).order_by().values_list("message_id", flat=True)
        rows = PendingTask.objects.select_for_update(skip_locked=True).filter(
            message_id__in=list(due.distinct()[:limit])
        )
        messages = {}
        for row in rows:
            messages.setdefault(row.message_id, []).append(row)
        for message_id, message_rows in messages.items():
            resends = max(row.resends for row in message_rows) + 1
            PendingTask.objects.filter(message_id=message_id).update(resends=resends, resend_at=_resend_at(resends))
    for message_id, (first, *others) in messages.items():
        args = [[row.args[0] for row in (first, *others)]] if first.is_batch_item else first.args
        send(first.task, message_id, args)
    return len(messages)
