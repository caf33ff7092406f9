"""A task sent through the outbox is done when it succeeds: its rows go (their message id is the
Celery task id). A task that fails or is retried keeps them, so the sweep sends it again."""

import uuid

from celery import states
from celery.signals import task_postrun

from shop.outbox.models import PendingTask


@task_postrun.connect(dispatch_uid="outbox.task_done")
def task_done(task_id=None, state=None, **kwargs):
    if state != states.SUCCESS:
        return
    try:
        message_id = uuid.UUID(str(task_id))
    except ValueError:
        return  # not an outbox message
    PendingTask.objects.filter(message_id=message_id).delete()
