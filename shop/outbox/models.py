from django.db import models
from django.utils import timezone


class PendingTask(models.Model):
    """A Celery task that a committed change made necessary and that has not succeeded yet.

    Written in the transaction of that change, so the change and the promise to act on it commit
    together; deleted when the task succeeds (``message_id`` is the Celery task id). Rows sharing
    a message are one call of a batch task, which receives the list of their items: a publish
    that changes a product and its four variants is reindexed by one task, not five.
    """

    message_id = models.UUIDField(db_index=True)
    task = models.CharField(max_length=255, help_text="The registered Celery task name")
    args = models.JSONField(help_text="The call's arguments; for a batch row, [its item]")
    is_batch_item = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    # Sends by the sweep so far, and when it may send the message again (the first send is the
    # one after the commit).
    resends = models.PositiveIntegerField(default=0)
    resend_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.task} {self.args} ({self.message_id})"
